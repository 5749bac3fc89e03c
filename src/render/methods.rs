//! The Methods section (metrics.md's definitions with this run's
//! thresholds, the tests used, the disclosure rule in words and what it
//! withheld, the inputs read) and the report's evidence type.

use serde::Serialize;

use crate::config::{Config, DisclosureRule};
use crate::disclosure::Published;

/// Section 10.
#[derive(Debug, Clone, Serialize)]
pub struct Methods {
    pub definitions: Vec<Definition>,
    pub tests: Vec<String>,
    pub disclosure: String,
    /// How many figures this report withholds, and how many by secondary suppression.
    pub disclosure_log: String,
    pub tool: String,
    pub inputs: Vec<InputView>,
}

/// A term and its definition.
#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    pub term: String,
    pub text: String,
}

/// One input file in the methods section.
#[derive(Debug, Clone, Serialize)]
pub struct InputView {
    pub input: String,
    pub path: String,
    pub sha256: String,
    pub rows_read: String,
}

/// Plain-words description of the disclosure rule (the report's header).
pub fn disclosure_text(config: &Config) -> String {
    match config.disclosure.rule {
        DisclosureRule::Hesa => "HESA rounding: counts rounded to the nearest 5 (0-2 shown as 0); percentages withheld when based on fewer than 22.5 students; means, test statistics and p-values withheld when based on 7 or fewer. Rates are computed from unrounded counts. Withheld values show as \"..\".".to_string(),
        DisclosureRule::Threshold => format!(
            "Threshold rule: counts from 1 to {} shown as \"<{}\"; rates and statistics withheld when based on fewer than {} students. Withheld values show as \"..\".",
            config.disclosure.threshold - 1,
            config.disclosure.threshold,
            config.disclosure.threshold
        ),
        DisclosureRule::None => "None: no rounding or suppression. This report contains small numbers and is not for publication.".to_string(),
    }
}

/// The Methods section's account of the rule: what it hides and what it does not.
pub(super) fn disclosure_methods(config: &Config) -> String {
    let precision = "Every figure is published at the precision shown: percentages to a tenth of a point, p-values to three decimals, means and effect sizes to two.";
    let between = "Each report is controlled on its own: set beside last term's, the difference can describe a student who joined, left or changed, which this rule does not prevent.";
    match config.disclosure.rule {
        DisclosureRule::Hesa => format!(
            "{} This follows HESA's own convention, so it hides small counts, not the exact size of larger ones: a percentage over 23 or more students, computed from the unrounded count, can narrow down the count behind it, as in HESA's publications. p-values of tests on counts (Fisher's exact, McNemar) are withheld where the percentages they compare are, and degrees of freedom of paired tests (the number of students less one) are withheld beside the rounded number. {between} {precision}",
            disclosure_text(config)
        ),
        DisclosureRule::Threshold => format!(
            "{} Secondary suppression: where a withheld count could be worked out from a total (a group's stages, the statuses of its pairs, participants with and without an outcome, the target groups and the whole cohort when they add up), one more count of that total is withheld too, the smallest first; every figure built from a withheld count (its percentage, interval, conversion, gap, p-value) is withheld with it, and a retention curve stops at the first month whose step would reveal fewer than {} pairs. A count that appears in several tables is withheld in all of them. {between} {precision}",
            disclosure_text(config),
            config.disclosure.threshold
        ),
        DisclosureRule::None => disclosure_text(config),
    }
}

/// "N figures withheld, S of them by secondary suppression."
pub(super) fn disclosure_log(published: &Published) -> String {
    let withheld = published.disclosure.withheld.unwrap_or(0);
    let secondary = published.disclosure.secondary.unwrap_or(0);
    let audited = published.disclosure.audited.unwrap_or(0);
    match (published.disclosure.rule, withheld) {
        (DisclosureRule::None, _) => "Nothing is withheld in this report.".to_string(),
        (_, 0) => "No figure of this report had to be withheld.".to_string(),
        (DisclosureRule::Threshold, _) => format!(
            "{withheld} figures of this report are withheld (\"..\"); {secondary} of them are counts withheld only so that a smaller one cannot be worked out from a total, and the rest are small counts' percentages and statistics, or figures over too few students. An audit then solved every published count and every relation between them together (linear programming), as a determined reader would, and withheld {audited} more {counts} so that no withheld count can be worked out or narrowed inside 1 to {n}.",
            counts = if audited == 1 { "count" } else { "counts" },
            n = published.disclosure.threshold.unwrap_or(1).saturating_sub(1),
        ),
        (DisclosureRule::Hesa, _) => format!(
            "{withheld} figures of this report are withheld (\"..\"): percentages over fewer than 22.5 students, statistics over 7 or fewer, and the p-values and degrees of freedom named above."
        ),
    }
}

