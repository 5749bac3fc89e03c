//! The pipeline: ingest -> validate -> metrics -> disclosure, with the
//! trend from earlier runs. The commands (`app`) and the sample generator
//! call it; it knows nothing of the command line.

use crate::config::Config;
use crate::disclosure::{self, Published};
use crate::error::{Error, Result};
use crate::{ingest, metrics, validate};

/// Everything a run computes before writing: the validated inputs, the
/// unrounded metrics and the published (disclosure-controlled) model.
pub struct Pipeline {
    pub validated: validate::Validated,
    pub computed: metrics::Computed,
    pub published: Published,
}

/// Ingest, validate, compute and publish; adds the trend when
/// `programme.history` is set.
pub fn pipeline(config: &Config) -> Result<Pipeline> {
    pipeline_timed(config, &mut Timings::default())
}

/// Wall-clock time of each stage, for `run --timings` (never written to
/// outputs), with the process's peak resident memory when the stage ended.
#[derive(Debug, Default)]
pub struct Timings {
    stages: Vec<(&'static str, std::time::Duration, Option<u64>)>,
    last: Option<std::time::Instant>,
}

impl Timings {
    /// Marks the end of `stage` (timed from the previous mark or the start).
    pub fn mark(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        let since = self.last.map_or(std::time::Duration::ZERO, |t| now - t);
        self.stages.push((stage, since, peak_resident_kb()));
        self.last = Some(now);
    }

    /// Starts timing.
    pub fn start(&mut self) {
        self.last = Some(std::time::Instant::now());
    }

    /// "timing stage seconds" lines; "peak N MB" follows where the system
    /// tells it (Linux). Memory the peak grew by during a stage was fresh
    /// pages, which the kernel zeroes: at sector scale a large cost.
    pub fn report(&self) -> String {
        let total: f64 = self.stages.iter().map(|(_, d, _)| d.as_secs_f64()).sum();
        let mut out = String::new();
        for (stage, d, peak) in &self.stages {
            out.push_str(&format!("timing {stage:<9} {:>8.3} s", d.as_secs_f64()));
            if let Some(kb) = peak {
                out.push_str(&format!("  peak {:>6} MB", kb / 1024));
            }
            out.push('\n');
        }
        out.push_str(&format!("timing {:<9} {total:>8.3} s\n", "total"));
        out
    }
}

/// The process's peak resident memory so far in kB (`VmHWM` of
/// /proc/self/status); None where there is no such file.
fn peak_resident_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reads every input and applies the data quality rules. The cohort's and
/// the mentor bank's own rules run as soon as those two are read, beside the
/// reading of the meeting log and the surveys, so the "ingest" timing
/// includes them; "validate" is the rules that tie the logs to the cohort.
pub fn read_and_check(
    config: &Config,
    checksums: ingest::Checksums,
    timings: &mut Timings,
) -> Result<validate::Validated> {
    let (people, logs) = rayon::join(
        || ingest::load_people(config, checksums).and_then(|people| validate::check_people(config, people)),
        || ingest::load_logs(config, checksums),
    );
    // Errors in configuration order: the cohort and mentor bank come first.
    let (people, logs) = (people?, logs?);
    timings.mark("ingest");
    let validated = validate::check_logs(config, people, logs);
    timings.mark("validate");
    Ok(validated)
}

pub fn pipeline_timed(config: &Config, timings: &mut Timings) -> Result<Pipeline> {
    let validated = read_and_check(config, ingest::Checksums::Compute, timings)?;
    let computed = metrics::compute(config, &validated)?;
    timings.mark("metrics");
    let mut published = disclosure::publish(&computed.metrics, &config.disclosure);
    if let Some(dir) = &config.programme.history {
        let history = metrics::history::read_history(
            &config.resolve(dir),
            &config.programme.name,
            &config.programme.as_of.to_string(),
        )?;
        // This run's figures through the same typed reading as earlier files'.
        let current = serde_json::to_value(&published)
            .and_then(serde_json::from_value)
            .map_err(|e| Error::compute("the trend", e))?;
        let trend = metrics::trend::trend_records(&history, &current);
        published = published.with_trend(trend, history.skipped);
    }
    timings.mark("disclose");
    Ok(Pipeline {
        validated,
        computed,
        published,
    })
}
