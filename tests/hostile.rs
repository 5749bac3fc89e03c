//! Hostile files and folders (issue 29): each reproducer ends quickly with an
//! error that names the file and says what it is, never a panic, an abort or
//! a hang. A regression test per reproducer.

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn config(path: &str, extra: &str) -> String {
    TestConfig::new("Hostile", path)
        .columns(&[("student_id", "ID"), ("registered", "Reg")])
        .table(extra)
        .toml()
}

/// `validate` on a configuration whose cohort is `name`: exit 1 within 10 s,
/// and the message.
fn refused(wd: &Workdir, name: &str) -> String {
    wd.write("e.toml", config(name, ""));
    wd.run_within(&["validate", "-c", "e.toml"], 10)
        .expect_code(1)
        .stderr()
}

#[test]
fn a_fifo_named_as_an_input_is_refused_not_waited_on() {
    let wd = Workdir::new("hostile-fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(wd.path("c.csv"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let err = refused(&wd, "c.csv");
    assert!(
        err.contains("c.csv") && err.contains("named pipe (FIFO), not a regular file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_device_linked_as_an_input_is_refused_not_read() {
    let wd = Workdir::new("hostile-device");
    for name in ["c.xlsx", "c.csv"] {
        std::os::unix::fs::symlink("/dev/zero", wd.path(name)).expect("symlink");
        let err = refused(&wd, name);
        assert!(
            err.contains(name) && err.contains("a device, not a regular file"),
            "{err}"
        );
    }
}

#[test]
fn a_folder_named_as_an_input_is_refused() {
    let wd = Workdir::new("hostile-folder");
    std::fs::create_dir_all(wd.path("c.csv")).expect("mkdir");
    let err = refused(&wd, "c.csv");
    assert!(
        err.contains("c.csv") && err.contains("a folder, not a regular file"),
        "{err}"
    );
}

#[test]
fn an_input_over_the_size_cap_is_refused_before_it_is_read() {
    let wd = Workdir::new("hostile-cap");
    wd.write("c.csv", "ID,Reg\n".to_string() + &"s1,yes\n".repeat(200_000));
    wd.write("e.toml", config("c.csv", "[limits]\nmax_file_mb = 1\n"));
    let err = wd
        .run_within(&["validate", "-c", "e.toml"], 10)
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("c.csv") && err.contains("limit of 1.0 MB (limits.max_file_mb)"),
        "{err}"
    );
}

#[test]
fn a_fifo_named_as_the_configuration_is_refused() {
    let wd = Workdir::new("hostile-config-fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(wd.path("e.toml"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let err = wd
        .run_within(&["validate", "-c", "e.toml"], 10)
        .expect_code(1)
        .stderr();
    assert!(err.contains("e.toml") && err.contains("named pipe"), "{err}");
}

/// A configuration reading `name` as the cohort with the seed mentor bank's
/// headers (bench/hostile/seed.xls is a genuine 5.6 KB mentor bank).
fn mentor_headers_config(name: &str, extra: &str) -> String {
    TestConfig::new("Hostile", name)
        .columns(&[("student_id", "Mentor ID"), ("registered", "Trained")])
        .table(extra)
        .toml()
}

fn seed(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bench/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `validate` on `bytes` as the cohort `name`: exit 1 within 5 s, the message.
fn refused_bytes(wd: &Workdir, name: &str, bytes: &[u8], extra: &str) -> String {
    wd.write(name, bytes);
    wd.write("e.toml", mentor_headers_config(name, extra));
    let run = wd.run_within(&["validate", "-c", "e.toml"], 5);
    let err = run.stderr();
    assert_eq!(run.code(), 1, "{name}: {err}");
    assert!(err.contains(name) && !err.contains("panicked"), "{err}");
    err
}

/// Regression (issue 29): one byte changed in a genuine .xls panicked in
/// calamine (exit 101) or aborted on a reservation of hundreds of gigabytes
/// (exit 134). The mutations are bench/hostile/make.py's XLS_MUTATIONS.
#[test]
fn damaged_xls_files_are_errors_not_panics_or_aborts() {
    let wd = Workdir::new("hostile-xls");
    let genuine = seed("seed.xls");
    wd.write("m.xls", &genuine);
    wd.write("e.toml", mentor_headers_config("m.xls", ""));
    wd.run_within(&["validate", "-c", "e.toml"], 5).expect_code(0);
    let cases: [(usize, u8, &str); 10] = [
        (0x0202, 0x00, "BOF record holds 0 bytes"),
        (0x029A, 0x00, "CodePage record holds 0 bytes"),
        (0x02F8, 0x00, "DateMode record holds 0 bytes"),
        (0x05D1, 0x00, "BoundSheet8 record holds 0 bytes"),
        (0x05D4, 0x7F, "past the stream's"),
        (0x075D, 0x80, "shared-strings table ends inside a string"),
        (0x07DD, 0x00, "shared-strings table ends inside a string"),
        (0x0848, 0x7F, "declared size spans more than 5000000 cells"),
        (0x084B, 0x7F, "declared size spans more than 5000000 cells"),
        (0x084F, 0xFF, "declared size spans more than 5000000 cells"),
    ];
    for (offset, value, expected) in cases {
        let mut bytes = genuine.clone();
        bytes[offset] = value;
        let err = refused_bytes(&wd, "m.xls", &bytes, "");
        assert!(err.contains(expected), "byte {offset:#x} = {value:#x}: {err}");
    }
}

/// A zip of `parts` (name, text), stored or deflated.
fn zip_of(parts: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// Regression (issue 29): a 1 KB .ods whose repeat counts expand to 98M
/// cells was expanded by calamine until the process was killed.
#[test]
fn an_ods_whose_repeats_expand_past_the_cell_budget_is_refused() {
    let wd = Workdir::new("hostile-ods");
    let content = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Bank">"#,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Mentor ID</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Trained</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="98" office:value-type="string"><text:p>Yes</text:p></table:table-cell></table:table-row>"#,
        r#"</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let bytes = zip_of(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_bytes()),
        ],
        false,
    );
    let err = refused_bytes(&wd, "m.ods", &bytes, "");
    assert!(
        err.contains("more than 5000000 cells") && err.contains("a quarter of limits.max_cells"),
        "{err}"
    );
    // The seed .ods, genuine, is read.
    wd.write("m.ods", seed("seed.ods"));
    wd.run_within(&["validate", "-c", "e.toml"], 5).expect_code(0);
}

/// Regression (issue 29): a 4 MB .xlsx whose sheet inflated to 925 MB ran
/// 42 s in 2.8 GB. A part that inflates more than 100 times is refused from
/// the zip's directory, before anything is inflated.
#[test]
fn an_xlsx_part_that_inflates_like_a_bomb_is_refused() {
    let wd = Workdir::new("hostile-ratio");
    let row = r#"<row><c t="inlineStr"><is><t>Yes</t></is></c></row>"#;
    let sheet = row.repeat(40_000);
    let bytes = zip_of(&[("xl/worksheets/sheet1.xml", sheet.as_bytes())], true);
    let err = refused_bytes(&wd, "m.xlsx", &bytes, "");
    assert!(
        err.contains("xl/worksheets/sheet1.xml") && err.contains("times"),
        "{err}"
    );
}

/// Regression (issue 29): 60M shared strings in a 2.5 MB .xlsx took 49 s
/// and 2.6 GB. They are counted as a stream before calamine loads them.
#[test]
fn shared_strings_past_the_cell_budget_are_refused() {
    let wd = Workdir::new("hostile-strings");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Mentor ID").unwrap();
    sheet.write_string(0, 1, "Trained").unwrap();
    for row in 1..=300u32 {
        sheet.write_string(row, 0, format!("M{row:05}")).unwrap();
        sheet.write_string(row, 1, "Yes").unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let err = refused_bytes(&wd, "m.xlsx", &bytes, "[limits]\nmax_cells = 200\n");
    assert!(
        err.contains("shared-strings table holds more than 200 cells"),
        "{err}"
    );
    // And a sheet's cells are counted as they are read.
    let err = refused_bytes(&wd, "m.xlsx", &bytes, "[limits]\nmax_cells = 400\n");
    assert!(
        err.contains("sheet 'Sheet1': the sheet holds more than 400 cells"),
        "{err}"
    );
}

/// A tiny programme named `name` writing into `out`.
fn tiny(wd: &Workdir, config_name: &str, name: &str) {
    wd.write("c.csv", "ID,Reg\n1,yes\n2,no\n3,yes\n");
    wd.write(
        config_name,
        format!(
            "[programme]\nname = \"{name}\"\nperiod = \"T\"\nstart = 2026-09-28\nas_of = 2027-04-30\n\n[inputs.cohort]\npath = \"c.csv\"\n[inputs.cohort.columns]\nstudent_id = \"ID\"\nregistered = \"Reg\"\n\n[output]\ndir = \"out\"\n"
        ),
    );
}

/// Which programme's set the output folder holds, checking that report.html
/// and metrics.json come from the same run (None: no set yet).
fn set_in(wd: &Workdir) -> Option<String> {
    let report = std::fs::read_to_string(wd.path("out/report.html")).ok()?;
    let metrics = wd.read("out/metrics.json");
    let names: Vec<&str> = ["Alpha-Prog", "Omega-Prog"]
        .into_iter()
        .filter(|n| metrics.contains(&format!("\"name\": \"{n}\"")))
        .collect();
    assert_eq!(names.len(), 1, "metrics.json names one programme: {names:?}");
    assert!(
        report.contains(names[0]),
        "report.html and metrics.json from different runs"
    );
    assert!(wd.path("out/tables").is_dir() && wd.path("out/data-quality.csv").is_file());
    Some(names[0].to_string())
}

/// Regression (issue 29): with `report.partial` in the output folder a link
/// to a file elsewhere, that file was overwritten with the report.
#[cfg(unix)]
#[test]
fn a_link_planted_in_the_output_folder_is_never_written_through() {
    let wd = Workdir::new("hostile-link");
    tiny(&wd, "e.toml", "Alpha-Prog");
    wd.write("victim.txt", "precious");
    std::fs::create_dir_all(wd.path("out")).unwrap();
    for name in [
        "report.partial",
        "report.html",
        "metrics.json",
        ".report.html.1.partial",
    ] {
        let _ = std::fs::remove_file(wd.path(&format!("out/{name}")));
        std::os::unix::fs::symlink(wd.path("victim.txt"), wd.path(&format!("out/{name}"))).unwrap();
    }
    wd.run_within(&["run", "-c", "e.toml", "--quiet"], 10)
        .expect_code(0);
    assert_eq!(wd.read("victim.txt"), "precious");
    assert_eq!(set_in(&wd).as_deref(), Some("Alpha-Prog"));
    assert!(!wd.path("out/report.html").is_symlink());
}

/// A folder holding the user's own files is not replaced.
#[test]
fn an_output_folder_holding_other_files_is_refused_and_left_alone() {
    let wd = Workdir::new("hostile-foreign");
    tiny(&wd, "e.toml", "Alpha-Prog");
    wd.write("out/notes.txt", "mine");
    let err = wd
        .run_within(&["run", "-c", "e.toml"], 10)
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("notes.txt") && err.contains("choose another --out"),
        "{err}"
    );
    assert_eq!(wd.read("out/notes.txt"), "mine");
}

/// Regression (issue 29): a kill during the write phase left old and new
/// files mixed. Killed at moments spread over a run, the folder holds one
/// whole set, and the next run tidies what the killed one left.
#[test]
fn a_run_killed_at_any_moment_leaves_one_whole_set() {
    let wd = Workdir::new("hostile-kill");
    tiny(&wd, "old.toml", "Alpha-Prog");
    tiny(&wd, "new.toml", "Omega-Prog");
    wd.run_within(&["run", "-c", "old.toml", "--quiet"], 10)
        .expect_code(0);
    let started = std::time::Instant::now();
    wd.run_within(&["run", "-c", "new.toml", "--quiet"], 10)
        .expect_code(0);
    let full = started.elapsed().as_micros() as u64;
    let mut seen = std::collections::BTreeSet::new();
    for trial in 0..24u64 {
        let config = if trial % 2 == 0 { "old.toml" } else { "new.toml" };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mentor-evidence"))
            .args(["run", "-c", config, "--quiet"])
            .current_dir(&wd.dir)
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_micros(full * trial / 20));
        let _ = child.kill();
        let _ = child.wait();
        seen.insert(set_in(&wd).expect("a set is always there"));
    }
    assert!(
        seen.len() == 2,
        "kills landed both before and after the swap: {seen:?}"
    );
    wd.run_within(&["run", "-c", "new.toml", "--quiet"], 10)
        .expect_code(0);
    let leftovers: Vec<_> = std::fs::read_dir(&wd.dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.new-") || n.starts_with(".out.old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Regression (issue 29): two runs into one folder at once gave a mixed set
/// in 67% of trials, both exiting 0. Now the second is refused while the
/// first holds the folder's lock, and the folder holds one whole set.
#[test]
fn concurrent_runs_into_one_folder_never_mix() {
    let wd = Workdir::new("hostile-concurrent");
    tiny(&wd, "old.toml", "Alpha-Prog");
    tiny(&wd, "new.toml", "Omega-Prog");
    for _ in 0..10 {
        let spawn = |config: &str| {
            std::process::Command::new(env!("CARGO_BIN_EXE_mentor-evidence"))
                .args(["run", "-c", config, "--quiet"])
                .current_dir(&wd.dir)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let (a, b) = (spawn("old.toml"), spawn("new.toml"));
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() || err.contains("another mentor-evidence run is writing this folder"),
                "{err}"
            );
        }
        assert!(set_in(&wd).is_some());
    }
}

/// Regression (issue 29): terminal escape sequences in a header were printed
/// raw in the missing-column message (colouring the terminal, retitling the
/// window).
#[test]
fn control_characters_in_a_header_are_escaped_in_messages() {
    let wd = Workdir::new("hostile-escape");
    wd.write("c.csv", "\u{1b}[31mID\u{1b}]0;pwned\u{7},Reg\u{202e}\n1,yes\n");
    wd.write("e.toml", config("c.csv", ""));
    let err = wd
        .run_within(&["validate", "-c", "e.toml"], 10)
        .expect_code(1)
        .stderr();
    assert!(
        !err.chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
        "{err:?}"
    );
    assert!(
        err.contains("\\u{1b}[31mID") && err.contains("\\u{202e}"),
        "{err}"
    );
}

/// Regression (issue 29): a NUL byte in a valid UTF-8 file was accepted,
/// though the docs say such files are refused.
#[test]
fn a_nul_byte_in_utf8_text_is_refused() {
    let wd = Workdir::new("hostile-nul");
    wd.write("c.csv", "ID,Reg\n1,yes\n2,y\u{0}es\n");
    let err = refused(&wd, "c.csv");
    assert!(err.contains("a NUL byte at offset 16"), "{err}");
}

/// Regression (issue 29): formula cells without a cached value were read as
/// empty and nothing was reported (registered 0 of 600, exit 0).
#[test]
fn formulas_saved_without_their_value_are_an_error_naming_the_cells() {
    let wd = Workdir::new("hostile-formula");
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c><c r="B1" t="inlineStr"><is><t>Reg</t></is></c></row>"#,
    );
    // Rows 2-40: the first rows sit in the header search, the rest below it.
    for row in 2..=40 {
        sheet.push_str(&format!(
            r#"<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>S{row}</t></is></c><c r="B{row}" t="str"><f>IF(1,"Yes","No")</f></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts: [(&str, &[u8]); 4] = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Cohort" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    let mut all = parts.to_vec();
    let rels: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    all.push(("xl/_rels/workbook.xml.rels", rels));
    wd.write("c.xlsx", zip_of(&all, true));
    wd.write("e.toml", config("c.xlsx", ""));
    let run = wd.run_within(&["run", "-c", "e.toml"], 10);
    assert_eq!(run.code(), 3, "{}", run.stderr());
    let quality = wd.read("out/data-quality.csv");
    assert!(
        quality.contains("formula_without_value")
            && quality.contains("39 formula cell(s) (rows 2, 3, 4, 5, 6, ...)"),
        "{quality}"
    );
}

/// Issue 29: `init` copies headers into values and cell values into
/// comments. Hostile ones (a line break then a table, triple quotes, a
/// carriage return, escapes) must neither add a key nor break a comment.
#[test]
fn hostile_cells_and_headers_cannot_add_keys_to_the_configuration_init_writes() {
    let wd = Workdir::new("hostile-init");
    let payload = "Yes\n[limits]\nmax_workbook_mb = 1e12\n#";
    let header = "Meet & greet\"\"\"\n[limits]\r\nmax_cells = 1 #\u{1b}[2J";
    let mut csv = format!(
        "Student ID,Signed up,Matched on,Mentor ID,School,\"{}\"\n",
        header.replace('"', "\"\"")
    );
    let hostile_values = [
        payload,
        "'''\n[output]\ndir = \"/tmp\"",
        "No\r\n[x]",
        "Y\u{2028}[y]",
        "\\\"\n[z]",
    ];
    for row in 0..60 {
        let value = if row % 12 == 0 {
            hostile_values[row / 12]
        } else if row % 2 == 0 {
            "Yes"
        } else {
            "No"
        };
        csv.push_str(&format!(
            "S{row:04},\"{}\",2026-10-{:02},M{:03},\"{}\",\"{}\"\n",
            value.replace('"', "\"\""),
            1 + row % 28,
            row % 20,
            ["Law", "Psychology", payload][row % 3].replace('"', "\"\""),
            value.replace('"', "\"\""),
        ));
    }
    wd.write("c.csv", csv);
    let run = wd.run_within(&["init", "c.csv", "--out", "e.toml"], 20);
    assert!(matches!(run.code(), 0 | 1), "{}", run.stderr());
    let text = wd.read("e.toml");
    let parsed: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        !parsed.contains_key("limits") && !parsed.contains_key("x"),
        "{text}"
    );
    let top: Vec<&String> = parsed.keys().collect();
    for key in &top {
        assert!(
            [
                "programme",
                "inputs",
                "target_groups",
                "meeting_kinds",
                "surveys",
                "engagement",
                "compare",
                "comparison",
                "disclosure",
                "output"
            ]
            .contains(&key.as_str()),
            "unexpected table {key}:\n{text}"
        );
    }
    if let Some(output) = parsed.get("output") {
        assert!(
            output.get("dir").and_then(|d| d.as_str()) != Some("/tmp"),
            "{text}"
        );
    }
    for line in text.lines() {
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character in {line:?}"
        );
    }
    // Whatever init mapped, the headers it wrote are the file's own, intact.
    let columns = parsed["inputs"]["cohort"]["columns"]
        .as_table()
        .expect("cohort columns");
    for value in columns.values() {
        let header = value.as_str().expect("a header");
        assert!(
            [
                "Student ID",
                "Signed up",
                "Matched on",
                "Mentor ID",
                "School",
                header
            ]
            .contains(&header)
                && (header == "Student ID"
                    || header == "Signed up"
                    || header == "Matched on"
                    || header == "Mentor ID"
                    || header == "School"
                    || header == "Meet & greet\"\"\"\n[limits]\r\nmax_cells = 1 #\u{1b}[2J"),
            "{header:?}"
        );
    }
    mentor_evidence::config::Config::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
}

/// Found by the `ods` fuzz target: an 836-byte .ods whose content.xml ends
/// inside a sheet; calamine reads on past its end forever (a hang). Also
/// from that campaign: repeat counts, prefixes and text read as calamine
/// reads them (src/ingest/budget.rs).
#[test]
fn an_ods_that_ends_inside_a_sheet_is_refused_not_read_forever() {
    let wd = Workdir::new("hostile-ods-eof");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile/ods-ends-inside-a-sheet.ods");
    let bytes = std::fs::read(path).expect("fixture");
    let err = refused_bytes(&wd, "m.ods", &bytes, "");
    assert!(err.contains("ends inside a sheet"), "{err}");
}

/// Found by the `ods` fuzz target (rebuilt here by hand): a row of one
/// dated cell repeated a million times under a five-cell first row spans
/// 7.5M cells, inside the 20M budget as then counted; calamine, building
/// values and formulas side by side, took 5 s and 417 MB. A sheet read
/// whole now gets a quarter of `limits.max_cells`.
#[test]
fn an_ods_spanning_past_its_share_of_the_budget_is_refused() {
    let wd = Workdir::new("hostile-ods-rows");
    let cell = r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Bank"><table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated="1500000"><table:table-cell office:value-type="date" office:date-value="2026-09-28"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        cell.repeat(5)
    );
    let bytes = zip_of(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_bytes()),
        ],
        false,
    );
    let err = refused_bytes(&wd, "m.ods", &bytes, "");
    assert!(
        err.contains("spans more than 5000000 cells (found 7500005"),
        "{err}"
    );
}

