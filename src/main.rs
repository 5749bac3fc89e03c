//! Thin entry point: parse the command line, run the app, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use mentor_evidence::{app, cli::Cli};

/// mimalloc instead of the system allocator: ingest and validation make
/// millions of small allocations (cell text, ids), where glibc's malloc/free
/// took about a third of the run time at a million students.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option number of `purge_delay`, the same in its v2 and v3
/// headers (libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Turns off mimalloc's purging: giving freed memory back to the system a
/// moment after it is freed. A run is short and keeps reusing what it
/// frees, so each purged page came back as a fresh page the kernel zeroed
/// again. At a million students that was 3-8 thousand page faults instead
/// of 1.1 thousand, and 0.1-0.9 s more system time. The memory goes back
/// when the process ends.
fn keep_freed_memory() {
    // SAFETY: mi_option_set stores an integer option; mimalloc reads its
    // options at any time, and -1 ("never purge") is a documented value.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    keep_freed_memory();
    // clap prints usage errors itself and exits with code 2.
    let cli = Cli::parse();
    match app::execute(&cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}
