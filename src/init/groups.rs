//! The widening-participation target groups `init` proposes from the
//! cohort's columns (outputs.md, `init`): POLAR4 and IMD quintiles 1-2,
//! first generation, ethnicity (every value but White ones), disability,
//! care experience, mature and commuter students, free school meals. A
//! missing-value answer ("Prefer not to say", "Not known", "Information
//! refused") is never in a group; a column whose values init cannot read
//! is left out rather than guessed.

use super::fold::fold;
use super::group_values::{
    Group, column, is_code, is_missing, is_no, is_yes, low_quintile, quintile_column, yes_values,
};
use super::more_groups::more_groups;
use super::protected_groups::{disability, ethnicity};
use super::written::{Written, distinct, quote};
use crate::ingest::preview::SheetPreview;

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
    // HESA-style field names too ("POLAR4Q", "IMD2019Q").
    if let Some(h) = column(
        cohort,
        &["polar4", "polar", "low participation", "polar4q"],
        &used,
    ) {
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
    // With one flag alone (MD20), the deciles or quintiles give the other.
    let mut flagged = 0;
    for (words, name) in [
        (&["md20", "simd20", "simd 20"][..], "Most deprived areas (SIMD20)"),
        (&["md40", "simd40", "simd 40"][..], "Most deprived areas (SIMD40)"),
    ] {
        if let Some(h) = column(cohort, words, &used).cloned()
            && let Some(values) = yes_values(&distinct(cohort, &h))
        {
            add(&mut groups, &mut used, name, &h, values);
            flagged += 1;
        }
    }
    if flagged == 2 {
        used.extend(
            cohort
                .headers
                .iter()
                .filter(|x| fold(x).split(' ').any(|w| w == "simd"))
                .cloned(),
        );
    }
    // England's IMD, then Scotland's SIMD and Wales's WIMD (SIMD20 and
    // SIMD40 are its most deprived 20% and 40%).
    for (words, name) in [
        (
            &[
                "imd",
                "deprivation",
                "index of multiple deprivation",
                "imd2019q",
                "imdq",
                "imd2019",
            ][..],
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
            // SITS' short names too: NIMDM17_DEC, NIMDM17_QUIN.
            let decile = fold(h).contains("decile") || fold(h).split(' ').any(|w| w == "dec");
            let values = if decile { deciles(h) } else { quintiles(h) };
            // Scotland's widening-access target is SIMD20 (quintile 1,
            // deciles 1-2), reported beside SIMD40.
            if name.contains("SIMD") {
                let top = if decile { 2 } else { 1 };
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
                for (name, values) in [
                    ("Most deprived areas (SIMD20)", twenty),
                    ("Most deprived areas (SIMD40)", values),
                ] {
                    if !groups.iter().any(|g| g.0 == name) {
                        add(&mut groups, &mut used, name, h, values);
                    }
                }
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
            "firstgen",
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
            "parent carer he",
            // HESA's field: 1 yes, 2 no, 3 not known, 4 refused.
            "pared",
        ],
        &used,
    ) {
        // Parents without a degree: the no answers (HESA's code 2).
        let values = distinct(cohort, h);
        // HESA's codes: 1 yes, 2 no, the rest (3, 4, 7, 8, 9, 97-99) not
        // known or refused, as each return's year coded them.
        let hesa_codes = values.iter().any(|v| v.trim().trim_start_matches('0') == "2")
            && values.iter().all(|v| is_code(v, 2));
        if hesa_codes {
            let no: Vec<String> = values
                .into_iter()
                .filter(|v| v.trim().trim_start_matches('0') == "2")
                .collect();
            add(&mut groups, &mut used, "First in family", h, no);
        } else if values.iter().all(|v| is_yes(v) || is_no(v) || is_missing(v)) {
            let no: Vec<String> = values.into_iter().filter(|v| is_no(v)).collect();
            add(&mut groups, &mut used, "First in family", h, no);
        }
    }
    if let Some((header, minority, travellers)) = ethnicity(cohort, &used) {
        add(
            &mut groups,
            &mut used,
            "Black, Asian and minority ethnic",
            &header,
            minority,
        );
        if !travellers.is_empty() {
            groups.push(("Gypsy, Roma and Traveller".to_string(), header, travellers));
        }
    }
    if let Some((header, values)) = disability(cohort, &used) {
        add(&mut groups, &mut used, "Declared disability", &header, values);
    }
    if let Some(h) = column(
        cohort,
        &[
            "care leaver",
            "careleaver",
            "care experienced",
            "care exp",
            "careexp",
            "looked after",
            "in care",
        ],
        &used,
    ) {
        let values = distinct(cohort, h);
        // HESA's CARELEAVER codes: 01 a care leaver (16+), 04 one as UCAS
        // defines it (05 not, 98 and 99 not known), listed whole.
        let hesa = !values.is_empty()
            && values
                .iter()
                .all(|v| is_missing(v) || matches!(v.trim().parse::<u32>(), Ok(1..=5 | 98 | 99)))
            && values.iter().any(|v| v.trim().len() == 2);
        let values: Vec<String> = if hesa {
            vec!["01".to_string(), "04".to_string()]
        } else {
            values
                .into_iter()
                .filter(|v| {
                    let f = fold(v);
                    is_yes(v)
                        || (!is_no(v)
                            && !is_missing(v)
                            && (f.contains("care leaver") || f.contains("care experienced")))
                })
                .collect()
        };
        add(&mut groups, &mut used, "Care experienced", h, values);
    }
    if let Some(h) = column(cohort, &["mature", "mature student", "mature learner"], &used) {
        // A yes/no column, or one of "Mature" and "Young".
        let values = yes_values(&distinct(cohort, h)).unwrap_or_else(|| {
            distinct(cohort, h)
                .into_iter()
                .filter(|v| {
                    let f = fold(v);
                    f.split(' ').any(|w| w == "mature") && !f.split(' ').any(|w| matches!(w, "not" | "non"))
                })
                .collect()
        });
        add(&mut groups, &mut used, "Mature (21+ on entry)", h, values);
    } else if let Some(h) = column(cohort, &["age group", "age band", "entry band"], &used) {
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
            "term time accom",
            "living arrangement",
            "residence",
            "ttaccom",
        ],
        &used,
    ) {
        // HESA's TTACCOM codes (2, or Data Futures' 02, the parental or
        // guardian home), and their labels: the parental or family home
        // alone, as most analysts count commuters (own residence is often
        // a mature student's own home).
        let coded = distinct(cohort, h).iter().all(|v| is_code(v, 2));
        let home: Vec<String> = distinct(cohort, h)
            .into_iter()
            .filter(|v| {
                let f = fold(v);
                if coded {
                    return v.trim().parse::<u32>() == Ok(2);
                }
                (f.contains("parent")
                    || f.contains("guardian")
                    || f.contains("family home")
                    || f.contains("living at home")
                    || f.contains("commuting"))
                    && !f.split(' ').any(|w| w.starts_with("rent"))
            })
            .collect();
        add(&mut groups, &mut used, "Living in the parental home", h, home);
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
