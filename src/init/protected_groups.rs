//! Ethnicity and disability, the protected characteristics among the
//! target groups: read by their labels where a column holds words, else by
//! HESA's or the ILR's codes, whose schemes are listed whole (as the
//! analysts of coded extracts list them, present this year or not).

use super::fold::fold;
use super::group_values::{column, hesa_disability, hesa_ethnicity, is_code, is_missing, is_no, is_white};
use super::written::distinct;
use crate::ingest::preview::SheetPreview;

/// HESA's two-digit ethnicity codes of minority ethnic groups: Gypsy or
/// Traveller (15), Black (21-29), Asian (31-39), Mixed (41-49), Arab (50)
/// and other (80).
const HESA_MINORITY_CODES: [&str; 15] = [
    "15", "21", "22", "29", "31", "32", "33", "34", "39", "41", "42", "43", "49", "50", "80",
];

/// HESA's labels of the minority ethnic groups (ETHNIC 21-80), as SITS and
/// HESA-based reports write them.
const HESA_MINORITY_LABELS: [&str; 14] = [
    "Asian or Asian British - Indian",
    "Asian or Asian British - Pakistani",
    "Asian or Asian British - Bangladeshi",
    "Chinese",
    "Other Asian background",
    "Black or Black British - African",
    "Black or Black British - Caribbean",
    "Other Black background",
    "Mixed - White and Black Caribbean",
    "Mixed - White and Black African",
    "Mixed - White and Asian",
    "Other mixed background",
    "Arab",
    "Other ethnic background",
];

/// HESA's disability codes of an impairment or condition (DISABLE 51-58, 96).
const HESA_IMPAIRMENT_CODES: [&str; 8] = ["51", "53", "54", "55", "56", "57", "58", "96"];

/// The ethnicity column (of a code column and its labels beside it, the
/// labels: White and missing answers are read by their words; SITS'
/// ETH_CODE and STU_ETHC too), its minority values, and its Gypsy, Roma and
/// Traveller values (a target group of their own in access and
/// participation plans; HESA files them under White).
pub(super) fn ethnicity(
    cohort: &SheetPreview,
    used: &[String],
) -> Option<(String, Vec<String>, Vec<String>)> {
    let words = [
        "ethnicity",
        "ethnic group",
        "ethnic",
        "eth code",
        "ethc",
        "eth desc",
    ];
    let codes_only = |h: &String| {
        let values = distinct(cohort, h);
        !values.is_empty() && values.iter().all(|v| is_code(v, usize::MAX))
    };
    let mut skipped = used.to_vec();
    skipped.extend(cohort.headers.iter().filter(|h| codes_only(h)).cloned());
    let h = column(cohort, &words, &skipped).or_else(|| column(cohort, &words, used))?;
    let mut minority: Vec<String> = distinct(cohort, h)
        .into_iter()
        .filter(|v| match hesa_ethnicity(v) {
            Some(minority) => minority,
            None => !is_white(v) && !is_missing(v),
        })
        .collect();
    // HESA's two-digit codes (a White code 10-19 or a Black one 21-29
    // among them): the scheme's every minority code.
    let codes = distinct(cohort, h);
    if codes
        .iter()
        .filter(|v| !is_missing(v))
        .all(|v| is_code(v, 2) && v.trim().len() == 2)
        && codes
            .iter()
            .any(|v| matches!(v.trim().parse::<u32>(), Ok(10..=29)))
    {
        minority = HESA_MINORITY_CODES.iter().map(|c| c.to_string()).collect();
    }
    // HESA's labels (three or more, every minority value written as HESA
    // writes it): the scheme's every minority label, present this year or not.
    let hesa_label = |v: &String| {
        HESA_MINORITY_LABELS
            .iter()
            .any(|l| l.eq_ignore_ascii_case(v.trim()))
    };
    if minority.len() >= 3 && minority.iter().all(hesa_label) {
        for label in HESA_MINORITY_LABELS {
            if !minority.iter().any(|v| v.trim().eq_ignore_ascii_case(label)) {
                minority.push(label.to_string());
            }
        }
    }
    let travellers: Vec<String> = distinct(cohort, h)
        .into_iter()
        .filter(|v| {
            let f = format!(" {} ", fold(v));
            [" gypsy ", " roma ", " traveller ", " romany "]
                .iter()
                .any(|w| f.contains(w))
        })
        .collect();
    Some((h.clone(), minority, travellers))
}

/// The disability column and its declared values: the ILR's LLDD code 1;
/// HESA's impairment codes, the scheme's every one with the data's own
/// spelling of its others ("08" or "8"); else every answer but no and
/// missing ones.
pub(super) fn disability(cohort: &SheetPreview, used: &[String]) -> Option<(String, Vec<String>)> {
    let words = [
        "disability",
        // A planning office's first and second of HESA's DISABILITY.
        "disability1",
        "disability 1",
        "disabled",
        // HESA's field name, and SITS' DSB_CODE and STU_DSBC.
        "disable",
        "dsb code",
        "dsb desc",
        "dsbc",
        "disability declared",
        "disability status",
        // Further education's "learning difficulty and/or disability".
        "lldd",
    ];
    // Of a disability's labels and its flag beside them ("Declared
    // disability", "No declared disability"), the flag.
    let two_valued = |h: &String| {
        let values = distinct(cohort, h);
        values.iter().filter(|v| !is_missing(v)).count() == 2
    };
    let mut skipped = used.to_vec();
    skipped.extend(cohort.headers.iter().filter(|h| !two_valued(h)).cloned());
    let h = column(cohort, &words, &skipped).or_else(|| column(cohort, &words, used))?;
    let values = distinct(cohort, h);
    // The ILR's LLDDHealthProb codes: 1 yes, 2 no, 9 no information.
    let ilr = fold(h).contains("lldd") && values.iter().all(|v| matches!(v.trim(), "1" | "2" | "9"));
    let declared: Vec<String> = if ilr {
        values.into_iter().filter(|v| v.trim() == "1").collect()
    } else if values.iter().all(|v| hesa_disability(v).is_some()) {
        let mut codes: Vec<String> = values
            .into_iter()
            .filter(|v| hesa_disability(v) == Some(true))
            .collect();
        if codes.is_empty() || codes.iter().any(|v| v.trim().len() == 2) {
            for code in HESA_IMPAIRMENT_CODES {
                if !codes.iter().any(|v| v.trim() == code) {
                    codes.push(code.to_string());
                }
            }
            codes.sort_by_key(|v| v.trim().parse::<u32>().unwrap_or(u32::MAX));
        }
        codes
    } else {
        values
            .into_iter()
            .filter(|v| !is_no(v) && !is_missing(v))
            .collect()
    };
    Some((h.clone(), declared))
}
