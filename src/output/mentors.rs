//! The mentor bank's tables: its summary figures, sectors and recruitment sources.

use super::table::{Table, Value, optional};
use crate::disclosure::Published;
use crate::metrics::model::Count;

/// The mentor bank by sector.
pub fn mentor_sectors_table(metrics: &Published) -> Option<Table> {
    let bank = metrics.mentors.as_ref()?;
    Some(Table {
        name: "mentor_sectors",
        caption: "Mentor bank by sector: mentors, mentee places, matched mentees and utilisation (matched mentees / places)".to_string(),
        columns: vec!["sector", "mentors", "capacity", "matched_mentees", "utilisation"],
        labels: vec!["Sector", "Mentors", "Places", "Matched mentees", "Utilisation"],
        rows: bank
            .by_sector
            .iter()
            .map(|(name, s)| {
                vec![
                    Value::Text(name.clone()),
                    Value::Count(s.mentors),
                    Value::Decimal(Some(s.capacity)),
                    Value::Count(s.matched_mentees),
                    optional(s.utilisation, "utilisation", &s.suppressed, Value::Rate),
                ]
            })
            .collect(),
    })
}

/// The mentor bank by recruitment source.
pub fn mentor_sources_table(metrics: &Published) -> Option<Table> {
    let bank = metrics.mentors.as_ref()?;
    Some(Table {
        name: "mentor_sources",
        caption: "Mentor bank by how mentors were recruited".to_string(),
        columns: vec!["source", "mentors"],
        labels: vec!["Recruited via", "Mentors"],
        rows: bank
            .by_source
            .iter()
            .map(|(name, count)| vec![Value::Text(name.clone()), Value::Count(*count)])
            .collect(),
    })
}

/// Mentor bank summary figures.
pub fn mentor_bank_table(metrics: &Published) -> Option<Table> {
    let b = metrics.mentors.as_ref()?;
    let s = &b.suppressed;
    let row = |label: &str, value: Value| vec![Value::Text(label.to_string()), value];
    Some(Table {
        name: "mentor_bank",
        caption: "Mentor bank summary".to_string(),
        columns: vec!["measure", "value"],
        labels: vec!["Measure", "Value"],
        rows: vec![
            row("Mentors", Value::Count(b.mentors)),
            row("Mentee places (capacity)", Value::Decimal(Some(b.total_capacity))),
            row("Matched mentees", Value::Count(b.matched_mentees)),
            row(
                "Utilisation",
                optional(b.utilisation, "utilisation", s, Value::Rate),
            ),
            row("Mentors without a mentee", Value::Count(b.mentors_without_mentee)),
            row(
                "Registered students waiting for a match",
                Value::Count(b.waiting_list),
            ),
            row(
                "Median days from registration to match",
                optional(
                    b.median_days_registration_to_match,
                    "median_days_registration_to_match",
                    s,
                    Value::Decimal,
                ),
            ),
            row(
                "Students with both dates",
                Value::Count(b.n_registration_to_match),
            ),
            row(
                "Matched mentor ids missing from the bank",
                Value::Count(Count::Exact(b.missing_mentor_ids.len() as u64)),
            ),
        ],
    })
}
