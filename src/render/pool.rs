//! pool.html's view model (pooling.md, "Outputs"): the consortium's key
//! findings in plain English, a forest plot per pooled figure with its
//! heterogeneity and leave-one-out rows, the figures only one institution
//! published, and the methods. Built from `Pooled` only: every number in it
//! was built from the institutions' published figures.

use serde::Serialize;

use super::findings::{KeyFinding, change_verdict, effect_verdict, words};
use crate::charts::Chart;
use crate::charts::forest::{NAMED_ROWS, forest_title};
use crate::metrics::groups::{ALL_ELIGIBLE, NOT_IN_ANY};
use crate::pool::measure::{Measure, count_words, measure, outcome_words, page_order};
use crate::pool::{LeftOutRecord, Pooled, PooledRecord};

/// I² (in %) from which the findings say institutions differ.
const DIFFER_I2: f64 = 50.0;
/// A plot's absent institutions are named up to this many, else counted.
const ABSENT_NAMED: usize = 10;
/// Beyond `NAMED_ROWS` institutions, the leave-one-out table on the page
/// shows this many: those whose omission moves the estimate most.
const INFLUENTIAL: usize = 10;

/// The whole page.
#[derive(Debug, Clone, Serialize)]
pub struct PoolView {
    pub title: String,
    /// How many institutions, in words' digits ("1,000").
    pub institution_count: String,
    pub method: String,
    pub periods: String,
    pub institutions: Vec<InstitutionView>,
    pub key_findings: Vec<KeyFinding>,
    pub sections: Vec<MeasureSection>,
    /// Figures only one institution published: listed, not pooled.
    pub single: Vec<SingleView>,
    pub notes: Vec<String>,
    pub methods: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionView {
    pub name: String,
    pub period: String,
    pub path: String,
    pub sha256: String,
}

/// One measure's pooled figures, by group.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureSection {
    pub id: &'static str,
    pub heading: &'static str,
    pub intro: String,
    pub groups: Vec<GroupView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub group: String,
    pub figures: Vec<FigureView>,
}

/// One forest plot and what goes under it.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub chart: Chart,
    /// "Q = 3.21 (p 0.361), I² = 12.3%, ..."
    pub heterogeneity: String,
    pub evidence: &'static str,
    pub reason: String,
    /// The institutions whose figure is not in this plot, in words.
    pub absent: String,
    /// The leave-one-out table's caption: what its rows are.
    pub loo_caption: String,
    pub leave_one_out: Vec<LeftOutView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeftOutView {
    pub left_out: String,
    pub estimate: String,
    pub interval: String,
    pub tau2: String,
    pub i2: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SingleView {
    pub measure: &'static str,
    pub group: String,
    pub outcome: String,
    pub institution: String,
    pub estimate: String,
    pub interval: String,
}

/// Heterogeneity in words: Q with its p, I², H² and τ² with its interval
/// and τ in the measure's unit.
fn heterogeneity(r: &PooledRecord, m: &Measure) -> String {
    let (Some(q), Some(q_p), Some(i2), Some(h2), Some(tau2)) = (r.q, r.q_p, r.i2, r.h2, r.tau2) else {
        return String::new();
    };
    let p = if q_p < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p {q_p:.3}")
    };
    let ci = match (r.tau2_ci_low, r.tau2_ci_high) {
        (Some(l), Some(h)) => format!(" (95% interval {l:.4} to {h:.4})"),
        _ => String::new(),
    };
    format!(
        "Q = {q:.2} on {} df ({p}); I² = {i2:.1}%; H² = {h2:.2}; τ² = {tau2:.4}{ci}, so institutions' true figures \
         spread with a standard deviation of about {:.*} {}.",
        r.k - 1,
        m.decimals,
        tau2.sqrt() * m.scale,
        m.unit
    )
}

fn figure_view(pooled: &Pooled, r: &PooledRecord, chart: Chart) -> FigureView {
    let m = measure(&r.measure);
    let (loo_caption, shown) = leave_one_out_shown(r, pooled.left_out(r), &chart.title, &m);
    FigureView {
        absent: absent(pooled, r),
        chart,
        heterogeneity: heterogeneity(r, &m),
        evidence: r.evidence_type,
        reason: r.reason.clone(),
        loo_caption,
        leave_one_out: shown
            .into_iter()
            .map(|l| LeftOutView {
                left_out: l.left_out.clone(),
                estimate: m.signed(l.estimate),
                interval: m.interval(l.ci_low, l.ci_high),
                tau2: format!("{:.4}", l.tau2),
                i2: format!("{:.1}%", l.i2),
            })
            .collect(),
    }
}

