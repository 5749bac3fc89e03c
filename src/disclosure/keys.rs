//! Which count a cell is: one variant per family of counts, each naming
//! the count by typed parts (a group, a stage, a month), so the plan, the
//! records and the data-quality counts name a count alike, and no two
//! families can name one cell by accident. The builders below are the
//! names the other files use.

use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::Stage;

/// A retention curve: a target group's, or an alignment level's (kept
/// apart from the target groups' curves, whatever a group is called).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Curve {
    Group(String),
    Alignment(String),
}

/// Which count a cell is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    /// A group's students at a funnel stage.
    Stage(String, Stage),
    /// Students of the parent stage not in this one.
    NotIn(String, Stage),
    DepartmentStage(String, Stage),
    DepartmentNotIn(String, Stage),
    /// Students (participants or not) with an outcome, and without it.
    WithOutcome(String, String, bool),
    WithoutOutcome(String, String, bool),
    Meetings(String),
    Status(String, String),
    PairsWithMeetings(String),
    WithoutMeetings(String),
    PairsWithCompliance(String),
    WithoutCompliance(String),
    Band(String, String),
    /// A group's meetings of a kind in a month.
    Timeline(String, String, String),
    AtRisk(Curve, u32),
    Events(Curve, u32),
    /// Pairs leaving the at-risk set in a month, and events new in it.
    Left(Curve, u32),
    NewEvents(Curve, u32),
    Bank(String),
    Sector(String, String),
    Source(String),
    MentorsWith(String),
    Wave(String, String),
    ScaleN(String, String, String),
    /// A wave's item answered with a score (the score as written).
    Item(String, String, String),
    ItemMissing(String, String),
    PairedN(String, String),
    Attrition(String, bool),
    Intent(String, String, String),
    IntentPaired(String, String),
    MatchWait(String),
    Continuity(String),
    FactorPairs(String, String),
    FactorWith(String, String, Stage),
    FactorWithout(String, String, Stage),
    MatchedArm(String, String),
    MatchedWith(String, String),
    MatchedWithout(String, String),
    /// A covariate level's students in one arm.
    Level(String, String, String, String),
    LevelMissing(String, String),
    Strata(String, String),
    Dose(String, String),
    DoseWith(String, String, String),
    DoseWithout(String, String, String),
    /// An input's findings of a rule, their totals by rule and by
    /// severity, and an input's rows.
    Quality(String, String),
    QualityRule(String),
    QualitySeverity(String),
    InputRows(String, String),
    /// Another count registered under a key that names one already (a
    /// pair count that differs from the matched stage's, say).
    Other(Box<Key>),
}

fn own(text: &str) -> String {
    text.to_string()
}

