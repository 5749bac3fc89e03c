//! The commands: `run` takes the pipeline's published model through charts,
//! tables and the report into the output folder; `validate` stops after the
//! checks; `sample-data` writes the sample. Each decides its exit code.

use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, InitArgs, PoolArgs, RunArgs, SampleArgs, ValidateArgs};
use crate::config::Config;
use crate::disclosure::Published;
use crate::error::{Error, Result, printable};
use crate::output::{self, tables};
use crate::pipeline::{self, Pipeline, Timings};
use crate::render::{self, view};
use crate::validate::DataQuality;
use crate::{charts, ingest, sample};

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit code 0.
    Success,
    /// Exit code 3: data quality errors (or warnings under --strict).
    DataQualityFailed,
    /// Exit code 1: `init` wrote its file, with TODOs to settle.
    Incomplete,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::DataQualityFailed => 3,
            Outcome::Incomplete => 1,
        }
    }

    fn from_quality(quality: &DataQuality, strict: bool) -> Outcome {
        if quality.failed(strict) {
            Outcome::DataQualityFailed
        } else {
            Outcome::Success
        }
    }
}

/// Runs the command the user chose.
pub fn execute(cli: &Cli) -> Result<Outcome> {
    match &cli.command {
        Command::Run(args) => run(args),
        Command::Validate(args) => validate_only(args),
        Command::SampleData(args) => sample_data(args),
        Command::Init(args) => init(args),
        Command::Pool(args) => pool(args),
    }
}

fn load_config(path: &Path, as_of: Option<chrono::NaiveDate>) -> Result<Config> {
    let mut config = Config::load(path)?;
    if let Some(date) = as_of {
        config.programme.as_of = date;
    }
    Ok(config)
}

/// `run`: the whole pipeline.
pub fn run(args: &RunArgs) -> Result<Outcome> {
    let config = load_config(&args.config, args.as_of)?;
    let out_dir: PathBuf = match &args.out {
        Some(dir) => dir.clone(),
        None => config.resolve(&config.output.dir),
    };
    let mut timings = Timings::default();
    timings.start();
    // Progress only for a person watching a terminal (outputs.md).
    let progress = |stage: &str| {
        use std::io::IsTerminal;
        if !args.quiet && std::io::stderr().is_terminal() {
            eprintln!("{stage}…");
        }
    };
    // The team's own words first: an unknown heading is a configuration
    // error, found before the inputs are read.
    let narrative = render::narrative::load(&config)?;
    progress("reading, checking and computing");
    let Pipeline {
        validated,
        computed,
        published,
    } = pipeline::pipeline_timed(&config, &mut timings)?;
    if !args.quiet {
        for note in validated.reading_notes() {
            eprintln!("{}", printable(&note));
        }
        for skipped in &published.history_skipped {
            eprintln!("warning: history file skipped: {}", printable(skipped));
        }
    }
    progress("drawing charts and rendering the report");
    // data-quality.csv (a line per finding: the largest output at sector
    // scale) is built beside the charts and the report.
    let (quality_csv, rendered) = rayon::join(
        || output::data_quality_csv(&validated.quality),
        || -> Result<_> {
            let tables = tables::all_tables(&published);
            let charts = charts::report_charts(&config, &published)?;
            timings.mark("charts");
            let view = view::build(
                &config,
                &published,
                &validated.quality,
                &tables,
                charts,
                &narrative,
            );
            let report = render::render_report(&view, args.templates.as_deref())?;
            let metrics_json = output::metrics_json(&published)?;
            let workbook = output::xlsx::tables_xlsx(&tables, config.programme.as_of)?;
            timings.mark("render");
            Ok((tables, report, metrics_json, workbook))
        },
    );
    let (tables, report, metrics_json, workbook) = rendered?;

    let set = output::folder::OutputSet::begin(&out_dir)?;
    set.write("metrics.json", metrics_json.as_bytes())?;
    for table in &tables {
        set.write(&format!("tables/{}.csv", table.name), table.to_csv().as_bytes())?;
    }
    set.write("tables.xlsx", &workbook)?;
    set.write("data-quality.csv", quality_csv.as_bytes())?;
    if config.output.internal {
        set.write(
            "internal/metrics.json",
            output::internal_metrics_json(&computed.metrics)?.as_bytes(),
        )?;
        let pairs = output::pairs_csv(
            &validated.cohort,
            &computed.pairs,
            &computed.other_mentors,
            &config,
        );
        set.write("internal/pairs.csv", pairs.as_bytes())?;
    }
    set.write("report.html", report.as_bytes())?;
    set.commit()?;
    if args.record {
        let recorded = record_history(&config, &published, &metrics_json)?;
        if !args.quiet {
            eprintln!("recorded {}", recorded.display());
        }
    }

    timings.mark("write");
    if args.timings {
        eprint!("{}", timings.report());
    }
    let outcome = Outcome::from_quality(&validated.quality, args.strict);
    if !args.quiet {
        eprintln!(
            "wrote {} ({} errors, {} warnings in data quality)",
            out_dir.join("report.html").display(),
            validated.quality.errors(),
            validated.quality.warnings()
        );
        if outcome == Outcome::DataQualityFailed {
            eprintln!(
                "data quality failed: see {}",
                out_dir.join("data-quality.csv").display()
            );
        }
    }
    Ok(outcome)
}

