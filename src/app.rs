//! The commands: wires the stages together (ingest -> validate -> metrics ->
//! disclosure -> charts -> render -> output) and decides the exit code.

use std::path::{Path, PathBuf};

use crate::charts::{self, Chart};
use crate::cli::{Cli, Command, RunArgs, SampleArgs, ValidateArgs};
use crate::config::Config;
use crate::error::Result;
use crate::metrics::model::{Metrics, Stage};
use crate::output::{self, tables};
use crate::render::{self, view};
use crate::validate::{self, DataQuality};
use crate::{disclosure, ingest, metrics, sample};

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit code 0.
    Success,
    /// Exit code 3: data quality errors (or warnings under --strict).
    DataQualityFailed,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::DataQualityFailed => 3,
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
    let validated = validate::validate(&config, ingest::load(&config)?);
    let computed = metrics::compute(&config, &validated)?;
    let published = disclosure::publish(&computed, &config.disclosure);
    let tables = tables::all_tables(&published, &validated.quality);
    let report = render::render_report(&build_view(
        &config,
        &published,
        &validated.quality,
        &tables,
    )?)?;

    std::fs::create_dir_all(&out_dir).map_err(|e| crate::error::Error::write(&out_dir, e))?;
    output::write_file(
        &out_dir,
        "metrics.json",
        output::metrics_json(&published)?.as_bytes(),
    )?;
    for table in &tables {
        output::write_file(
            &out_dir,
            &format!("tables/{}.csv", table.name),
            table.to_csv().as_bytes(),
        )?;
    }
    output::write_file(
        &out_dir,
        "data-quality.csv",
        output::data_quality_csv(&validated.quality).as_bytes(),
    )?;
    if config.output.internal {
        output::write_file(
            &out_dir,
            "internal/metrics.json",
            output::metrics_json(&computed)?.as_bytes(),
        )?;
    }
    // The report last: its presence means every other file is complete.
    output::write_file(&out_dir, "report.html", report.as_bytes())?;

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

/// `validate`: ingest and check, print the summary table, write nothing.
pub fn validate_only(args: &ValidateArgs) -> Result<Outcome> {
    let config = load_config(&args.config, None)?;
    let validated = validate::validate(&config, ingest::load(&config)?);
    print!("{}", summary_text(&validated.quality));
    Ok(Outcome::from_quality(&validated.quality, args.strict))
}

/// The data quality summary table printed by `validate`.
pub fn summary_text(quality: &DataQuality) -> String {
    let rows = quality.summary();
    let mut out = String::new();
    let width_input = rows
        .iter()
        .map(|r| r.input.len())
        .chain([5])
        .max()
        .unwrap_or(5);
    let width_rule = rows
        .iter()
        .map(|r| r.rule.len())
        .chain([4])
        .max()
        .unwrap_or(4);
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

/// `sample-data`: writes the synthetic programme.
pub fn sample_data(args: &SampleArgs) -> Result<Outcome> {
    sample::write_sample(&args.out, args.students, args.seed)?;
    eprintln!(
        "wrote sample inputs and evidence.toml to {}",
        args.out.display()
    );
    Ok(Outcome::Success)
}

/// Charts of the uptake section, from the published model.
fn uptake_charts(published: &Metrics) -> Result<(Vec<Chart>, Vec<Chart>)> {
    let mut funnels = Vec::new();
    for (index, group) in published.groups.iter().enumerate() {
        let bars = charts::funnel::funnel_bars(&published.uptake, group);
        let id = format!("funnel-{}", charts::slug(group));
        funnels.push(charts::funnel::draw_funnel(
            &id,
            group,
            &bars,
            charts::series_colour(index),
        )?);
    }
    let mut gaps = Vec::new();
    for stage in [Stage::Registered, Stage::Matched, Stage::Completed] {
        if !published.uptake.iter().any(|r| r.stage == stage) {
            continue;
        }
        let (average, points) = charts::gap::gap_points(&published.uptake, stage);
        gaps.push(charts::gap::draw_gap(
            &format!("gap-{}", stage.id()),
            stage,
            average,
            &points,
        )?);
    }
    Ok((funnels, gaps))
}

/// Builds the report's view model.
fn build_view(
    config: &Config,
    published: &Metrics,
    quality: &DataQuality,
    tables: &[tables::Table],
) -> Result<view::ReportView> {
    let (funnels, gaps) = uptake_charts(published)?;
    let table = |name: &str| {
        tables
            .iter()
            .find(|t| t.name == name)
            .map(view::TableView::from_table)
    };
    let empty =
        || view::TableView::from_table(&tables::data_quality_table(&DataQuality::default()));
    Ok(view::ReportView {
        title: format!("{}: evidence report", config.programme.name),
        programme: config.programme.name.clone(),
        institution: config.programme.institution.clone(),
        period: config.programme.period.clone(),
        start: config.programme.start.format("%-d %B %Y").to_string(),
        as_of: config.programme.as_of.format("%-d %B %Y").to_string(),
        evidence_type: "Type 2 (empirical enquiry) in the Office for Students' standards of evidence: descriptive and associational, not causal".to_string(),
        disclosure: view::disclosure_text(config),
        not_for_publication: config.disclosure.rule == crate::config::DisclosureRule::None,
        quality_failed: quality.errors() > 0,
        errors: quality.errors(),
        warnings: quality.warnings(),
        headline: view::headline(published),
        uptake: view::UptakeSection {
            funnels,
            gaps,
            table: table("uptake").unwrap_or_else(empty),
        },
        data_quality: table("data_quality").unwrap_or_else(empty),
        methods: view::Methods {
            definitions: view::definitions(config),
            tests: view::tests_used(),
            disclosure: view::disclosure_text(config),
            tool: format!("mentor-evidence {}", env!("CARGO_PKG_VERSION")),
            inputs: published
                .inputs
                .iter()
                .flat_map(|i| {
                    i.files.iter().map(move |f| view::InputView {
                        input: i.name.clone(),
                        path: f.path.clone(),
                        sha256: f.sha256.clone(),
                        rows_read: i.rows_read,
                    })
                })
                .collect(),
        },
    })
}
