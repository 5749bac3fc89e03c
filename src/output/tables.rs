//! The published tables: one tidy table per report table, built once from the
//! disclosure-controlled model and written both as tables/*.csv and in the report.

use super::csv::{CsvText, Field};
use crate::metrics::model::{Count, Metrics, UptakeRecord};
use crate::validate::DataQuality;

/// One cell of a published table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Count(Count),
    /// A proportion 0..1.
    Rate(Option<f64>),
    /// Percentage points.
    Points(Option<f64>),
    /// A p-value.
    P(Option<f64>),
    /// Withheld by disclosure control.
    Withheld,
}

impl Value {
    /// The value for a CSV file: full precision, withheld as `..`, null as empty.
    pub fn csv(&self) -> Field<'_> {
        match self {
            Value::Text(t) => Field::Text(t),
            Value::Count(Count::Exact(v)) => Field::Number(v.to_string()),
            Value::Count(c @ Count::Below(_)) => Field::Number(c.text()),
            Value::Rate(v) | Value::Points(v) | Value::P(v) => {
                Field::Number(v.map(|x| x.to_string()).unwrap_or_default())
            }
            Value::Withheld => Field::Text(".."),
        }
    }

    /// The value for people: rates as percentages, points signed, p to 3 decimals.
    pub fn display(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Count(c) => c.text(),
            Value::Rate(Some(v)) => format!("{:.1}%", v * 100.0),
            Value::Points(Some(v)) => format!("{v:+.1}"),
            Value::P(Some(v)) if *v < 0.001 => "<0.001".to_string(),
            Value::P(Some(v)) => format!("{v:.3}"),
            Value::Rate(None) | Value::Points(None) | Value::P(None) => "–".to_string(),
            Value::Withheld => "..".to_string(),
        }
    }

    /// Whether the column is numeric (right-aligned in the report).
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Value::Text(_))
    }
}

/// A published table.
#[derive(Debug, Clone)]
pub struct Table {
    /// File stem under tables/ and the HTML id.
    pub name: &'static str,
    /// Caption in the report.
    pub caption: String,
    /// Column headers (CSV names).
    pub columns: Vec<&'static str>,
    /// Column headers for people.
    pub labels: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The table as CSV text.
    pub fn to_csv(&self) -> String {
        let mut csv = CsvText::new(&self.columns);
        for row in &self.rows {
            let fields: Vec<Field> = row.iter().map(Value::csv).collect();
            csv.row(&fields);
        }
        csv.finish()
    }
}

fn optional(
    value: Option<f64>,
    field: &str,
    record: &UptakeRecord,
    make: fn(Option<f64>) -> Value,
) -> Value {
    if record.suppressed.contains(&field) {
        Value::Withheld
    } else {
        make(value)
    }
}

/// The uptake funnel table (one row per group and stage).
pub fn uptake_table(metrics: &Metrics) -> Table {
    let rows = metrics
        .uptake
        .iter()
        .map(|r| {
            vec![
                Value::Text(r.group.clone()),
                Value::Text(r.stage.id().to_string()),
                Value::Count(r.count),
                Value::Count(r.denominator),
                optional(r.rate, "rate", r, Value::Rate),
                optional(r.ci_low, "ci_low", r, Value::Rate),
                optional(r.ci_high, "ci_high", r, Value::Rate),
                optional(r.conversion, "conversion", r, Value::Rate),
                optional(r.gap_pp, "gap_pp", r, Value::Points),
                optional(r.p_value, "p_value", r, Value::P),
                optional(r.p_adjusted, "p_adjusted", r, Value::P),
            ]
        })
        .collect();
    Table {
        name: "uptake",
        caption: "Uptake funnel by group: counts, rates with 95% Wilson intervals, conversion from the previous stage, gap to the cohort average and Fisher's exact test (Benjamini-Hochberg adjusted within each stage)".to_string(),
        columns: vec![
            "group", "stage", "count", "denominator", "rate", "ci_low", "ci_high", "conversion", "gap_pp", "p_value", "p_adjusted",
        ],
        labels: vec![
            "Group", "Stage", "Count", "Eligible", "Rate", "95% CI low", "95% CI high", "Conversion", "Gap (pp)", "p", "p (BH)",
        ],
        rows,
    }
}

/// Data quality findings per input and rule.
pub fn data_quality_table(quality: &DataQuality) -> Table {
    let rows = quality
        .summary()
        .into_iter()
        .map(|c| {
            vec![
                Value::Text(c.input),
                Value::Text(c.rule.to_string()),
                Value::Text(c.severity.to_string()),
                Value::Count(Count::Exact(c.count as u64)),
            ]
        })
        .collect();
    Table {
        name: "data_quality",
        caption:
            "Data quality findings by input and rule (every finding is listed in data-quality.csv)"
                .to_string(),
        columns: vec!["input", "rule", "severity", "findings"],
        labels: vec!["Input", "Rule", "Severity", "Findings"],
        rows,
    }
}

/// Every published table, in report order.
pub fn all_tables(metrics: &Metrics, quality: &DataQuality) -> Vec<Table> {
    vec![uptake_table(metrics), data_quality_table(quality)]
}