/// `run --record`: copies metrics.json into the history folder as
/// metrics-<as_of>.json, refusing to replace a file of another period.
fn record_history(config: &Config, published: &Published, metrics_json: &str) -> Result<PathBuf> {
    let Some(dir) = &config.programme.history else {
        return Err(Error::Config {
            path: config.path.clone(),
            message:
                "--record needs programme.history: set it to the folder that keeps earlier runs' metrics.json"
                    .to_string(),
        });
    };
    let dir = config.resolve(dir);
    let name = format!("metrics-{}.json", published.as_of);
    let path = dir.join(&name);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let value: serde_json::Value = serde_json::from_str(&existing).unwrap_or_default();
        let period = value["programme"]["period"].as_str().unwrap_or_default();
        if period != published.programme.period {
            return Err(Error::write(
                &path,
                format!(
                    "it holds period \"{period}\", not \"{}\"; refusing to overwrite another period's file",
                    published.programme.period
                ),
            ));
        }
    }
    output::write_file(&dir, &name, metrics_json.as_bytes())
}

/// `validate`: ingest and check, print the summary table, write nothing.
pub fn validate_only(args: &ValidateArgs) -> Result<Outcome> {
    let config = load_config(&args.config, None)?;
    render::narrative::load(&config)?;
    let validated = pipeline::read_and_check(&config, ingest::Checksums::Skip, &mut Timings::default())?;
    for note in validated.reading_notes() {
        println!("{}", printable(&note));
    }
    print!("{}", printable(&summary_text(&validated.quality)));
    Ok(Outcome::from_quality(&validated.quality, args.strict))
}

/// The data quality summary table printed by `validate`.
pub fn summary_text(quality: &DataQuality) -> String {
    let rows = quality.summary();
    let mut out = String::new();
    let width_input = rows.iter().map(|r| r.input.len()).chain([5]).max().unwrap_or(5);
    let width_rule = rows.iter().map(|r| r.rule.len()).chain([4]).max().unwrap_or(4);
    out.push_str(&format!(
        "{:<width_input$}  {:<width_rule$}  {:<8}  {:>8}\n",
        "input", "rule", "severity", "findings"
    ));
    for r in &rows {
        out.push_str(&format!(
            "{:<width_input$}  {:<width_rule$}  {:<8}  {:>8}\n",
            r.input, r.rule, r.severity, r.count
        ));
    }
    out.push_str(&format!(
        "{} errors, {} warnings\n",
        quality.errors(),
        quality.warnings()
    ));
    out
}

/// `init`: writes a first configuration, then prints its validate summary.
pub fn init(args: &InitArgs) -> Result<Outcome> {
    let written = crate::init::init(&args.files, &args.out, args.force)?;
    eprintln!("wrote {}", written.path.display());
    for todo in &written.todos {
        eprintln!("TODO: {}", printable(todo));
    }
    let validated = load_config(&written.path, None).and_then(|config| {
        pipeline::read_and_check(&config, ingest::Checksums::Skip, &mut Timings::default())
    });
    match validated {
        Ok(validated) => {
            for note in validated.reading_notes() {
                println!("{}", printable(&note));
            }
            print!("{}", printable(&summary_text(&validated.quality)))
        }
        Err(e) => eprintln!("validate: {}", printable(&e.to_string())),
    }
    Ok(if written.todos.is_empty() {
        Outcome::Success
    } else {
        Outcome::Incomplete
    })
}

/// `pool`: pools the institutions' published figures into pooled.json,
/// its tables and pool.html.
pub fn pool(args: &PoolArgs) -> Result<Outcome> {
    // pool touches a few hundred MB once, in buffers that grow by doubling;
    // faulted in as transparent huge pages, each first touch zeroes (and
    // may compact for) 2 MB, which took most of 1,000 institutions' run on
    // the build VM (docs/performance.md). Ordinary pages for this process.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let config = match &args.config {
        Some(path) => crate::config::PoolConfig::load(path)?,
        None => crate::config::PoolConfig::default(),
    };
    let pooled = crate::pool::pool(&args.files, &config)?;
    let tables = output::pool::pool_tables(&pooled);
    // Dated by the latest programme pooled, never the clock.
    let dated = pooled
        .institutions
        .iter()
        .filter_map(|i| i.start)
        .max()
        .unwrap_or(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
    let set = output::folder::OutputSet::begin(&args.out)?;
    // The workbook (the longest part at 1,000 institutions) is built beside
    // everything else; it, pooled.json (35 MB at 1,000 institutions) and
    // the tables are streamed into their files.
    let (workbook, written) = rayon::join(
        || {
            set.write_with("tables.xlsx", |file| {
                output::xlsx::write_tables_xlsx(&tables, dated, file)
            })
        },
        || -> Result<()> {
            set.write_with("pooled.json", |file| {
                serde_json::to_writer_pretty(&mut *file, &pooled)?;
                std::io::Write::write_all(file, b"\n")
            })?;
            for table in &tables {
                set.write_with(&format!("tables/{}.csv", table.name), |file| {
                    table.write_csv(file)
                })?;
            }
            let charts = charts::forest::pool_charts(&pooled)?;
            let page = render::render_pool(&render::pool::build(&pooled, charts))?;
            set.write("pool.html", page.as_bytes())
        },
    );
    written?;
    workbook?;
    set.commit()?;
    eprintln!(
        "pooled {} figures from {} institutions into {} (open pool.html)",
        pooled.pooled.iter().filter(|p| p.k > 1).count(),
        pooled.institutions.len(),
        args.out.display()
    );
    Ok(Outcome::Success)
}

/// `sample-data`: writes the synthetic programme.
pub fn sample_data(args: &SampleArgs) -> Result<Outcome> {
    if args.consortium {
        sample::write_consortium(&args.out, args.seed)?;
        eprintln!(
            "wrote a sample consortium's published metrics.json files and pool.toml to {}",
            args.out.display()
        );
        return Ok(Outcome::Success);
    }
    sample::write_sample(&args.out, args.students, args.seed, args.format)?;
    eprintln!("wrote sample inputs and evidence.toml to {}", args.out.display());
    Ok(Outcome::Success)
}
