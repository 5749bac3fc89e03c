//! Target groups of access and participation plans beyond the common ones,
//! each from a yes/no (or banded) column.

use super::fold::fold;
use super::group_values::{Group, column, is_missing, is_no, is_yes, yes_values};
use super::written::distinct;
use crate::ingest::preview::SheetPreview;

/// Groups of access and participation plans beyond the common ones, each
/// a yes/no column: young carers, sanctuary scholars, students with the
/// Disabled Students' Allowance, and vocational (BTEC, T Level) entrants.
pub(super) fn more_groups(cohort: &SheetPreview, groups: &mut Vec<Group>, used: &mut Vec<String>) {
    fn push(
        groups: &mut Vec<Group>,
        used: &mut Vec<String>,
        name: &str,
        header: String,
        values: Vec<String>,
    ) {
        if !values.is_empty() {
            used.push(header.clone());
            groups.push((name.to_string(), header, values));
        }
    }
    let carers = [
        "young carer",
        "young adult carer",
        "carer",
        "caring responsibilities",
    ];
    if let Some(h) = column(cohort, &carers, used).cloned() {
        let values = yes_values(&distinct(cohort, &h)).unwrap_or_default();
        push(groups, used, "Young carers", h, values);
    }
    let sanctuary = ["sanctuary", "sanctuary scholar", "refugee", "asylum"];
    if let Some(h) = column(cohort, &sanctuary, used).cloned() {
        let values = yes_values(&distinct(cohort, &h)).unwrap_or_default();
        push(
            groups,
            used,
            "Sanctuary scholars (refugees and asylum seekers)",
            h,
            values,
        );
    }
    let allowance = ["dsa", "disabled students allowance", "disabled student allowance"];
    if let Some(h) = column(cohort, &allowance, used).cloned() {
        // "In receipt of DSA" beside "Not in receipt" and "Not applicable".
        let values: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| is_yes(v) || (!is_no(v) && !is_missing(v) && fold(v).contains("receipt")))
            .collect();
        push(groups, used, "Disabled Students' Allowance", h, values);
    }
    // A bursary for students from low-income households (an FE college's
    // HE bursary, a university's own): its yes answers.
    if let Some(h) = column(
        cohort,
        &["bursary", "bursary holder", "in receipt of bursary"],
        used,
    )
    .cloned()
    {
        let values = yes_values(&distinct(cohort, &h)).unwrap_or_default();
        push(groups, used, "Bursary holders", h, values);
    }
    // Scotland's access measures: a school with low progression to higher
    // education (the LPS list, SHEP schools), and entry from college with
    // an HNC or HND (articulation).
    let school = [
        "lps",
        "low progression",
        "low progression school",
        "shep",
        "schools for higher education programme",
    ];
    if let Some(h) = column(cohort, &school, used).cloned() {
        let values = yes_values(&distinct(cohort, &h)).unwrap_or_default();
        push(groups, used, "Low progression schools (LPS/SHEP)", h, values);
    }
    let articulation = ["articulation", "articulating", "articulated", "hn articulation"];
    if let Some(h) = column(cohort, &articulation, used).cloned() {
        let values = yes_values(&distinct(cohort, &h)).unwrap_or_default();
        push(groups, used, "Articulated from college (HNC/HND)", h, values);
    }
    // Part-time students (most of an FE college's HE learners are): a mode
    // of study's part-time values.
    let mode = [
        "mode of study",
        "study mode",
        "mode of attendance",
        "attendance mode",
        "mode",
    ];
    if let Some(h) = column(cohort, &mode, used).cloned() {
        let values: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| {
                let f = fold(v);
                f == "pt" || f.starts_with("part time") || f == "part"
            })
            .collect();
        push(groups, used, "Part-time students", h, values);
    }
    let forces = [
        "service leaver",
        "armed forces",
        "veteran",
        "military",
        "forces family",
    ];
    if let Some(h) = column(cohort, &forces, used).cloned() {
        let values = yes_values(&distinct(cohort, &h)).unwrap_or_default();
        push(groups, used, "Armed forces service leavers", h, values);
    }
    if let Some(h) = column(
        cohort,
        &["household income", "residual income", "income band"],
        used,
    )
    .cloned()
    {
        // The lowest band: "Up to £25,000", "Under £20k", "Less than ...".
        let values: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| {
                let f = fold(v);
                ["up to ", "under ", "below ", "less than "]
                    .iter()
                    .any(|w| f.starts_with(w))
                    || f.starts_with("0 ")
            })
            .collect();
        push(groups, used, "Lowest household income", h, values);
    }
    let entry = [
        "entry qualification",
        "entry qualifications",
        "qualification on entry",
        "highest qualification on entry",
        "entry route",
        "route of entry",
    ];
    if let Some(h) = column(cohort, &entry, used).cloned() {
        // Entry from college with an HNC or HND (Scotland's articulation).
        let articulated: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| {
                let f = format!(" {} ", fold(v));
                f.contains(" articulat") || f.contains(" hnc ") || f.contains(" hnd ")
            })
            .collect();
        if !articulated.is_empty() {
            push(groups, used, "Articulated from college (HNC/HND)", h, articulated);
            return;
        }
        // Vocational entry alone (a "Mixed A Level and BTEC" entrant is not).
        let values: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| {
                let f = format!(" {} ", fold(v));
                (f.contains(" btec ") || f.contains(" t level "))
                    && !f.contains(" a level ")
                    && !f.contains(" mixed ")
            })
            .collect();
        // Entry below level 3 ("Less than A levels", "No formal
        // qualifications"): a distance learner's target group.
        let below: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| {
                let f = format!(" {} ", fold(v));
                f.contains(" less than a level") || f.contains(" no formal ") || f.contains(" below a level")
            })
            .collect();
        if values.is_empty() {
            push(
                groups,
                used,
                "Entered with qualifications below A level",
                h,
                below,
            );
        } else {
            push(groups, used, "BTEC and T Level entrants", h, values);
        }
    }
}