pub fn stage(group: &str, stage: Stage) -> Key {
    Key::Stage(own(group), stage)
}
/// Students of the parent stage not in `stage` (for `registered`: the non-participants).
pub fn not_in(group: &str, stage: Stage) -> Key {
    Key::NotIn(own(group), stage)
}
/// A department's stage count (All eligible's is the funnel's own).
pub fn department_stage(department: &str, stage: Stage) -> Key {
    if department == ALL_ELIGIBLE {
        self::stage(department, stage)
    } else {
        Key::DepartmentStage(own(department), stage)
    }
}
pub fn department_not_in(department: &str, stage: Stage) -> Key {
    if department == ALL_ELIGIBLE {
        not_in(department, stage)
    } else {
        Key::DepartmentNotIn(own(department), stage)
    }
}
pub fn with_outcome(group: &str, outcome: &str, participants: bool) -> Key {
    Key::WithOutcome(own(group), own(outcome), participants)
}
pub fn without_outcome(group: &str, outcome: &str, participants: bool) -> Key {
    Key::WithoutOutcome(own(group), own(outcome), participants)
}
pub fn meetings(group: &str) -> Key {
    Key::Meetings(own(group))
}
pub fn status(group: &str, status: &str) -> Key {
    Key::Status(own(group), own(status))
}
pub fn pairs_with_meetings(group: &str) -> Key {
    Key::PairsWithMeetings(own(group))
}
pub fn pairs_with_compliance(group: &str) -> Key {
    Key::PairsWithCompliance(own(group))
}
pub fn band(group: &str, band: &str) -> Key {
    Key::Band(own(group), own(band))
}
pub fn timeline(group: &str, month: &str, kind: &str) -> Key {
    Key::Timeline(own(group), own(month), own(kind))
}
/// Pairs at risk at month `month` (month 0: every pair in the estimate,
/// which for a group's curve is its pairs with meetings).
pub fn at_risk(curve: &Curve, month: u32) -> Key {
    match (curve, month) {
        (Curve::Group(group), 0) => pairs_with_meetings(group),
        _ => Key::AtRisk(curve.clone(), month),
    }
}
/// A target group's retention curve.
pub fn curve(group: &str) -> Curve {
    Curve::Group(own(group))
}
/// An alignment level's retention curve.
pub fn alignment_curve(level: &str) -> Curve {
    Curve::Alignment(own(level))
}
/// Events up to month `month`, which a published survival curve gives away.
pub fn events(curve: &Curve, month: u32) -> Key {
    Key::Events(curve.clone(), month)
}
/// Pairs at risk in the month before `month` and not in it.
pub fn left(curve: &Curve, month: u32) -> Key {
    Key::Left(curve.clone(), month)
}
/// Events in month `month` alone.
pub fn new_events(curve: &Curve, month: u32) -> Key {
    Key::NewEvents(curve.clone(), month)
}
pub fn without_meetings(group: &str) -> Key {
    Key::WithoutMeetings(own(group))
}
pub fn without_compliance(group: &str) -> Key {
    Key::WithoutCompliance(own(group))
}
pub fn item_missing(wave: &str, item: &str) -> Key {
    Key::ItemMissing(own(wave), own(item))
}
pub fn matched_without(group: &str, outcome: &str) -> Key {
    Key::MatchedWithout(own(group), own(outcome))
}
pub fn dose_without(group: &str, outcome: &str, band: &str) -> Key {
    Key::DoseWithout(own(group), own(outcome), own(band))
}
pub fn quality(input: &str, rule: &str) -> Key {
    Key::Quality(own(input), own(rule))
}
pub fn quality_rule(rule: &str) -> Key {
    Key::QualityRule(own(rule))
}
pub fn quality_severity(severity: &str) -> Key {
    Key::QualitySeverity(own(severity))
}
pub fn input_rows(input: &str, item: &str) -> Key {
    Key::InputRows(own(input), own(item))
}
pub fn bank(item: &str) -> Key {
    Key::Bank(own(item))
}
pub fn sector(sector: &str, item: &str) -> Key {
    Key::Sector(own(sector), own(item))
}
pub fn source(source: &str) -> Key {
    Key::Source(own(source))
}
pub fn mentors_with(mentees: &str) -> Key {
    Key::MentorsWith(own(mentees))
}
pub fn wave(wave: &str, item: &str) -> Key {
    Key::Wave(own(wave), own(item))
}
pub fn scale_n(group: &str, scale: &str, wave: &str) -> Key {
    Key::ScaleN(own(group), own(scale), own(wave))
}
pub fn item(wave: &str, item: &str, score: f64) -> Key {
    Key::Item(own(wave), own(item), score.to_string())
}
pub fn paired_n(group: &str, scale: &str) -> Key {
    Key::PairedN(own(group), own(scale))
}
pub fn attrition(scale: &str, answered_post: bool) -> Key {
    Key::Attrition(own(scale), answered_post)
}
pub fn intent(group: &str, wave: &str, item: &str) -> Key {
    Key::Intent(own(group), own(wave), own(item))
}
pub fn intent_paired(group: &str, item: &str) -> Key {
    Key::IntentPaired(own(group), own(item))
}
/// Matched students whose wait from registration to match is known.
pub fn match_wait(group: &str) -> Key {
    Key::MatchWait(own(group))
}
/// Pairs whose log names a mentor ("logged"), and another one ("another").
pub fn continuity(item: &str) -> Key {
    Key::Continuity(own(item))
}
/// A factor level's pairs (mentor sector, source, alignment, load).
pub fn factor_pairs(factor: &str, level: &str) -> Key {
    Key::FactorPairs(own(factor), own(level))
}
/// A factor level's pairs at `stage` (sustained or completed).
pub fn factor_with(factor: &str, level: &str, stage: Stage) -> Key {
    Key::FactorWith(own(factor), own(level), stage)
}
/// A factor level's pairs not at `stage`.
pub fn factor_without(factor: &str, level: &str, stage: Stage) -> Key {
    Key::FactorWithout(own(factor), own(level), stage)
}
/// A group's matched arm: "treated_matched" or "controls_matched".
pub fn matched_arm(group: &str, arm: &str) -> Key {
    Key::MatchedArm(own(group), own(arm))
}
/// Matched treated with the outcome (what the treated rate shows).
pub fn matched_with(group: &str, outcome: &str) -> Key {
    Key::MatchedWith(own(group), own(outcome))
}
/// A covariate level's students in one arm ("t", "c", or "tm": matched treated).
pub fn level(group: &str, covariate: &str, level: &str, arm: &str) -> Key {
    Key::Level(own(group), own(covariate), own(level), own(arm))
}
/// Students of the arms missing a number covariate.
pub fn level_missing(group: &str, covariate: &str) -> Key {
    Key::LevelMissing(own(group), own(covariate))
}
/// A group's matching strata ("all") and those holding both arms ("kept").
pub fn strata(group: &str, item: &str) -> Key {
    Key::Strata(own(group), own(item))
}
/// The treated in a dose band.
pub fn dose(group: &str, band: &str) -> Key {
    Key::Dose(own(group), own(band))
}
/// The treated in a dose band with the outcome.
pub fn dose_with(group: &str, outcome: &str, band: &str) -> Key {
    Key::DoseWith(own(group), own(outcome), own(band))
}
