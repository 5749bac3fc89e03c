//! The shape of a published table: its cells (`Value`) and the table, shared
//! by every family's tables, the CSV and xlsx writers and the report.

use super::csv::{CsvText, Field};
use crate::metrics::model::Count;

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
    /// A number shown to one decimal place (hours, medians, days).
    Decimal(Option<f64>),
    /// A statistic shown to two decimal places (means, SDs, t, effect sizes).
    Stat(Option<f64>),
    /// A difference of two proportions, shown in percentage points (an ATT).
    RateDiff(Option<f64>),
    /// A standardised mean difference, shown to three decimals (against a 0.1 threshold).
    Smd(Option<f64>),
    /// A figure built from published figures only (a pooled estimate),
    /// kept at full precision everywhere; shown to four decimals.
    Full(Option<f64>),
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
            Value::Count(Count::Withheld) => Field::Text(".."),
            Value::Rate(v)
            | Value::Points(v)
            | Value::P(v)
            | Value::Decimal(v)
            | Value::Stat(v)
            | Value::RateDiff(v)
            | Value::Smd(v)
            | Value::Full(v) => Field::Number(v.map(|x| x.to_string()).unwrap_or_default()),
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
            Value::Decimal(Some(v)) => format!("{v:.1}"),
            Value::Stat(Some(v)) => format!("{v:.2}"),
            Value::RateDiff(Some(v)) => format!("{:+.1} pp", v * 100.0),
            Value::Smd(Some(v)) => format!("{v:.3}"),
            Value::Full(Some(v)) => format!("{v:.4}"),
            Value::Rate(None)
            | Value::Points(None)
            | Value::P(None)
            | Value::Decimal(None)
            | Value::Stat(None)
            | Value::RateDiff(None)
            | Value::Smd(None)
            | Value::Full(None) => "–".to_string(),
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

    /// `to_csv`'s text written to `out` a piece at a time (a table of
    /// 50,000 rows is not built whole first).
    pub fn write_csv(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut csv = CsvText::new(&self.columns);
        for row in &self.rows {
            let fields: Vec<Field> = row.iter().map(Value::csv).collect();
            csv.row(&fields);
            if csv.len() >= 1 << 16 {
                csv.flush_to(out)?;
            }
        }
        csv.flush_to(out)
    }
}

/// A nullable figure: withheld when disclosure control listed it.
pub(crate) fn optional(
    value: Option<f64>,
    field: &str,
    suppressed: &[&str],
    make: fn(Option<f64>) -> Value,
) -> Value {
    if suppressed.contains(&field) {
        Value::Withheld
    } else {
        make(value)
    }
}