/// The institutions not in a plot, named when few, else counted.
fn absent(pooled: &Pooled, r: &PooledRecord) -> String {
    // A figure's institutions are sorted by name.
    let absent: Vec<String> = pooled
        .institutions
        .iter()
        .map(|i| i.institution.clone())
        .filter(|name| r.institutions.binary_search(name).is_err())
        .collect();
    let why = if absent.len() == 1 { "its" } else { "their" };
    match absent.len() {
        0 => String::new(),
        n if n > ABSENT_NAMED => format!(
            "Not in this plot: {} of the {} institutions (withheld under their disclosure rule, or not measured; \
             tables/contributions.csv lists those in it).",
            count_words(n),
            count_words(pooled.institutions.len())
        ),
        _ => format!(
            "Not in this plot: {} (withheld under {why} disclosure rule, or not measured).",
            words(&absent)
        ),
    }
}

/// The leave-one-out rows the page shows, with the table's caption: every
/// row up to `NAMED_ROWS` institutions; beyond, the `INFLUENTIAL` whose
/// omission moves the estimate most (the rest are in tables/).
fn leave_one_out_shown<'a>(
    r: &PooledRecord,
    loo: &'a [LeftOutRecord],
    title: &str,
    m: &Measure,
) -> (String, Vec<&'a LeftOutRecord>) {
    let mut shown: Vec<&LeftOutRecord> = loo.iter().collect();
    if loo.len() <= NAMED_ROWS {
        return (format!("{title}, with each institution left out"), shown);
    }
    let shift = |l: &LeftOutRecord| (l.estimate - r.estimate).abs();
    shown.sort_by(|a, b| shift(b).total_cmp(&shift(a)).then(a.left_out.cmp(&b.left_out)));
    let largest = shown.first().map(|l| shift(l)).unwrap_or(0.0);
    shown.truncate(INFLUENTIAL);
    let caption = format!(
        "{title}, with each institution left out: the {} of {} whose omission moves the estimate most (by at most \
         {:.*} {}; every row is in tables/leave_one_out.csv)",
        shown.len(),
        count_words(loo.len()),
        m.decimals + 1,
        largest * m.scale,
        m.unit
    );
    (caption, shown)
}

/// The intro of a measure's section; `compact` when one of its plots
/// draws more than `NAMED_ROWS` institutions without names.
fn intro(m: &Measure, compact: bool) -> String {
    let mut text = format!(
        "Each plot shows one figure in {}: every institution's estimate with its 95% interval (the square's size is its \
         weight in the pooled estimate), the pooled random-effects estimate as a diamond (its 95% Hartung-Knapp \
         interval), and the prediction interval, where a new institution's figure would be expected. A value above 0 \
         means {}.",
        m.unit, m.positive
    );
    if compact {
        text.push_str(&format!(
            " A plot of more than {NAMED_ROWS} institutions draws each interval as a thin grey line, sorted by \
             estimate, with the estimates joined by a blue line; each institution's figures are in \
             tables/contributions.csv."
        ));
    }
    text
}

