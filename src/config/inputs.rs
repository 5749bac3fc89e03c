//! `[inputs]`: each input's file, sheets, reading keys and columns, and the meeting kinds.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{DateOrder, DurationUnit, Excludes, OneOrMany, Source, SurveySpec};

/// `[inputs]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    /// The uptake spreadsheet: one row per eligible student (required).
    pub cohort: InputSpec<CohortColumns>,
    /// The mentor bank.
    #[serde(default)]
    pub mentors: Option<InputSpec<MentorColumns>>,
    /// The meeting log.
    #[serde(default)]
    pub meetings: Option<MeetingsSpec>,
    /// Survey exports, one entry per wave (`[[inputs.surveys]]`).
    #[serde(default)]
    pub surveys: Vec<SurveySpec>,
}

/// An input: its files plus a column mapping `canonical field = "file header"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSpec<C> {
    /// One path or a list of paths; all are stacked.
    pub path: OneOrMany,
    /// Spreadsheets only: a sheet name, a list, or "*" for every visible sheet.
    #[serde(default)]
    pub sheet: Option<OneOrMany>,
    /// Text dates: "dmy" (default) or "mdy".
    #[serde(default)]
    pub date_order: DateOrder,
    /// The header's row (1-based); default: the first row, within the
    /// first 30, holding the configured headers (title rows above are skipped).
    #[serde(default)]
    pub header_row: Option<u32>,
    /// Rows to leave out: `{ column = "Status", in = ["Cancelled"] }` or a list.
    #[serde(default)]
    pub exclude: Excludes,
    /// Words meaning missing in flag, date, number and duration columns
    /// (default: pending, tbc, tbd, unknown, n/a, not known, prefer not to
    /// say, information refused).
    #[serde(default)]
    pub missing_words: Option<Vec<String>>,
    /// Canonical field -> column header in the file.
    pub columns: C,
}

impl<C> InputSpec<C> {
    /// The files-and-sheets part.
    pub fn source(&self) -> Source {
        Source {
            path: self.path.clone(),
            sheet: self.sheet.clone(),
            date_order: self.date_order,
            header_row: self.header_row,
            exclude: self.exclude.clone(),
            missing_words: self.missing_words.clone(),
            duration_unit: DurationUnit::Minutes,
        }
    }
}

/// `[inputs.cohort.columns]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CohortColumns {
    pub student_id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    pub registered: String,
    #[serde(default)]
    pub training_completed: Option<String>,
    #[serde(default)]
    pub quiz_score: Option<String>,
    #[serde(default)]
    pub mentor_id: Option<String>,
    #[serde(default)]
    pub matched_on: Option<String>,
    #[serde(default)]
    pub meet_greet_attended: Option<String>,
    #[serde(default)]
    pub ceremony_attended: Option<String>,
    #[serde(default)]
    pub withdrawn_on: Option<String>,
    #[serde(default)]
    pub placement_applied: Option<String>,
    #[serde(default)]
    pub placement_secured: Option<String>,
}

/// `[inputs.mentors.columns]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentorColumns {
    pub mentor_id: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub capacity: Option<String>,
    #[serde(default)]
    pub trained: Option<String>,
}

/// `[inputs.meetings]`: the meeting log.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingsSpec {
    pub path: OneOrMany,
    #[serde(default)]
    pub sheet: Option<OneOrMany>,
    #[serde(default)]
    pub date_order: DateOrder,
    /// The header's row (1-based); default: the first row, within the
    /// first 30, holding the configured headers (title rows above are skipped).
    #[serde(default)]
    pub header_row: Option<u32>,
    /// Rows to leave out: `{ column = "Status", in = ["Cancelled"] }` or a list.
    #[serde(default)]
    pub exclude: Excludes,
    /// Words meaning missing in flag, date, number and duration columns
    /// (default: pending, tbc, tbd, unknown, n/a, not known, prefer not to
    /// say, information refused).
    #[serde(default)]
    pub missing_words: Option<Vec<String>>,
    /// What a bare number in the duration column counts: "minutes" (default) or "hours".
    #[serde(default)]
    pub duration_unit: DurationUnit,
    pub columns: MeetingColumns,
    /// Canonical kind -> the labels the log uses for it.
    #[serde(default)]
    pub kinds: BTreeMap<MeetingKind, Vec<String>>,
}

/// `[inputs.meetings.columns]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingColumns {
    pub student_id: String,
    #[serde(default)]
    pub mentor_id: Option<String>,
    pub date: String,
    #[serde(default)]
    pub duration: Option<String>,
    /// When the meeting ended (a booking system's "End Date & Time"):
    /// without `duration`, a meeting's minutes are from `date` to it.
    #[serde(default)]
    pub ends: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
}

/// Canonical meeting kinds, in spec order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    MeetAndGreet,
    OneToOne,
    WorkplaceVisit,
    SkillsTraining,
    Networking,
    Celebration,
    Other,
}

impl MeetingKind {
    /// Every kind, in spec order.
    pub const ALL: [MeetingKind; 7] = [
        MeetingKind::MeetAndGreet,
        MeetingKind::OneToOne,
        MeetingKind::WorkplaceVisit,
        MeetingKind::SkillsTraining,
        MeetingKind::Networking,
        MeetingKind::Celebration,
        MeetingKind::Other,
    ];

    /// The canonical id (`one_to_one`, ...).
    pub fn id(self) -> &'static str {
        match self {
            MeetingKind::MeetAndGreet => "meet_and_greet",
            MeetingKind::OneToOne => "one_to_one",
            MeetingKind::WorkplaceVisit => "workplace_visit",
            MeetingKind::SkillsTraining => "skills_training",
            MeetingKind::Networking => "networking",
            MeetingKind::Celebration => "celebration",
            MeetingKind::Other => "other",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::MeetAndGreet => "Meet-and-greet",
            MeetingKind::OneToOne => "One-to-one",
            MeetingKind::WorkplaceVisit => "Workplace visit",
            MeetingKind::SkillsTraining => "Skills training",
            MeetingKind::Networking => "Networking",
            MeetingKind::Celebration => "Celebration",
            MeetingKind::Other => "Other",
        }
    }

    /// Mentoring meetings are every kind except the group events.
    pub fn is_mentoring(self) -> bool {
        !matches!(self, MeetingKind::MeetAndGreet | MeetingKind::Celebration)
    }
}

impl MeetingsSpec {
    /// The files-and-sheets part.
    pub fn source(&self) -> Source {
        Source {
            path: self.path.clone(),
            sheet: self.sheet.clone(),
            date_order: self.date_order,
            header_row: self.header_row,
            exclude: self.exclude.clone(),
            missing_words: self.missing_words.clone(),
            duration_unit: self.duration_unit,
        }
    }
}
