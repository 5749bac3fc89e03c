//! The widening-participation target groups `init` proposes from the
//! cohort's columns (outputs.md, `init`): POLAR4 and IMD quintiles 1-2,
//! first generation, ethnicity (every value but White ones), disability,
//! care experience, mature and commuter students, free school meals. A
//! missing-value answer ("Prefer not to say", "Not known", "Information
//! refused") is never in a group; a column whose values init cannot read
//! is left out rather than guessed.

use super::fold::fold;
use super::written::{Written, distinct, quote};
use crate::ingest::preview::SheetPreview;
use crate::ingest::values::MISSING_WORDS;

/// Answers that say the value is not known, with or without a HESA code
/// before the label ("98 - Information refused").
fn is_missing(value: &str) -> bool {
    let folded = fold(value);
    let f = match folded.split_once(' ') {
        Some((code, label)) if code.chars().all(|c| c.is_ascii_digit()) => label.to_string(),
        _ => folded,
    };
    MISSING_WORDS.iter().any(|w| fold(w) == f)
        || [
            "not known",
            "unknown",
            "prefer not",
            "information refused",
            "not available",
            "refused",
            "withheld",
            "not applicable",
            "don t know",
            "do not know",
            "not provided",
            "not sure",
        ]
        .iter()
        .any(|w| f.starts_with(w))
}

/// A White ethnicity ("White - British", "Any other White background"),
/// not a mixed one ("Mixed - White and Black Caribbean").
fn is_white(value: &str) -> bool {
    let f = fold(value);
    f.split(' ').any(|w| w == "white") && !f.contains("mixed") && !f.contains("white and")
}

/// A value written as a code and its label ("2 - No", "95 - No known
/// impairment"): the code and the label.
fn coded(value: &str) -> Option<(&str, &str)> {
    let (code, label) = value.trim().split_once(" - ")?;
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) && !label.trim().is_empty())
        .then(|| (code, label.trim()))
}

/// A yes answer: yes, y, true, 1, a tick (a tracker's ticked column), or a
/// label that starts so ("Yes – neither parent has an HE qualification").
fn is_yes(value: &str) -> bool {
    if let Some((_, label)) = coded(value) {
        return is_yes(label);
    }
    let f = fold(value);
    matches!(value.trim(), "✓" | "✔" | "☑")
        || matches!(f.as_str(), "y" | "yes" | "true" | "1")
        || f.starts_with("yes ")
}

/// A no answer.
fn is_no(value: &str) -> bool {
    if let Some((_, label)) = coded(value) {
        return is_no(label);
    }
    let f = fold(value);
    f == "n" || f == "no" || f == "false" || f == "0" || f.starts_with("no ") || f.starts_with("not ")
}

/// Quintile 1 or 2 ("1", "2", "Q1", "Quintile 2", "1 - Most deprived").
fn low_quintile(value: &str) -> bool {
    let f = fold(value);
    let number = f.trim_start_matches("quintile").trim_start_matches('q').trim();
    matches!(number.split(' ').next(), Some("1" | "2"))
}

/// The values of `values` meaning yes when every other value means no or
/// is missing; None when some value is neither (init does not guess).
fn yes_values(values: &[String]) -> Option<Vec<String>> {
    let yes: Vec<String> = values.iter().filter(|v| is_yes(v)).cloned().collect();
    let readable = values.iter().all(|v| is_yes(v) || is_no(v) || is_missing(v));
    (readable && !yes.is_empty()).then_some(yes)
}

/// One proposed group: its name, column and values.
type Group = (String, String, Vec<String>);

/// The cohort's first header holding any of `words` (folded), not yet used.
fn column<'a>(cohort: &'a SheetPreview, words: &[&str], used: &[String]) -> Option<&'a String> {
    cohort.headers.iter().find(|h| {
        let f = format!(" {} ", fold(h));
        !used.contains(h) && words.iter().any(|w| f.contains(&format!(" {w} ")))
    })
}

/// Of the headers holding any of `words`, the first that says "quintile"
/// (a quintile column beside its decile one), else the first.
fn quintile_column<'a>(cohort: &'a SheetPreview, words: &[&str], used: &[String]) -> Option<&'a String> {
    let quintile: Vec<String> = cohort
        .headers
        .iter()
        .filter(|h| !fold(h).split(' ').any(|w| w == "quintile"))
        .cloned()
        .collect();
    let mut skip = used.to_vec();
    skip.extend(quintile);
    column(cohort, words, &skip).or_else(|| column(cohort, words, used))
}