/// Definitions for the methods section, with this run's thresholds.
pub fn definitions(config: &Config) -> Vec<Definition> {
    let e = &config.engagement;
    let d = |term: &str, text: String| Definition {
        term: term.to_string(),
        text,
    };
    vec![
        d("Eligible", "every student in the cohort file (the whole Year 2 cohort, not only sign-ups), after removing rows without a student id and repeated ids (the first row counts).".to_string()),
        d("Registered", "the student signed up to the programme (a yes-flag or a date in the sign-up column).".to_string()),
        d("Completed training", "registered and completed the online training.".to_string()),
        d("Passed the quiz", format!("registered and scored at least {} in the online quiz (training not required).", e.quiz_pass_mark)),
        d("Matched with a mentor", "registered and has a mentor id.".to_string()),
        d("Met their mentor", "matched and attended the meet-and-greet, or any meeting is logged.".to_string()),
        d("Attended the celebration (completed)", "matched and attended the celebration ceremony, or a celebration meeting is logged: the programme counts this as completing it.".to_string()),
        d("Rate", "students at the stage divided by the group's eligible students, with a 95% Wilson score interval.".to_string()),
        d("Conversion", "students at the stage divided by students at the stage it follows (registration for training, quiz and matching; matching for later stages).".to_string()),
        d("Gap", "the group's rate minus the cohort average (All eligible), in percentage points.".to_string()),
        d("Sustained relationship", format!("matched and at least {} mentoring meetings logged (every kind except the meet-and-greet and the celebration, which are group events; a repeated log row of the same student, date and kind counts once).", e.sustained_meetings)),
        d("Pair status", format!("at the as-of date, the first that applies: withdrawn (withdrawal date on or before it); completed (counted in the completed stage); not started (no mentoring meeting yet); active (last mentoring meeting at most {} days before); at risk (at most {} days); lapsed (longer).", e.at_risk_days, e.lapsed_days)),
        d("Monthly compliance", format!("over calendar months from the month of the match (else the first meeting) to the month of withdrawal (withdrawn), of the last meeting (completed and lapsed) or of the as-of date: the share of months with at least {} mentoring meeting(s). Pairs that have not started count as 0.", e.monthly_minimum)),
        d("Retention", format!("Kaplan-Meier estimate, over pairs with at least one mentoring meeting, of the share still meeting after each month (365.25/12 days) since their first meeting, up to {} months. A relationship ends at withdrawal or, for lapsed pairs, at the last meeting; completed and continuing pairs are censored.", e.expected_months)),
        d("Mentor bank", "utilisation is matched mentees divided by mentee places (capacity, 1 per mentor unless given); the waiting list is registered students without a mentor who have not withdrawn.".to_string()),
        d("Survey responses", "kept when finished, from a cohort student (by id, or by email ignoring case), and the latest by completion time when a student answered a wave more than once. Response rate = kept responses / registered students.".to_string()),
        d("Scale score", "the mean of the answered item scores after reverse scoring (score' = min + max - score), when at least the scale's min_answered items are answered (default: all).".to_string()),
        d("Paired comparison", "over students with a scale score in both compared waves; change = after - before. Comparisons of fewer than 10 students are shown but marked too few to interpret.".to_string()),
        d("Placement intent", config.survey.as_ref().and_then(|s| s.placement_intent.as_ref()).map_or("not configured.".to_string(), |i| format!("a student intends to apply when the intent item scores at least {}.", i.intends_at_least))),
        d("Placement outcomes", "applied and secured rates of participants (registered and matched) against non-participants (eligible, not registered). Students chose to take part, so differences are associations (Type 2 evidence), not effects of the programme.".to_string()),
        d("Target groups", "defined by the configuration's rules over cohort columns; a student may be in several groups. \"Not in any target group\" holds the rest. An empty cell in a rule's column counts as not in the group.".to_string()),
        d("Departments", format!("the cohort's department column as written (ignoring case); departments with fewer eligible students than {} are pooled as \"Other departments\", and empty cells are \"Department not recorded\". Each department's rate is compared with the rest of the cohort (Fisher's exact test, Benjamini-Hochberg within each stage).", config.disclosure.smallest_rate_denominator().max(1))),
        d("Pair factors", "sustained and completed pairs by the mentor's sector and recruitment source (\"Not recorded\" when the bank has none, or lacks the mentor), by aligned matching (the mentor's sector is one the configuration lists for the student's department) and by the mentor's number of mentees in this cohort; each level against every other pair (Fisher's exact test), with Kaplan-Meier retention of aligned and other pairs.".to_string()),
        d("Wait for a match", "days from the registration date to the match date of matched students with both dates: median and quartiles (linear interpolation).".to_string()),
        d("Mentor continuity", "pairs whose meeting log names another mentor than the cohort's at least once, among pairs with a logged mentor.".to_string()),
    ]
}

