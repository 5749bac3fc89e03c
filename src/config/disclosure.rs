//! `[disclosure]` and `[limits]`: the publication rule and the reading limits.

use serde::Deserialize;

/// Disclosure rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DisclosureRule {
    /// HESA rounding: counts to the nearest 5, rates withheld below 22.5, statistics at n <= 7.
    #[default]
    Hesa,
    /// Counts 1..N-1 shown as `<N`; rates and statistics withheld below N.
    Threshold,
    /// Nothing withheld (not for publication).
    None,
}

/// `[disclosure]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// "hesa" (default), "threshold" or "none".
    #[serde(default)]
    pub rule: DisclosureRule,
    /// N of the "threshold" rule (default 5).
    #[serde(default = "default_threshold")]
    pub threshold: u64,
}

fn default_threshold() -> u64 {
    5
}

/// HESA: rates and shares are withheld when their denominator is below this.
pub const HESA_MIN_DENOMINATOR: f64 = 22.5;

impl Disclosure {
    /// The fewest students a rate may be published over: groups smaller
    /// than this are pooled where a breakdown allows it (departments).
    pub fn smallest_rate_denominator(&self) -> u64 {
        match self.rule {
            DisclosureRule::Hesa => HESA_MIN_DENOMINATOR.ceil() as u64,
            DisclosureRule::Threshold => self.threshold,
            DisclosureRule::None => 0,
        }
    }
}

impl Default for Disclosure {
    fn default() -> Self {
        Disclosure {
            rule: DisclosureRule::Hesa,
            threshold: default_threshold(),
        }
    }
}

/// `[limits]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest uncompressed size, in MB, of a spreadsheet (.xlsx/.xlsm/.xlsb/.ods
    /// are zip files of XML): a bigger one is refused before it is expanded.
    pub max_workbook_mb: f64,
    /// Longest record, in MB, of a delimited file: a record that runs on
    /// (an unclosed quote, a file of NUL bytes) is refused once it passes
    /// this, before it takes memory out of proportion to any real export.
    pub max_record_mb: f64,
    /// Largest input file, in MB, as it sits on disk: a bigger one is refused
    /// before it is read.
    pub max_file_mb: f64,
    /// Most cells a workbook's sheets may hold, or expand to from an .ods's
    /// repeat counts or an .xls's declared size, and most shared strings:
    /// past it a workbook is refused as it is read.
    pub max_cells: u64,
    /// Most cell text, in MB, read from one workbook, each cell counted
    /// (a shared string in 1,000 cells counts 1,000 times): a small file
    /// whose one long string fills many cells is refused as it is read.
    pub max_text_mb: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_workbook_mb: 2048.0,
            max_record_mb: 64.0,
            max_file_mb: 1024.0,
            max_cells: 20_000_000,
            max_text_mb: 128.0,
        }
    }
}

impl Limits {
    /// `max_file_mb` in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        (self.max_file_mb.max(0.0) * 1_000_000.0) as u64
    }

    /// `max_record_mb` in bytes, within what a span of text can address.
    pub fn max_record_bytes(&self) -> usize {
        (self.max_record_mb.max(0.0) * 1_000_000.0).min(u32::MAX as f64 / 2.0) as usize
    }
}