/// The regression files of the .xls panic census (bench/hostile/
/// make_xls_records.py): one per record shape calamine's reader trusts.
fn xls_record_fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/xls_records");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("xls-panic-") || name.starts_with("cfb-")
        })
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("fixture"))
        })
        .collect();
    files.sort();
    files
}

/// Regression (issue 29): the fuzz campaign's strict mode found 30 places
/// where calamine's .xls reader panics on a damaged record (a field or a
/// formula token read past the record's end; a FAT sector past the file).
/// `catch_unwind` caught them all; now each is refused before calamine sees
/// the file, with what is damaged, so the catch is the last line only.
#[test]
fn xls_records_calamine_would_read_past_are_refused_before_it_reads_them() {
    let wd = Workdir::new("hostile-xls-records");
    let files = xls_record_fixtures();
    assert_eq!(
        files.len(),
        30,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (name, bytes) in files {
        let err = refused_bytes(&wd, "m.xls", &bytes, "");
        assert!(
            err.contains("the .xls is damaged (") && !err.contains("the reader stopped"),
            "{name}: {err}"
        );
    }
}

/// Regression (issue 29): one long shared string in many cells took 575 MB
/// from a 7.9 KB .xlsx (and 585 MB from a 414 KB .xls): each cell kept its
/// own copy. Kept text is counted against `limits.max_text_mb`.
#[test]
fn one_long_shared_string_in_many_cells_is_refused_past_the_text_budget() {
    let wd = Workdir::new("hostile-text");
    let long = "x".repeat(30_000);
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Mentor ID").unwrap();
    sheet.write_string(0, 1, "Trained").unwrap();
    for row in 1..=100u32 {
        sheet.write_string(row, 0, &long).unwrap();
        sheet.write_string(row, 1, "Yes").unwrap();
    }
    let xlsx = workbook.save_to_buffer().unwrap();
    let xls = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/hostile/xls_records/shared-string-100-cells.xls"),
    )
    .expect("fixture");
    for (name, bytes) in [("m.xlsx", &xlsx), ("m.xls", &xls)] {
        // 3 MB of cell text: within the default budget, past a 1 MB one.
        wd.write(name, bytes);
        wd.write("e.toml", mentor_headers_config(name, ""));
        let run = wd.run_within(&["validate", "-c", "e.toml"], 5);
        assert!(!run.stderr().contains("max_text_mb"), "{name}: {}", run.stderr());
        let err = refused_bytes(&wd, name, bytes, "[limits]\nmax_text_mb = 1\n");
        assert!(
            err.contains("more than 1 MB of text") && err.contains("limits.max_text_mb"),
            "{name}: {err}"
        );
    }
}