/// Builds the page; `charts` are the forest plots of `page_order(pooled)`.
pub fn build(pooled: &Pooled, charts: Vec<Chart>) -> PoolView {
    let order = page_order(pooled);
    let mut sections: Vec<MeasureSection> = Vec::new();
    for (r, chart) in order.iter().zip(charts) {
        let m = measure(&r.measure);
        if sections.last().is_none_or(|s| s.id != m.id) {
            let compact = order.iter().any(|o| o.measure == r.measure && o.k > NAMED_ROWS);
            sections.push(MeasureSection {
                id: m.id,
                heading: m.heading,
                intro: intro(&m, compact),
                groups: Vec::new(),
            });
        }
        let Some(section) = sections.last_mut() else {
            continue;
        };
        if section.groups.last().is_none_or(|g| g.group != r.group) {
            section.groups.push(GroupView {
                group: r.group.clone(),
                figures: Vec::new(),
            });
        }
        if let Some(group) = section.groups.last_mut() {
            group.figures.push(figure_view(pooled, r, chart));
        }
    }
    let mut periods: Vec<&str> = pooled.institutions.iter().map(|i| i.period.as_str()).collect();
    periods.sort();
    periods.dedup();
    PoolView {
        title: pooled.pool.name.clone(),
        institution_count: count_words(pooled.institutions.len()),
        method: pooled.pool.method.to_string(),
        periods: words(&periods.iter().map(|p| p.to_string()).collect::<Vec<_>>()),
        institutions: pooled
            .institutions
            .iter()
            .map(|i| InstitutionView {
                name: i.institution.clone(),
                period: i.period.clone(),
                path: i.path.clone(),
                sha256: i.sha256.clone(),
            })
            .collect(),
        key_findings: key_findings(pooled, &order),
        sections,
        single: single(pooled),
        notes: pooled.notes.clone(),
        methods: methods(pooled, &order),
    }
}

fn single(pooled: &Pooled) -> Vec<SingleView> {
    pooled
        .pooled
        .iter()
        .filter(|r| r.k == 1)
        .map(|r| {
            let m = measure(&r.measure);
            SingleView {
                measure: m.heading,
                group: r.group.clone(),
                outcome: outcome_words(&r.measure, &r.outcome),
                institution: r.institutions.join(", "),
                estimate: m.signed(r.estimate),
                interval: m.interval(r.ci_low, r.ci_high),
            }
        })
        .collect()
}

/// A pooled figure's sentence ending: its interval, verdict and
/// prediction interval.
fn pooled_words(r: &PooledRecord, m: &Measure, verdict: &str) -> String {
    let mut text = format!("(95% interval {}): {verdict}", m.interval(r.ci_low, r.ci_high));
    if r.k == 2 {
        text.push_str(", from only 2 institutions, so the interval is wide");
    }
    if let (Some(low), Some(high)) = (r.pi_low, r.pi_high) {
        text.push_str(&format!(
            "; at a new institution, expect {} to {}",
            m.signed(low),
            m.signed(high)
        ));
    }
    text.push('.');
    text
}

fn finding(r: &PooledRecord, text: String) -> KeyFinding {
    KeyFinding {
        evidence: r.evidence_type,
        text,
        href: match r.measure.as_str() {
            "uptake_gap" => "#uptake_gap",
            "intent_change" => "#intent_change",
            "paired_change" => "#paired_change",
            "paired_effect" => "#paired_effect",
            _ => "#matched_effect",
        },
        section: measure(&r.measure).heading,
    }
}