/// The report's evidence type: Type 2 throughout, except the matched
/// comparison's findings labelled Type 3.
pub(super) fn evidence_type(published: &Published) -> String {
    let type2 = "Type 2 (empirical enquiry) in the Office for Students' standards of evidence: descriptive and associational, not causal";
    if published
        .comparison
        .iter()
        .any(|r| r.evidence_type == Some("Type 3"))
    {
        format!(
            "{type2}, except the matched comparison's findings labelled Type 3 (causal, with the caveats given there)"
        )
    } else {
        type2.to_string()
    }
}

/// Statistical tests named in the methods section.
pub fn tests_used(config: &Config) -> Vec<String> {
    let mut tests = vec![
        "Paired t-test (scipy.stats.ttest_rel) with its 95% interval of the mean change; two-sided p from the regularised incomplete beta.".to_string(),
        "Cohen's d_z = mean change / SD of change; Hedges' g_z = d_z × J(n-1), J(df) = Γ(df/2) / (√(df/2) Γ((df-1)/2)).".to_string(),
        "Wilcoxon signed-rank test on changes rounded to 9 decimals, zeros dropped: exact null distribution when at most 50 non-zero changes and no ties, else the normal approximation with tie correction and no continuity correction; rank-biserial correlation (R+ - R-)/(R+ + R-).".to_string(),
        "Benjamini-Hochberg adjustment across all (scale, group) paired comparisons.".to_string(),
        "Cronbach's alpha (listwise) with the Feldt 95% interval; Welch's t-test for the attrition check.".to_string(),
        "Exact McNemar test of paired placement intent (b + c = 0 gives p = 1); Fisher's exact test for placement outcomes.".to_string(),
        "Kaplan-Meier retention with Greenwood's variance and a 95% log-log interval, as scipy.stats.ecdf(CensoredData(...)).sf.confidence_interval(method=\"log-log\"); medians and quartiles with linear interpolation (numpy's default).".to_string(),
        "Wilson score interval (95%) for every rate, as scipy.stats.binomtest(...).proportion_ci(method=\"wilson\").".to_string(),
        "Fisher's exact test, two-sided, of each group's rate against eligible students outside the group, with R's relative tolerance of 1e-7 for equally likely tables.".to_string(),
        "Benjamini-Hochberg adjustment across the groups of each stage (R p.adjust(method = \"BH\")); gaps with adjusted p < 0.05 are marked significant.".to_string(),
    ];
    if config.comparison.is_some() {
        tests.push("Matched comparison: coarsened exact matching (Iacus, King and Porro) within each group; the average effect on the treated (ATT) and its HC1 robust standard error from weighted least squares of the outcome on an intercept and the participant indicator, as statsmodels WLS(...).fit(cov_type=\"HC1\"), with a normal 95% interval and two-sided p, Benjamini-Hochberg across the groups of each outcome; standardised mean differences over the before-matching spread; E-values of VanderWeele and Ding (2017).".to_string());
    }
    tests
}
