//! What the spreadsheet targets (spreadsheet, xls, ods) share: one call of
//! `excel::read_workbook` per input, under the product's panic handling.
//!
//! Panic modes, chosen once from the environment:
//! - default (the product's behaviour): `quiet_reader_panics()` is installed
//!   over libfuzzer-sys's hook, so a panic inside the reader (which
//!   `read_workbook` catches and turns into an error) is not a crash, and
//!   every other panic still prints and aborts (a crash).
//! - `FUZZ_STRICT_PANICS=1`: every panic is a crash, caught or not; the
//!   panic's message and a backtrace are printed before the abort.
//! - `FUZZ_STRICT_SITE=text`: only reader panics whose site contains `text`
//!   are crashes (to minimise one panic site without drifting to another);
//!   others are caught as usual. Without " <- " in `text`, only the
//!   location is compared (no symbol resolution: fast). A site is the panic's location and its
//!   caller: "calamine-0.38.0/src/utils.rs:48:25 <- calamine-0.38.0/src/xls.rs:1104".
//! - `FUZZ_PANIC_LOG=dir`: each caught reader panic at a site without a file
//!   in `dir` yet saves the input there, named after the site (with a .txt
//!   beside it: the site and the message), so a non-strict run makes a
//!   census of the distinct panic sites, one input each.
//! Sites are resolved from the backtrace once per distinct stack: the first
//! resolution loads the debug information (seconds), so census and
//! minimisation runs want a -timeout above 2.
//! - `FUZZ_DEBUG=1`: prints each input's sheets and headers, or the error
//!   (run a corpus file to check that it reads as a genuine workbook).

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::{Mutex, Once, OnceLock};

use mentor_evidence::config::OneOrMany;
use mentor_evidence::ingest::budget::Budget;
use mentor_evidence::ingest::excel;
use mentor_evidence::ingest::header::HeaderSpec;
use mentor_evidence::ingest::{Layout, Wanted};

/// Small enough that a legitimate allocation stays far below libFuzzer's
/// -malloc_limit_mb=300.
const BUDGET: Budget = Budget {
    max_expanded: 64_000_000,
    max_cells: 1_000_000,
    max_text: 64_000_000,
};

thread_local! {
    /// The current input, kept only when FUZZ_PANIC_LOG is set.
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

struct Mode {
    strict: bool,
    site: Option<String>,
    log: Option<PathBuf>,
    /// FUZZ_DEBUG=1: print what each input reads as (to check the seeds).
    debug: bool,
}

static MODE: OnceLock<Mode> = OnceLock::new();

fn install_hook() {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mode = Mode {
        strict: env("FUZZ_STRICT_PANICS").is_some_and(|v| v != "0"),
        site: env("FUZZ_STRICT_SITE"),
        log: env("FUZZ_PANIC_LOG").map(PathBuf::from),
        debug: env("FUZZ_DEBUG").is_some(),
    };
    if let Some(dir) = &mode.log {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = MODE.set(mode);
    // The current hook is libfuzzer-sys's (print, then abort).
    // quiet_reader_panics() keeps it for panics outside the reader only.
    excel::quiet_reader_panics();
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Aborts here unless the panic is inside the reader.
        quiet(info);
        // A reader panic, which read_workbook will catch.
        let Some(mode) = MODE.get() else { return };
        if !mode.strict && mode.site.is_none() && mode.log.is_none() {
            return;
        }
        let location = info.location().map_or_else(
            || "unknown".to_string(),
            |l| format!("{}:{}:{}", short_path(l.file()), l.line(), l.column()),
        );
        if mode.strict {
            eprintln!("reader panic (a crash in strict mode): {info}");
            eprintln!("{}", std::backtrace::Backtrace::force_capture());
            std::process::abort();
        }
        // A wanted site without " <- " is matched against the location
        // alone, without resolving the caller (faster).
        let site = match &mode.site {
            Some(wanted) if !wanted.contains(" <- ") && mode.log.is_none() => location.clone(),
            _ => site(&location),
        };
        if mode.site.as_ref().is_some_and(|s| site.contains(s.as_str())) {
            eprintln!("reader panic at the site {site} (FUZZ_STRICT_SITE): {info}");
            eprintln!("{}", std::backtrace::Backtrace::force_capture());
            std::process::abort();
        }
        if let Some(dir) = &mode.log {
            let name: String = site
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' })
                .collect();
            let path = dir.join(&name);
            if !path.exists() {
                INPUT.with(|input| {
                    let _ = std::fs::write(&path, &*input.borrow());
                });
                let message = info.payload_as_str().unwrap_or("");
                let _ = std::fs::write(dir.join(format!("{name}.txt")), format!("{site}\n{message}\n"));
            }
        }
    }));
}

