//! Key builders shared by the plan, the records and the data-quality counts,
//! so all name a count alike.

use super::cells::{Key, key};
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::Stage;

pub fn stage(group: &str, stage: Stage) -> Key {
    key("stage", group, stage.id())
}
/// Students of the parent stage not in `stage` (for `registered`: the non-participants).
pub fn not_in(group: &str, stage: Stage) -> Key {
    key("not_in", group, stage.id())
}
/// A department's stage count (All eligible's is the funnel's own).
pub fn department_stage(department: &str, stage: Stage) -> Key {
    if department == ALL_ELIGIBLE {
        self::stage(department, stage)
    } else {
        key("department_stage", department, stage.id())
    }
}
pub fn department_not_in(department: &str, stage: Stage) -> Key {
    if department == ALL_ELIGIBLE {
        not_in(department, stage)
    } else {
        key("department_not_in", department, stage.id())
    }
}
pub fn with_outcome(group: &str, outcome: &str, participants: bool) -> Key {
    key("with_outcome", group, format!("{outcome}/{participants}"))
}
pub fn without_outcome(group: &str, outcome: &str, participants: bool) -> Key {
    key("without_outcome", group, format!("{outcome}/{participants}"))
}
pub fn meetings(group: &str) -> Key {
    key("meetings", group, "")
}
pub fn status(group: &str, status: &str) -> Key {
    key("status", group, status)
}
pub fn pairs_with_meetings(group: &str) -> Key {
    key("pairs_with_meetings", group, "")
}
pub fn pairs_with_compliance(group: &str) -> Key {
    key("pairs_with_compliance", group, "")
}
pub fn band(group: &str, band: &str) -> Key {
    key("band", group, band)
}
pub fn timeline(group: &str, month: &str, kind: &str) -> Key {
    key("timeline", group, format!("{month}/{kind}"))
}
/// Pairs at risk at month `month` (month 0: every pair in the estimate).
pub fn at_risk(group: &str, month: u32) -> Key {
    if month == 0 {
        pairs_with_meetings(group)
    } else {
        key("at_risk", group, month.to_string())
    }
}
/// The key group of a target group's retention curve: its name.
pub fn curve(group: &str) -> String {
    group.to_string()
}
/// The key group of an alignment level's retention curve (kept apart
/// from the target groups' curves, whatever a group is called).
pub fn alignment_curve(level: &str) -> String {
    format!("alignment\u{1f}{level}")
}
/// Events up to month `month`, which a published survival curve gives away.
pub fn events(group: &str, month: u32) -> Key {
    key("events", group, month.to_string())
}
pub fn bank(item: &str) -> Key {
    key("bank", "", item)
}
pub fn sector(sector: &str, item: &str) -> Key {
    key("sector", sector, item)
}
pub fn source(source: &str) -> Key {
    key("source", source, "")
}
pub fn mentors_with(mentees: &str) -> Key {
    key("mentors_with", "", mentees)
}
pub fn wave(wave: &str, item: &str) -> Key {
    key("wave", wave, item)
}
pub fn scale_n(group: &str, scale: &str, wave: &str) -> Key {
    key("scale_n", group, format!("{scale}/{wave}"))
}
pub fn item(wave: &str, item: &str, score: f64) -> Key {
    key("item", wave, format!("{item}/{score}"))
}
pub fn paired_n(group: &str, scale: &str) -> Key {
    key("paired_n", group, scale)
}
pub fn attrition(scale: &str, answered_post: bool) -> Key {
    key("attrition", scale, answered_post.to_string())
}
pub fn intent(group: &str, wave: &str, item: &str) -> Key {
    key("intent", group, format!("{wave}/{item}"))
}
pub fn intent_paired(group: &str, item: &str) -> Key {
    key("intent_paired", group, item)
}
/// Matched students whose wait from registration to match is known.
pub fn match_wait(group: &str) -> Key {
    key("match_wait", group, "")
}
/// Pairs whose log names a mentor ("logged"), and another one ("another").
pub fn continuity(item: &str) -> Key {
    key("continuity", "", item)
}
/// A factor level's pairs (mentor sector, source, alignment, load).
pub fn factor_pairs(factor: &str, level: &str) -> Key {
    key("factor_pairs", factor, level)
}
/// A factor level's pairs at `stage` (sustained or completed).
pub fn factor_with(factor: &str, level: &str, stage: Stage) -> Key {
    key("factor_with", factor, format!("{level}\u{1f}{}", stage.id()))
}
/// A group's matched arm: "treated_matched" or "controls_matched".
pub fn matched_arm(group: &str, arm: &str) -> Key {
    key("matched_arm", group, arm)
}
/// Matched treated with the outcome (what the treated rate shows).
pub fn matched_with(group: &str, outcome: &str) -> Key {
    key("matched_with", group, outcome)
}
/// A covariate level's students in one arm ("t", "c", or "tm": matched treated).
pub fn level(group: &str, covariate: &str, level: &str, arm: &str) -> Key {
    key("level", group, format!("{covariate}\u{1f}{level}\u{1f}{arm}"))
}
/// Students of the arms missing a number covariate.
pub fn level_missing(group: &str, covariate: &str) -> Key {
    key("level_missing", group, covariate)
}
/// A group's matching strata ("all") and those holding both arms ("kept").
pub fn strata(group: &str, item: &str) -> Key {
    key("strata", group, item)
}
/// The treated in a dose band.
pub fn dose(group: &str, band: &str) -> Key {
    key("dose", group, band)
}
/// The treated in a dose band with the outcome.
pub fn dose_with(group: &str, outcome: &str, band: &str) -> Key {
    key("dose_with", group, format!("{outcome}\u{1f}{band}"))
}
