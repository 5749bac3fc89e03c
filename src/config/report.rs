//! `[report]`: the team's own words (`narrative`, a Markdown file) and which
//! sections the report shows, in what order (`sections`). outputs.md, "The
//! team's own words".

use serde::Deserialize;

/// The sections `[report] sections` may name, with their titles, in the
/// report's default order. The header, data quality and methods are always
/// present and are not named.
pub const SECTIONS: [(&str, &str); 10] = [
    ("key_findings", "Key findings"),
    ("headline", "Headline figures"),
    ("uptake", "Uptake by target group"),
    ("relationships", "Mentoring relationships"),
    ("mentors", "Mentor bank"),
    ("surveys", "Confidence and resilience surveys"),
    ("outcomes", "Placement intent and outcomes"),
    ("comparison", "Matched comparison"),
    ("lasting", "What makes relationships last"),
    ("trend", "Trend over earlier periods"),
];

/// The sections always present, after those `sections` chooses.
pub const ALWAYS: [(&str, &str); 2] = [("data_quality", "Data quality"), ("methods", "Methods")];

/// `[report]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// A Markdown file (relative to the configuration) whose `## Heading`
    /// sections go under the report's sections of the same title.
    #[serde(default)]
    pub narrative: Option<String>,
    /// The sections shown, in order, by id (`SECTIONS`); default all.
    #[serde(default)]
    pub sections: Option<Vec<String>>,
}

impl ReportConfig {
    /// The chosen sections' ids in order.
    pub fn section_ids(&self) -> Vec<&str> {
        match &self.sections {
            Some(ids) => ids.iter().map(String::as_str).collect(),
            None => SECTIONS.iter().map(|(id, _)| *id).collect(),
        }
    }

    pub(super) fn check(&self) -> std::result::Result<(), String> {
        let valid = || {
            SECTIONS
                .iter()
                .map(|(id, _)| format!("\"{id}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(ids) = &self.sections else {
            return Ok(());
        };
        if ids.is_empty() {
            return Err(format!(
                "report.sections is empty; expected section ids from {} (the header, data quality and methods are always shown)",
                valid()
            ));
        }
        for (i, id) in ids.iter().enumerate() {
            if !SECTIONS.iter().any(|(known, _)| known == id) {
                let hint = crate::suggest::closest(id, SECTIONS.iter().map(|(k, _)| *k))
                    .map_or(String::new(), |s| format!("; did you mean \"{s}\"?"));
                return Err(format!(
                    "report.sections: \"{id}\" is not a section; expected ids from {}{hint}",
                    valid()
                ));
            }
            if ids[..i].contains(id) {
                return Err(format!(
                    "report.sections: \"{id}\" is named twice; expected each section once"
                ));
            }
        }
        Ok(())
    }
}