/// A HESA disability code (DISABLE): 00 and 95 mean no known disability,
/// 97 to 99 not known; every other code is a declared disability.
fn hesa_disability(value: &str) -> Option<bool> {
    // A spreadsheet drops a code's leading zero ("08" as 8); a report
    // writes the code before its label ("95 - No known impairment").
    let code = coded(value).map_or(value, |(code, _)| code);
    let padded = format!("{:0>2}", code.trim());
    let code = padded.as_str();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit()))
        .then_some(!matches!(code, "00" | "95" | "97" | "98" | "99"))
}

/// The groups proposed for `cohort`.
fn proposals(cohort: &SheetPreview) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let add = |groups: &mut Vec<Group>,
               used: &mut Vec<String>,
               name: &str,
               header: &String,
               values: Vec<String>| {
        if !values.is_empty() {
            used.push(header.clone());
            groups.push((name.to_string(), header.clone(), values));
        }
    };
    let deciles = |header: &String| -> Vec<String> {
        distinct(cohort, header)
            .into_iter()
            .filter(|v| v.trim().parse::<u32>().is_ok_and(|d| (1..=4).contains(&d)))
            .collect()
    };
    let quintiles = |header: &String| -> Vec<String> {
        let values = distinct(cohort, header);
        let readable = values
            .iter()
            .all(|v| low_quintile(v) || is_missing(v) || fold(v).chars().any(|c| c.is_ascii_digit()));
        if !readable {
            return Vec::new();
        }
        values.into_iter().filter(|v| low_quintile(v)).collect()
    };
    if let Some(h) = column(cohort, &["polar4", "polar", "low participation"], &used) {
        // Quintiles, or a yes/no column ("Low participation neighbourhood").
        let values = yes_values(&distinct(cohort, h)).unwrap_or_else(|| quintiles(h));
        add(
            &mut groups,
            &mut used,
            "Low participation area (POLAR4 Q1-2)",
            h,
            values,
        );
    }
    // A UK-wide provider's one deprivation quintile for every nation
    // ("Deprivation Quintile (home nation)") stands for the nations' own.
    let combined = cohort.headers.iter().find(|h| {
        let f = format!(" {} ", fold(h));
        f.contains(" deprivation ")
            && (f.contains(" home nation ") || f.contains(" combined ") || f.contains(" uk "))
    });
    if let Some(h) = combined {
        let values = quintiles(h);
        if !values.is_empty() {
            add(
                &mut groups,
                &mut used,
                "Most deprived areas (quintiles 1-2)",
                h,
                values,
            );
            used.extend(
                cohort
                    .headers
                    .iter()
                    .filter(|x| {
                        let f = format!(" {} ", fold(x));
                        [" imd ", " simd ", " wimd ", " nimdm "]
                            .iter()
                            .any(|w| f.contains(w))
                    })
                    .cloned(),
            );
        }
    }
    // Scotland's MD20 and MD40 flags (a planning office's yes/no columns)
    // are SIMD20 and SIMD40 as the sector reports them: before the quintile.
    for (words, name) in [
        (&["md20", "simd20", "simd 20"][..], "Most deprived areas (SIMD20)"),
        (&["md40", "simd40", "simd 40"][..], "Most deprived areas (SIMD40)"),
    ] {
        if let Some(h) = column(cohort, words, &used).cloned()
            && let Some(values) = yes_values(&distinct(cohort, &h))
        {
            add(&mut groups, &mut used, name, &h, values);
            used.extend(
                cohort
                    .headers
                    .iter()
                    .filter(|x| fold(x).split(' ').any(|w| w == "simd"))
                    .cloned(),
            );
        }
    }
    // England's IMD, then Scotland's SIMD and Wales's WIMD (SIMD20 and
    // SIMD40 are its most deprived 20% and 40%).
    for (words, name) in [
        (
            &["imd", "deprivation", "index of multiple deprivation"][..],
            "Most deprived areas (IMD Q1-2)",
        ),
        (&["simd", "simd20", "simd40"][..], "SIMD"),
        (&["wimd"][..], "Most deprived areas (WIMD Q1-2)"),
        (
            &["nimdm", "nimdm17", "nimdm 2017"][..],
            "Most deprived areas (NIMDM Q1-2)",
        ),
    ] {
        if let Some(h) = quintile_column(cohort, words, &used) {
            // Deciles 1-4 are the quintiles 1-2 (the most deprived 40%).
            let values = if fold(h).contains("decile") {
                deciles(h)
            } else {
                quintiles(h)
            };
            // Scotland's widening-access target is SIMD20 (quintile 1,
            // deciles 1-2), reported beside SIMD40.
            if name.contains("SIMD") {
                let top = if fold(h).contains("decile") { 2 } else { 1 };
                let twenty: Vec<String> = values
                    .iter()
                    .filter(|v| {
                        let f = fold(v);
                        let n = f.trim_start_matches("quintile").trim_start_matches('q').trim();
                        n.split(' ')
                            .next()
                            .and_then(|n| n.parse::<u32>().ok())
                            .is_some_and(|n| n <= top)
                    })
                    .cloned()
                    .collect();
                add(&mut groups, &mut used, "Most deprived areas (SIMD20)", h, twenty);
                add(&mut groups, &mut used, "Most deprived areas (SIMD40)", h, values);
                continue;
            }
            add(&mut groups, &mut used, name, h, values);
        }
    }
    if let Some(h) = column(
        cohort,
        &[
            "first generation",
            "first gen",
            "first in family",
            "first in the family",
            "1st generation",
            "1st gen",
        ],
        &used,
    ) {
        let values = yes_values(&distinct(cohort, h)).unwrap_or_default();
        add(&mut groups, &mut used, "First in family", h, values);
    } else if let Some(h) = column(
        cohort,
        &[
            "parents have he qualification",
            "parental he",
            "parental higher education",
            "parents higher education",
            "parental education",
            "parents he",
            "parent carer attended he",
            "parents attended he",
        ],
        &used,
    ) {
        // Parents without a degree: the no answers.
        let values = distinct(cohort, h);
        if values.iter().all(|v| is_yes(v) || is_no(v) || is_missing(v)) {
            let no: Vec<String> = values.into_iter().filter(|v| is_no(v)).collect();
            add(&mut groups, &mut used, "First in family", h, no);
        }
    }
    if let Some(h) = column(cohort, &["ethnicity", "ethnic group", "ethnic"], &used) {
        let values: Vec<String> = distinct(cohort, h)
            .into_iter()
            .filter(|v| !is_white(v) && !is_missing(v))
            .collect();
        // Gypsy, Roma and Traveller students, a target group of their own
        // in access and participation plans (HESA files them under White).
        let travellers: Vec<String> = distinct(cohort, h)
            .into_iter()
            .filter(|v| {
                let f = format!(" {} ", fold(v));
                [" gypsy ", " roma ", " traveller ", " romany "]
                    .iter()
                    .any(|w| f.contains(w))
            })
            .collect();
        let header = h.clone();
        add(
            &mut groups,
            &mut used,
            "Black, Asian and minority ethnic",
            &header,
            values,
        );
        if !travellers.is_empty() {
            groups.push(("Gypsy, Roma and Traveller".to_string(), header, travellers));
        }
    }
    if let Some(h) = column(
        cohort,
        &[
            "disability",
            "disabled",
            "disability declared",
            "disability status",
            // Further education's "learning difficulty and/or disability".
            "lldd",
        ],
        &used,
    ) {
        let values = distinct(cohort, h);
        let values: Vec<String> = if values.iter().all(|v| hesa_disability(v).is_some()) {
            values
                .into_iter()
                .filter(|v| hesa_disability(v) == Some(true))
                .collect()
        } else {
            values
                .into_iter()
                .filter(|v| !is_no(v) && !is_missing(v))
                .collect()
        };
        add(&mut groups, &mut used, "Declared disability", h, values);
    }
    if let Some(h) = column(
        cohort,
        &[
            "care leaver",
            "care experienced",
            "care exp",
            "looked after",
            "in care",
        ],
        &used,
    ) {
        let values: Vec<String> = distinct(cohort, h)
            .into_iter()
            .filter(|v| {
                let f = fold(v);
                is_yes(v)
                    || (!is_no(v)
                        && !is_missing(v)
                        && (f.contains("care leaver") || f.contains("care experienced")))
            })
            .collect();
        add(&mut groups, &mut used, "Care experienced", h, values);
    }
    if let Some(h) = column(cohort, &["mature", "mature student", "mature learner"], &used) {
        let values = yes_values(&distinct(cohort, h)).unwrap_or_default();
        add(&mut groups, &mut used, "Mature (21+ on entry)", h, values);
    } else if let Some(h) = column(cohort, &["age group", "age band"], &used) {
        let values: Vec<String> = distinct(cohort, h)
            .into_iter()
            .filter(|v| {
                let f = fold(v);
                let starts_21_plus = f
                    .split(' ')
                    .next()
                    .and_then(|n| n.parse::<u32>().ok())
                    .is_some_and(|n| n >= 21);
                !f.contains("under")
                    && !f.contains("young")
                    && (f.contains("mature")
                        || f.contains("21 and over")
                        || f.contains("over 21")
                        || starts_21_plus)
            })
            .collect();
        add(&mut groups, &mut used, "Mature (21+ on entry)", h, values);
    } else if let Some(h) = column(
        cohort,
        &["age on entry", "age at entry", "age at start", "age on start"],
        &used,
    ) {
        // Ages as numbers: those of 21 and over.
        let values = distinct(cohort, h);
        if values.iter().all(|v| v.parse::<u32>().is_ok() || is_missing(v)) {
            let mut mature: Vec<String> = values
                .into_iter()
                .filter(|v| v.parse::<u32>().is_ok_and(|a| a >= 21))
                .collect();
            mature.sort_by_key(|v| v.parse::<u32>().unwrap_or(0));
            add(&mut groups, &mut used, "Mature (21+ on entry)", h, mature);
        }
    }
    if let Some(h) = column(
        cohort,
        &["commuter", "commuting", "living at home", "lives at home"],
        &used,
    ) {
        let values = yes_values(&distinct(cohort, h)).unwrap_or_default();
        add(&mut groups, &mut used, "Commuter (living at home)", h, values);
    } else if let Some(h) = column(
        cohort,
        &[
            "term time accommodation",
            "term time address",
            "accommodation",
            "living arrangement",
            "residence",
            "ttaccom",
        ],
        &used,
    ) {
        let values: Vec<String> = distinct(cohort, h)
            .into_iter()
            .filter(|v| {
                let f = fold(v);
                (f.contains("parent")
                    || f.contains("guardian")
                    || f.contains("family home")
                    || f.contains("own residence")
                    || f.contains("own home")
                    || f.contains("living at home")
                    || f.contains("commuting"))
                    && !f.split(' ').any(|w| w.starts_with("rent"))
            })
            .collect();
        add(&mut groups, &mut used, "Commuter (living at home)", h, values);
    }
    if let Some(h) = column(cohort, &["tundra"], &used) {
        let values = quintiles(h);
        add(
            &mut groups,
            &mut used,
            "Low participation area (TUNDRA Q1-2)",
            h,
            values,
        );
    }
    if let Some(h) = column(cohort, &["estranged", "estrangement"], &used) {
        let values = yes_values(&distinct(cohort, h)).unwrap_or_default();
        add(&mut groups, &mut used, "Estranged", h, values);
    }
    if let Some(h) = column(
        cohort,
        &["free school meals", "fsm", "fsme", "free school meal"],
        &used,
    ) {
        let values = yes_values(&distinct(cohort, h)).unwrap_or_default();
        add(&mut groups, &mut used, "Free school meals", h, values);
    }
    more_groups(cohort, &mut groups, &mut used);
    groups
}

