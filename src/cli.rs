//! Command-line interface (clap derive): commands, flags and their help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turn a mentoring programme's spreadsheets into a publishable evidence report.
///
/// Exit codes: 0 success; 1 an error (unreadable file, bad configuration,
/// missing required column); 2 command-line usage; 3 data quality failed
/// (errors found, or warnings under --strict).
#[derive(Debug, Parser)]
#[command(name = "mentor-evidence", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest, validate, compute and render: writes report.html, metrics.json,
    /// tables/*.csv and data-quality.csv into the output folder.
    Run(RunArgs),
    /// Ingest and check the inputs only: prints a data quality summary and writes nothing.
    Validate(ValidateArgs),
    /// Write a realistic synthetic programme (all inputs in their real export
    /// formats) and the evidence.toml that reads it.
    SampleData(SampleArgs),
    /// Write a first evidence.toml from your own files: recognises each file
    /// and its columns, marks with TODO what it could not decide, then prints
    /// the validate summary. Exit 0 when every required field was found, 1
    /// when some are TODO (the file is still written).
    Init(InitArgs),
    /// Combine several institutions' published metrics.json files by
    /// random-effects meta-analysis (pooling.md): writes pool.html,
    /// pooled.json and its tables.
    Pool(PoolArgs),
}

/// Flags of `pool`.
#[derive(Debug, Args)]
pub struct PoolArgs {
    /// Published metrics.json files (or the folders holding them), one per
    /// institution and period.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// pool.toml: the consortium's name, `method` (REML, DL, PM) and
    /// `[pool.groups]` / `[pool.scales]` (pooled name = the institutions' names).
    #[arg(short = 'c', long = "config")]
    pub config: Option<PathBuf>,
    /// Output folder.
    #[arg(long = "out", default_value = "pool")]
    pub out: PathBuf,
}

/// Flags of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The programme's files: cohort, mentor bank, meeting log, survey exports
    /// (.xlsx, .xls, .ods, .csv, .tsv, .txt), exactly as exported; every visible sheet of a workbook is read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write the configuration.
    #[arg(long = "out", default_value = "evidence.toml")]
    pub out: PathBuf,
    /// Replace the configuration file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Flags of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The configuration file; input paths in it are relative to its folder.
    #[arg(short = 'c', long = "config", default_value = "evidence.toml")]
    pub config: PathBuf,
    /// Output folder, overriding `output.dir` of the configuration (relative to the current folder).
    #[arg(long = "out")]
    pub out: Option<PathBuf>,
    /// The report's "today" (YYYY-MM-DD), overriding `programme.as_of`.
    #[arg(long = "as-of", value_parser = parse_iso_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Treat data quality warnings as failures (exit code 3).
    #[arg(long)]
    pub strict: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Render the report with the templates in DIR (report.html, optionally
    /// macros.html) instead of the built-in ones; see docs/templates.md.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Print how long each stage took (ingest, validate, metrics, charts,
    /// render, write) and the peak memory when it ended (Linux) to stderr;
    /// used by the benchmark (bench/run.sh).
    #[arg(long)]
    pub timings: bool,
    /// Also copy this run's metrics.json into the `programme.history` folder
    /// (as metrics-<as_of>.json), for next term's trends. Refuses to replace a
    /// file of a different period.
    #[arg(long)]
    pub record: bool,
}

/// Flags of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The configuration file; input paths in it are relative to its folder.
    #[arg(short = 'c', long = "config", default_value = "evidence.toml")]
    pub config: PathBuf,
    /// Treat data quality warnings as failures (exit code 3).
    #[arg(long)]
    pub strict: bool,
}

/// Flags of `sample-data`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Folder to write the sample inputs and evidence.toml into.
    #[arg(long = "out", default_value = "sample-data")]
    pub out: PathBuf,
    /// Number of eligible students in the Year 2 cohort.
    #[arg(long, default_value_t = 600)]
    pub students: u32,
    /// Random seed: the same seed always writes the same files.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// File format of the cohort, mentor bank and post survey: xlsx (as the
    /// programme team has them) or csv (fast at sector scale).
    #[arg(long, value_enum, default_value_t = crate::sample::SampleFormat::Xlsx)]
    pub format: crate::sample::SampleFormat,
    /// Write a sample consortium instead: five institutions' published
    /// metrics.json files and the pool.toml that pools them (try `pool`).
    #[arg(long)]
    pub consortium: bool,
}

fn parse_iso_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date; expected YYYY-MM-DD, e.g. 2026-12-18"))
}