/// A source path from its crate's folder on: calamine-0.38.0/src/xls.rs.
fn short_path(file: &str) -> String {
    match file.rsplit_once("/src/") {
        Some((dir, rest)) => format!("{}/src/{rest}", dir.rsplit('/').next().unwrap_or("")),
        None => file.to_string(),
    }
}

/// A panic's site: its location, and the first frame of the backtrace
/// outside the standard library at another line (the caller, which tells
/// apart the many callers of calamine's `read_u16` and its kin):
/// "calamine-0.38.0/src/utils.rs:48:25 <- calamine-0.38.0/src/xls.rs:1104".
/// Symbols are resolved once per distinct stack of return addresses.
fn site(location: &str) -> String {
    // Keyed by the location too: the optimiser merges panic calls of
    // different locations into one call instruction.
    static SITES: Mutex<Vec<((String, Vec<usize>), String)>> = Mutex::new(Vec::new());
    let mut ips = Vec::with_capacity(32);
    backtrace::trace(|frame| {
        ips.push(frame.ip() as usize);
        ips.len() < 32
    });
    let key = (location.to_string(), ips);
    let mut sites = SITES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, site)) = sites.iter().find(|(known, _)| *known == key) {
        return site.clone();
    }
    let ips = &key.1;
    // file:line of the location, without the column.
    let here = location.rsplit_once(':').map_or(location, |(fl, _)| fl).to_string();
    let mut caller = None;
    for &ip in ips {
        backtrace::resolve(ip as *mut std::ffi::c_void, |symbol| {
            if caller.is_some() {
                return;
            }
            let (Some(file), Some(line)) = (symbol.filename(), symbol.lineno()) else {
                return;
            };
            let file = file.to_string_lossy();
            let foreign = ["/rustc/", "/library/", "/backtrace-", "/libfuzzer-sys-", "/fuzz_targets/"];
            if foreign.iter().any(|f| file.contains(f)) {
                return;
            }
            let at = format!("{}:{line}", short_path(&file));
            if at != here {
                caller = Some(at);
            }
        });
        if caller.is_some() {
            break;
        }
    }
    let site = match caller {
        Some(caller) => format!("{location} <- {caller}"),
        None => location.to_string(),
    };
    sites.push((key, site.clone()));
    site
}

fn wanted() -> &'static Wanted {
    static WANTED: OnceLock<Wanted> = OnceLock::new();
    WANTED.get_or_init(|| {
        Wanted::new([
            "Mentor ID",
            "Name",
            "Organisation",
            "Sector",
            "Mentee capacity",
            "Trained",
            "Student ID",
            "Email",
            "Completion time",
            "ID",
            "Date",
            "Finished",
            "EndDate",
            "Q1_1",
        ])
    })
}

/// Reads `data` as the workbook `context` names. The input's length picks
/// one of three readings, so each execution parses the workbook once:
/// every sheet in the plain layout; the first sheet in the Qualtrics layout
/// (two rows after the header); every column of every sheet, first 20 rows
/// (`init`'s preview).
pub fn read(context: &str, data: &[u8]) {
    static INIT: Once = Once::new();
    INIT.call_once(install_hook);
    let logging = MODE.get().is_some_and(|m| m.log.is_some());
    if logging {
        INPUT.with(|input| {
            let mut input = input.borrow_mut();
            input.clear();
            input.extend_from_slice(data);
        });
    }
    let every = OneOrMany::One("*".to_string());
    let all = Wanted::all();
    let (sheets, spec) = match data.len() % 3 {
        0 => (
            Some(&every),
            HeaderSpec { layout: Layout::Plain, wanted: wanted(), row: None, max_rows: None },
        ),
        1 => (
            None,
            HeaderSpec { layout: Layout::Qualtrics, wanted: wanted(), row: None, max_rows: None },
        ),
        _ => (
            Some(&every),
            HeaderSpec { layout: Layout::Plain, wanted: &all, row: None, max_rows: Some(20) },
        ),
    };
    let read = excel::read_workbook(context, data, sheets, spec, &BUDGET);
    if MODE.get().is_some_and(|m| m.debug) {
        match read {
            Ok(book) => {
                for table in &book.tables {
                    eprintln!(
                        "sheet {:?}: header row {}, headers {:?}, {} rows",
                        table.sheet,
                        table.header_row,
                        table.all_headers,
                        table.row_numbers.len()
                    );
                }
                for (name, why) in &book.skipped {
                    eprintln!("skipped {name:?}: {why}");
                }
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
