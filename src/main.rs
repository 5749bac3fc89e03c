//! Thin entry point: parse the command line, run the app, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use mentor_evidence::{app, cli::Cli};

/// mimalloc instead of the system allocator: ingest and validation make
/// millions of small allocations (cell text, ids), where glibc's malloc/free
/// took about a third of the run time at a million students.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    mentor_evidence::ingest::excel::quiet_reader_panics();
    // clap prints usage errors itself and exits with code 2.
    let cli = Cli::parse();
    match app::execute(&cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(err) => {
            eprintln!("error: {}", mentor_evidence::error::printable(&err.to_string()));
            ExitCode::from(1)
        }
    }
}
