//! "Key findings": the report's opening sentences, for a reader who reads
//! nothing else. Each is built from published figures only (a withheld
//! figure ends its sentence before it starts), says no more than its
//! figures and labels support, and names its evidence type and section.

use serde::Serialize;

use crate::disclosure::Published;
use crate::metrics::groups::{ALL_ELIGIBLE, NOT_IN_ANY};
use crate::metrics::model::{Count, DataQualityRecord, Stage};

/// Significance level of the adjusted p-values the sentences rely on.
const ALPHA: f64 = 0.05;

/// One key finding.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KeyFinding {
    /// "Type 2" or "Type 3", or "Caveat" for the data's quality.
    pub evidence: &'static str,
    pub text: String,
    /// The section it summarises (`#uptake`, ...) and that section's title.
    pub href: &'static str,
    pub section: &'static str,
}

/// "1 warning", "65 warnings", "no errors".
fn plural(n: usize, word: &str) -> String {
    match n {
        0 => format!("no {word}s"),
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// Three to six sentences, in report order. `errors_found`: the run found
/// data quality errors (the report's banner says so), whatever their
/// published count.
pub fn key_findings(published: &Published, errors_found: bool) -> Vec<KeyFinding> {
    let mut findings = Vec::new();
    findings.extend(uptake(published));
    findings.extend(relationships(published));
    findings.extend(surveys(published));
    findings.extend(comparison(published));
    findings.push(data_quality(&published.data_quality, errors_found));
    findings
}

/// The published error count in words: a count rounded to 0 when errors
/// were found (one or two, under the HESA rule) is "fewer than 3", never
/// "no errors" beside a banner saying errors were found.
pub fn error_count(count: Count, errors_found: bool) -> String {
    match count.value() {
        Some(0) if errors_found => "fewer than 3".to_string(),
        _ => count.text(),
    }
}

/// The cohort's uptake, and the target groups whose gap is significant.
fn uptake(published: &Published) -> Option<KeyFinding> {
    let at = |group: &str| {
        published
            .uptake
            .iter()
            .find(|r| r.group == group && r.stage == Stage::Registered)
    };
    let rate = at(ALL_ELIGIBLE)?.rate?;
    let significant: Vec<String> = published
        .uptake
        .iter()
        .filter(|r| r.stage == Stage::Registered && r.group != ALL_ELIGIBLE && r.group != NOT_IN_ANY)
        .filter_map(|r| {
            let gap = r.gap_pp?;
            (r.p_adjusted? < ALPHA).then(|| {
                let side = if gap < 0.0 { "below" } else { "above" };
                format!("{} ({:.1} points {side})", r.group, gap.abs())
            })
        })
        .collect();
    // "No group differs" always names the largest gap, with its group's
    // interval, so a gap of 8 points is not read as none.
    let largest = published
        .uptake
        .iter()
        .filter(|r| r.stage == Stage::Registered && r.group != ALL_ELIGIBLE && r.group != NOT_IN_ANY)
        .filter_map(|r| Some((r, r.gap_pp?)))
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    let text = if significant.is_empty() {
        let gap = largest.map_or(String::new(), |(r, gap)| {
            let side = if gap < 0.0 { "below" } else { "above" };
            let interval = match (r.rate, r.ci_low, r.ci_high) {
                (Some(rate), Some(low), Some(high)) => format!(
                    ": {} registered, 95% interval {} to {}",
                    pct(rate),
                    pct(low),
                    pct(high)
                ),
                _ => String::new(),
            };
            format!(
                " The largest gap is for {}, {:.1} points {side}{interval}.",
                r.group,
                gap.abs()
            )
        });
        format!(
            "{} of eligible students registered; no target group's uptake differs significantly from this average \
             once the groups are tested together.{gap}",
            pct(rate)
        )
    } else {
        format!(
            "{} of eligible students registered; uptake differs significantly from this average for {}.",
            pct(rate),
            words(&significant)
        )
    };
    Some(KeyFinding {
        evidence: "Type 2",
        text,
        href: "#uptake",
        section: "Uptake by target group",
    })
}

/// How many matched students sustained their relationship and completed.
fn relationships(published: &Published) -> Option<KeyFinding> {
    if published.relationships.is_empty() {
        return None;
    }
    let at = |stage: Stage| {
        published
            .uptake
            .iter()
            .find(|r| r.group == ALL_ELIGIBLE && r.stage == stage)
    };
    let matched = at(Stage::Matched)?.count;
    let sustained = at(Stage::Sustained)?.conversion?;
    let mut text = format!(
        "Of {} students matched with a mentor, {} sustained the relationship",
        matched.text(),
        pct(sustained)
    );
    if let Some(completed) = at(Stage::Completed).and_then(|r| r.conversion) {
        text.push_str(&format!(
            " and {} attended the celebration (completed the programme)",
            pct(completed)
        ));
    }
    text.push('.');
    Some(KeyFinding {
        evidence: "Type 2",
        text,
        href: "#relationships",
        section: "Mentoring relationships",
    })
}

/// Each scale's change from before to after, where it can be read, with
/// its interval and a verdict that agrees with it.
fn surveys(published: &Published) -> Option<KeyFinding> {
    let scales: Vec<&crate::metrics::model::PairedRecord> = published
        .paired
        .iter()
        .filter(|p| p.group == ALL_ELIGIBLE && !p.too_few)
        .collect();
    let parts: Vec<String> = scales
        .iter()
        .filter_map(|p| {
            let (pre, post) = (p.mean_pre?, p.mean_post?);
            let change = paired_change_words(p, scales.len())?;
            Some(format!(
                "{} went from {pre:.2} to {post:.2}, a change of {change}",
                p.scale.to_lowercase()
            ))
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let n = published
        .paired
        .iter()
        .find(|p| p.group == ALL_ELIGIBLE)
        .map_or(String::new(), |p| {
            format!(" ({} students answered both surveys)", p.n.text())
        });
    let mut text = parts.join("; ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    Some(KeyFinding {
        evidence: "Type 2",
        text: format!("{text}{n}: a change over the programme, not necessarily caused by it."),
        href: "#surveys",
        section: "Confidence and resilience surveys",
    })
}

/// The matched comparison's effect on each outcome (All eligible), said as
/// strongly as its label and interval allow.
fn comparison(published: &Published) -> Option<KeyFinding> {
    let records: Vec<_> = published
        .comparison
        .iter()
        .filter(|r| r.group == ALL_ELIGIBLE && r.role == crate::metrics::model::OUTCOME)
        .collect();
    if records.is_empty() {
        return None;
    }
    let mut type3 = false;
    let parts: Vec<String> = records
        .iter()
        .filter_map(|r| {
            let outcome = crate::charts::comparison::outcome_phrase(&r.outcome);
            let (att, low, high) = (r.att?, r.ci_low?, r.ci_high?);
            let clear = low > 0.0 || high < 0.0;
            Some(match (r.evidence_type.unwrap_or("Type 2"), clear) {
                ("Type 3", true) => {
                    type3 = true;
                    format!(
                        "taking part changed the rate of {outcome} by {:+.1} percentage points (95% interval {:+.1} to {:+.1})",
                        att * 100.0,
                        low * 100.0,
                        high * 100.0
                    )
                }
                ("Type 3", false) => {
                    type3 = true;
                    format!(
                        "no clear effect on {outcome}: {:+.1} percentage points (95% interval {:+.1} to {:+.1}, which includes none)",
                        att * 100.0,
                        low * 100.0,
                        high * 100.0
                    )
                }
                _ => format!(
                    "an association with {outcome} of {:+.1} points (95% interval {:+.1} to {:+.1}), not an effect",
                    att * 100.0,
                    low * 100.0,
                    high * 100.0
                ),
            })
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    // A target group's effect only when it stays clear once the groups are
    // tested together, and always with how many group estimates were made.
    let groups: Vec<&crate::metrics::model::ComparisonRecord> = published
        .comparison
        .iter()
        .filter(|r| {
            r.group != ALL_ELIGIBLE && r.group != NOT_IN_ANY && r.role == crate::metrics::model::OUTCOME
        })
        .collect();
    let clear: Vec<String> = groups
        .iter()
        .filter(|r| r.p_adjusted.is_some_and(|q| q < ALPHA))
        .filter_map(|r| {
            let (att, low, high) = (r.att?, r.ci_low?, r.ci_high?);
            Some(format!(
                "{}, {}: {:+.1} points (95% interval {:+.1} to {:+.1}; {})",
                r.group,
                crate::charts::comparison::outcome_phrase(&r.outcome),
                att * 100.0,
                low * 100.0,
                high * 100.0,
                r.evidence_type.unwrap_or("Type 2")
            ))
        })
        .collect();
    let subgroups = match clear.len() {
        0 => String::new(),
        1 => format!(
            " Of the {} target-group estimates, one stays clear once they are tested together: {}.",
            groups.len(),
            clear[0]
        ),
        n => format!(
            " Of the {} target-group estimates, {n} stay clear once they are tested together: {}.",
            groups.len(),
            clear.join("; ")
        ),
    };
    Some(KeyFinding {
        evidence: if type3 { "Type 3" } else { "Type 2" },
        text: format!(
            "Against similar non-participants (matched comparison): {}; unmeasured differences such as motivation \
             may remain.{subgroups}",
            parts.join("; ")
        ),
        href: "#comparison",
        section: "Matched comparison",
    })
}

/// The data's biggest caveat: the rule with the most findings (as published).
fn data_quality(quality: &DataQualityRecord, errors_found: bool) -> KeyFinding {
    let count = |c: Count, word: &str| match c.value() {
        Some(0) if errors_found && word == "error" => format!("{} errors", error_count(c, errors_found)),
        Some(n) => plural(n as usize, word),
        None => format!("{} {word}s", c.text()),
    };
    let biggest = quality
        .by_input
        .iter()
        .filter(|c| c.findings.value() != Some(0))
        .max_by_key(|c| c.findings.value().unwrap_or(0));
    let text = match biggest {
        None if quality.by_input.is_empty() => "The input files passed every data quality check.".to_string(),
        None => format!(
            "Data quality: {} and {}.",
            count(quality.errors, "error"),
            count(quality.warnings, "warning")
        ),
        Some(c) => format!(
            "Data quality: {} and {}; the most frequent is {} ({} in the {}).",
            count(quality.errors, "error"),
            count(quality.warnings, "warning"),
            c.rule.replace('_', " "),
            c.findings.text(),
            c.input
        ),
    };
    KeyFinding {
        evidence: "Caveat",
        text,
        href: "#data-quality",
        section: "Data quality",
    }
}

/// A change's verdict from its 95% interval: "a clear rise", "a clear
/// fall", or "no clear change (the interval includes none)".
pub fn change_verdict(low: f64, high: f64) -> &'static str {
    if low > 0.0 {
        "a clear rise"
    } else if high < 0.0 {
        "a clear fall"
    } else {
        "no clear change (the interval includes none)"
    }
}

/// An effect's verdict from its 95% interval.
pub fn effect_verdict(low: f64, high: f64) -> &'static str {
    if low > 0.0 || high < 0.0 {
        "a clear effect"
    } else {
        "no clear effect, the interval includes none"
    }
}

/// A scale's paired change in words, with its interval and verdict; where
/// the interval excludes 0 but the Benjamini-Hochberg p across the `scales`
/// scales does not stay below 0.05, both are said.
pub fn paired_change_words(p: &crate::metrics::model::PairedRecord, scales: usize) -> Option<String> {
    let (diff, low, high) = (p.mean_diff?, p.ci_low?, p.ci_high?);
    let verdict = change_verdict(low, high);
    let adjusted_not = p.p_adjusted.is_some_and(|q| q >= ALPHA) && (low > 0.0 || high < 0.0);
    let caveat = if adjusted_not {
        format!("; not significant once the {scales} scales are tested together")
    } else {
        String::new()
    };
    let verdict = if adjusted_not {
        if low > 0.0 { "a rise" } else { "a fall" }
    } else {
        verdict
    };
    Some(format!(
        "{diff:+.2} (95% interval {low:+.2} to {high:+.2}): {verdict}{caveat}"
    ))
}

/// A list in words: "a, b and c".
pub fn words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