/// Groups of access and participation plans beyond the common ones, each
/// a yes/no column: young carers, sanctuary scholars, students with the
/// Disabled Students' Allowance, and vocational (BTEC, T Level) entrants.
fn more_groups(cohort: &SheetPreview, groups: &mut Vec<Group>, used: &mut Vec<String>) {
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
    ];
    if let Some(h) = column(cohort, &entry, used).cloned() {
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
/// The label of `value` in `header`'s code list, when it has one.
fn label_of<'a>(codes: &'a [(String, Vec<(String, String)>)], header: &str, value: &str) -> Option<&'a str> {
    let list = &codes.iter().find(|(h, _)| *h == fold(header))?.1;
    list.iter()
        .find(|(code, _)| code == value.trim())
        .map(|(_, label)| label.as_str())
}

/// The code of `label` in `header`'s code list.
fn code_of(codes: &[(String, Vec<(String, String)>)], header: &str, label: &str) -> Option<String> {
    let list = &codes.iter().find(|(h, _)| *h == fold(header))?.1;
    list.iter()
        .find(|(_, l)| l == label)
        .map(|(code, _)| code.clone())
}

/// Writes `[target_groups]` for the groups proposed from `cohort`.
pub fn target_groups(out: &mut Written, cohort: &SheetPreview, codes: &[(String, Vec<(String, String)>)]) {
    // Coded columns are read by their labels, then proposed by their codes.
    let decoded = SheetPreview {
        rows: cohort
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(c, v)| {
                        v.as_ref()
                            .map(|v| label_of(codes, &cohort.headers[c], v).unwrap_or(v).to_string())
                    })
                    .collect()
            })
            .collect(),
        ..cohort.clone()
    };
    let groups: Vec<Group> = proposals(&decoded)
        .into_iter()
        .map(|(name, column, values)| {
            let coded: Vec<String> = values
                .into_iter()
                .map(|v| code_of(codes, &column, &v).unwrap_or(v))
                .collect();
            (name, column, coded)
        })
        .collect();
    if groups.is_empty() {
        return;
    }
    out.text.push_str(
        "\n# Target groups proposed from the cohort's columns (answers such as \"Prefer not to say\" are in no group): check the values.\n[target_groups]\n",
    );
    for (name, column, values) in groups {
        let values: Vec<String> = values.iter().map(|v| quote(v)).collect();
        out.text.push_str(&format!(
            "{} = {{ column = {}, in = [{}] }}\n",
            quote(&name),
            quote(&column),
            values.join(", ")
        ));
    }
}