/// The consortium's findings: the sign-up gap of each target group, each
/// scale's and intent's change and the matched effects for all eligible
/// students, then where institutions differ.
fn key_findings(pooled: &Pooled, order: &[&PooledRecord]) -> Vec<KeyFinding> {
    let mut found = Vec::new();
    let n = pooled.institutions.len();
    for r in order {
        let m = measure(&r.measure);
        let size = (r.estimate * m.scale).abs();
        let amount = format!("{size:.*} {}", m.decimals, m.unit);
        let across = if r.k == n {
            format!("Across all {} institutions", count_words(n))
        } else {
            format!(
                "Across {} of the {} institutions",
                count_words(r.k),
                count_words(n)
            )
        };
        let text = match (r.measure.as_str(), r.group.as_str(), r.outcome.as_str()) {
            ("uptake_gap", group, "registered") if group != NOT_IN_ANY => format!(
                "{across}, {group} students signed up {amount} {} often than other eligible students {}",
                if r.estimate < 0.0 { "less" } else { "more" },
                pooled_words(r, &m, gap_verdict(r.ci_low, r.ci_high))
            ),
            ("paired_change", ALL_ELIGIBLE, scale) => format!(
                "{across}, {scale} scores {} by {amount} from pre to post {}",
                if r.estimate < 0.0 { "fell" } else { "rose" },
                pooled_words(r, &m, change_verdict(r.ci_low, r.ci_high))
            ),
            ("intent_change", ALL_ELIGIBLE, _) => format!(
                "{across}, the share of students intending to apply for a placement {} by {amount} from pre to post {}",
                if r.estimate < 0.0 { "fell" } else { "rose" },
                pooled_words(r, &m, change_verdict(r.ci_low, r.ci_high))
            ),
            ("matched_effect", ALL_ELIGIBLE, outcome) => format!(
                "{across}, participants {} {amount} {} often than matched non-participants {} {}",
                match outcome {
                    "placement_applied" => "applied for a placement".to_string(),
                    "placement_secured" => "secured a placement".to_string(),
                    other => format!("reached \"{other}\""),
                },
                if r.estimate < 0.0 { "less" } else { "more" },
                pooled_words(r, &m, effect_verdict(r.ci_low, r.ci_high)),
                r.reason.trim_end_matches('.').to_string() + "."
            ),
            _ => continue,
        };
        found.push(finding(r, text));
    }
    let differ: Vec<String> = order
        .iter()
        .filter(|r| r.k >= 3 && r.i2.is_some_and(|i2| i2 >= DIFFER_I2))
        .map(|r| forest_title(r))
        .collect();
    if !differ.is_empty() {
        let shown: Vec<String> = differ.iter().take(3).cloned().collect();
        let more = if differ.len() > 3 {
            format!(" and {} more", differ.len() - 3)
        } else {
            String::new()
        };
        found.push(KeyFinding {
            evidence: "Caveat",
            text: format!(
                "Institutions differ more than chance would explain (I² at least {DIFFER_I2:.0}%, three or more \
                 institutions) on {} figure{}: {}{more}. A pooled estimate there is an average over different \
                 programmes; read its prediction interval.",
                differ.len(),
                if differ.len() == 1 { "" } else { "s" },
                shown.join("; ")
            ),
            href: "#methods",
            section: "Methods",
        });
    }
    found
}

/// A gap's verdict from its 95% interval.
fn gap_verdict(low: f64, high: f64) -> &'static str {
    if low > 0.0 || high < 0.0 {
        "a clear gap"
    } else {
        "no clear gap, the interval includes none"
    }
}

fn methods(pooled: &Pooled, order: &[&PooledRecord]) -> Vec<String> {
    let method = match pooled.pool.method {
        "DL" => "the DerSimonian-Laird estimator",
        "PM" => "the Paule-Mandel estimator",
        _ => "restricted maximum likelihood (REML)",
    };
    let mut paragraphs = vec![
        format!(
            "Each institution ran mentor-evidence on its own students and published its metrics.json under its own \
             disclosure control; only those published figures were pooled ({} files, listed below with their \
             SHA-256). No student record left any institution, and a figure an institution withheld is simply absent.",
            pooled.institutions.len()
        ),
        format!(
            "Figures are pooled by random-effects meta-analysis: the variance between institutions (τ²) by {method}, \
             the pooled estimate weighted by 1/(SE² + τ²), and its 95% interval by the Hartung-Knapp-Sidik-Jonkman \
             method (a t distribution with k - 1 degrees of freedom), as the Cochrane Handbook and R's metafor \
             recommend. With two institutions that t has one degree of freedom, so intervals are very wide."
        ),
        "The prediction interval (estimate ± t(k-1) · √(τ² + SE²)) is where a new institution's own figure would be \
         expected. Heterogeneity is Cochran's Q with its p, I² (the share of the spread beyond chance), H², and a 95% \
         interval for τ² by the Q-profile method. Leave-one-out refits show how much each institution moves the \
         estimate. The common-effect (inverse-variance) estimate is in tables/pooled.csv."
            .to_string(),
        "Evidence type: a pooled figure is as strong as its weakest contribution. Uptake gaps are associations and \
         pre/post changes have no comparison group (Type 2); a matched effect is Type 3 only when every institution's \
         matched comparison was Type 3."
            .to_string(),
    ];
    if order.iter().any(|r| r.k > NAMED_ROWS) {
        paragraphs.push(format!(
            "A forest plot of more than {NAMED_ROWS} institutions draws them without names, sorted by estimate, each \
             interval a thin line and the estimates joined by a curve, and says how many intervals cross 0; its \
             leave-one-out table shows the {INFLUENTIAL} institutions whose omission moves the estimate most. Every \
             institution's estimate, interval and weight is in tables/contributions.csv, and every refit in \
             tables/leave_one_out.csv."
        ));
    }
    paragraphs
}
