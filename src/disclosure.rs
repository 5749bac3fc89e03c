//! Disclosure control (outputs.md), applied once to the whole metrics model so
//! the report, metrics.json and tables publish the same values. Rates and
//! statistics are always computed from unrounded counts before this step.

use crate::config::{Disclosure, DisclosureRule};
use crate::metrics::model::{
    Count, MentorBankRecord, Metrics, RelationshipRecord, RetentionRecord, StatusCounts, UptakeRecord,
};

/// HESA: rates and shares are withheld when their denominator is below this.
pub const HESA_MIN_DENOMINATOR: f64 = 22.5;
/// HESA: means, test statistics and p-values are withheld when n is at most this.
pub const HESA_MAX_SMALL_N: u64 = 7;

/// Rounds a count to the nearest 5, halves up (0-2 become 0): the HESA rule.
pub fn round_hesa(count: u64) -> u64 {
    // Saturating: a count near u64::MAX must not wrap round to 0.
    count.saturating_add(2) / 5 * 5
}

/// The published count under the threshold rule: 1..N-1 become `<N`.
pub fn threshold_count(count: u64, threshold: u64) -> Count {
    if count > 0 && count < threshold {
        Count::Below(threshold)
    } else {
        Count::Exact(count)
    }
}

/// What the rule allows for one record: (counts, rate denominators, test n).
struct Policy {
    rule: DisclosureRule,
    threshold: u64,
}

impl Policy {
    fn count(&self, count: Count) -> Count {
        match (self.rule, count) {
            (DisclosureRule::Hesa, Count::Exact(v)) => Count::Exact(round_hesa(v)),
            (DisclosureRule::Threshold, Count::Exact(v)) => threshold_count(v, self.threshold),
            (_, other) => other,
        }
    }

    /// Whether a rate over `denominator` may be shown.
    fn rate_shown(&self, denominator: u64) -> bool {
        match self.rule {
            DisclosureRule::Hesa => denominator as f64 >= HESA_MIN_DENOMINATOR,
            DisclosureRule::Threshold => denominator >= self.threshold,
            DisclosureRule::None => true,
        }
    }

    /// Whether a statistic over `n` may be shown.
    fn statistic_shown(&self, n: u64) -> bool {
        match self.rule {
            DisclosureRule::Hesa => n > HESA_MAX_SMALL_N,
            DisclosureRule::Threshold => n >= self.threshold,
            DisclosureRule::None => true,
        }
    }
}

/// Nulls `value` when `shown` is false, recording `name` when it had a value.
fn withhold(value: &mut Option<f64>, shown: bool, name: &'static str, suppressed: &mut Vec<&'static str>) {
    if !shown && value.is_some() {
        *value = None;
        suppressed.push(name);
    }
}

fn publish_uptake(record: &mut UptakeRecord, policy: &Policy) {
    let denominator = record.denominator.value().unwrap_or(0);
    let rate_shown = policy.rate_shown(denominator);
    let mut suppressed = Vec::new();
    withhold(&mut record.rate, rate_shown, "rate", &mut suppressed);
    withhold(&mut record.ci_low, rate_shown, "ci_low", &mut suppressed);
    withhold(&mut record.ci_high, rate_shown, "ci_high", &mut suppressed);
    let conversion_shown = record.parent_count.is_none_or(|p| policy.rate_shown(p));
    withhold(
        &mut record.conversion,
        conversion_shown,
        "conversion",
        &mut suppressed,
    );
    withhold(&mut record.gap_pp, rate_shown, "gap_pp", &mut suppressed);
    let test_shown = policy.statistic_shown(denominator);
    withhold(&mut record.p_value, test_shown, "p_value", &mut suppressed);
    withhold(&mut record.p_adjusted, test_shown, "p_adjusted", &mut suppressed);
    record.count = policy.count(record.count);
    record.denominator = policy.count(record.denominator);
    record.parent_count = None;
    record.suppressed = suppressed;
}

fn exact(count: Count) -> u64 {
    count.value().unwrap_or(0)
}

fn publish_relationship(record: &mut RelationshipRecord, policy: &Policy) {
    let pairs = exact(record.pairs);
    let with_compliance = exact(record.pairs_with_compliance);
    let mut suppressed = Vec::new();
    withhold(
        &mut record.contact_hours,
        policy.statistic_shown(pairs),
        "contact_hours",
        &mut suppressed,
    );
    withhold(
        &mut record.median_meetings,
        policy.statistic_shown(pairs),
        "median_meetings",
        &mut suppressed,
    );
    let days_shown = policy.statistic_shown(record.n_days_to_first);
    withhold(
        &mut record.median_days_to_first_meeting,
        days_shown,
        "median_days_to_first_meeting",
        &mut suppressed,
    );
    withhold(
        &mut record.q1_days_to_first_meeting,
        days_shown,
        "q1_days_to_first_meeting",
        &mut suppressed,
    );
    withhold(
        &mut record.q3_days_to_first_meeting,
        days_shown,
        "q3_days_to_first_meeting",
        &mut suppressed,
    );
    withhold(
        &mut record.median_monthly_compliance,
        policy.statistic_shown(with_compliance),
        "median_monthly_compliance",
        &mut suppressed,
    );
    withhold(
        &mut record.share_every_month,
        policy.rate_shown(with_compliance),
        "share_every_month",
        &mut suppressed,
    );
    record.pairs = policy.count(record.pairs);
    record.meetings = policy.count(record.meetings);
    record.pairs_with_meetings = policy.count(record.pairs_with_meetings);
    record.pairs_with_compliance = policy.count(record.pairs_with_compliance);
    let s = &mut record.status;
    *s = StatusCounts {
        active: policy.count(s.active),
        at_risk: policy.count(s.at_risk),
        lapsed: policy.count(s.lapsed),
        withdrawn: policy.count(s.withdrawn),
        completed: policy.count(s.completed),
        not_started: policy.count(s.not_started),
    };
    record.suppressed = suppressed;
}

fn publish_retention(record: &mut RetentionRecord, policy: &Policy) {
    let shown = policy.statistic_shown(record.pairs);
    let mut suppressed = Vec::new();
    withhold(&mut record.survival, shown, "survival", &mut suppressed);
    withhold(&mut record.ci_low, shown, "ci_low", &mut suppressed);
    withhold(&mut record.ci_high, shown, "ci_high", &mut suppressed);
    record.at_risk = policy.count(record.at_risk);
    record.pairs = 0;
    record.suppressed = suppressed;
}

fn publish_mentors(record: &mut MentorBankRecord, policy: &Policy) {
    let mut suppressed = Vec::new();
    // Utilisation is a share of mentee places: its denominator is the capacity.
    withhold(
        &mut record.utilisation,
        policy.rate_shown(record.total_capacity as u64),
        "utilisation",
        &mut suppressed,
    );
    let n_match = exact(record.n_registration_to_match);
    withhold(
        &mut record.median_days_registration_to_match,
        policy.statistic_shown(n_match),
        "median_days_registration_to_match",
        &mut suppressed,
    );
    record.mentors = policy.count(record.mentors);
    record.matched_mentees = policy.count(record.matched_mentees);
    record.mentors_without_mentee = policy.count(record.mentors_without_mentee);
    record.waiting_list = policy.count(record.waiting_list);
    record.n_registration_to_match = policy.count(record.n_registration_to_match);
    for count in record.mentees_per_mentor.values_mut() {
        *count = policy.count(*count);
    }
    for count in record.by_source.values_mut() {
        *count = policy.count(*count);
    }
    for sector in record.by_sector.values_mut() {
        let mut sector_suppressed = Vec::new();
        withhold(
            &mut sector.utilisation,
            policy.rate_shown(sector.capacity as u64),
            "utilisation",
            &mut sector_suppressed,
        );
        sector.mentors = policy.count(sector.mentors);
        sector.matched_mentees = policy.count(sector.matched_mentees);
        sector.suppressed = sector_suppressed;
    }
    record.suppressed = suppressed;
}

fn publish_surveys(published: &mut Metrics, policy: &Policy) {
    for r in &mut published.survey_waves {
        let mut suppressed = Vec::new();
        withhold(
            &mut r.response_rate,
            policy.rate_shown(r.registered),
            "response_rate",
            &mut suppressed,
        );
        for c in [
            &mut r.received,
            &mut r.kept,
            &mut r.unfinished,
            &mut r.not_in_cohort,
            &mut r.duplicates,
        ] {
            *c = policy.count(*c);
        }
        r.suppressed = suppressed;
    }
    for r in &mut published.scales {
        let mut suppressed = Vec::new();
        let shown = policy.statistic_shown(exact(r.n));
        withhold(&mut r.mean, shown, "mean", &mut suppressed);
        withhold(&mut r.sd, shown, "sd", &mut suppressed);
        let alpha_shown = policy.statistic_shown(r.alpha_n);
        withhold(&mut r.alpha, alpha_shown, "alpha", &mut suppressed);
        withhold(&mut r.alpha_ci_low, alpha_shown, "alpha_ci_low", &mut suppressed);
        withhold(
            &mut r.alpha_ci_high,
            alpha_shown,
            "alpha_ci_high",
            &mut suppressed,
        );
        r.n = policy.count(r.n);
        r.suppressed = suppressed;
    }
    for r in &mut published.items {
        r.count = policy.count(r.count);
    }
    for r in &mut published.paired {
        let shown = policy.statistic_shown(r.n_raw);
        let mut suppressed = Vec::new();
        for (value, name) in [
            (&mut r.mean_pre, "mean_pre"),
            (&mut r.mean_post, "mean_post"),
            (&mut r.mean_diff, "mean_diff"),
            (&mut r.sd_diff, "sd_diff"),
            (&mut r.ci_low, "ci_low"),
            (&mut r.ci_high, "ci_high"),
            (&mut r.t, "t"),
            (&mut r.df, "df"),
            (&mut r.p_value, "p_value"),
            (&mut r.p_adjusted, "p_adjusted"),
            (&mut r.cohens_dz, "cohens_dz"),
            (&mut r.hedges_gz, "hedges_gz"),
            (&mut r.wilcoxon_statistic, "wilcoxon_statistic"),
            (&mut r.wilcoxon_p, "wilcoxon_p"),
            (&mut r.rank_biserial, "rank_biserial"),
        ] {
            withhold(value, shown, name, &mut suppressed);
        }
        r.n = policy.count(r.n);
        r.suppressed = suppressed;
    }
    for r in &mut published.attrition {
        let shown = policy.statistic_shown(r.n_min);
        let mut suppressed = Vec::new();
        for (value, name) in [
            (&mut r.mean_answered_post, "mean_answered_post"),
            (&mut r.mean_not_answered_post, "mean_not_answered_post"),
            (&mut r.t, "t"),
            (&mut r.df, "df"),
            (&mut r.p_value, "p_value"),
        ] {
            withhold(value, shown, name, &mut suppressed);
        }
        r.n_answered_post = policy.count(r.n_answered_post);
        r.n_not_answered_post = policy.count(r.n_not_answered_post);
        r.suppressed = suppressed;
    }
    for r in &mut published.intent {
        let n = exact(r.n);
        let mut suppressed = Vec::new();
        for (value, name) in [
            (&mut r.share, "share"),
            (&mut r.ci_low, "ci_low"),
            (&mut r.ci_high, "ci_high"),
        ] {
            withhold(value, policy.rate_shown(n), name, &mut suppressed);
        }
        r.n = policy.count(r.n);
        r.intending = policy.count(r.intending);
        r.suppressed = suppressed;
    }
    for r in &mut published.intent_paired {
        let n = exact(r.n);
        let mut suppressed = Vec::new();
        withhold(
            &mut r.share_pre,
            policy.rate_shown(n),
            "share_pre",
            &mut suppressed,
        );
        withhold(
            &mut r.share_post,
            policy.rate_shown(n),
            "share_post",
            &mut suppressed,
        );
        let shown = policy.statistic_shown(n);
        for (value, name) in [
            (&mut r.mcnemar_p, "mcnemar_p"),
            (&mut r.mean_pre, "mean_pre"),
            (&mut r.mean_post, "mean_post"),
            (&mut r.mean_diff, "mean_diff"),
            (&mut r.sd_diff, "sd_diff"),
            (&mut r.ci_low, "ci_low"),
            (&mut r.ci_high, "ci_high"),
            (&mut r.t, "t"),
            (&mut r.df, "df"),
            (&mut r.p_value, "p_value"),
        ] {
            withhold(value, shown, name, &mut suppressed);
        }
        r.n = policy.count(r.n);
        r.b = policy.count(r.b);
        r.c = policy.count(r.c);
        r.suppressed = suppressed;
    }
    for r in &mut published.outcomes {
        let (p, n) = (exact(r.participants), exact(r.non_participants));
        let mut suppressed = Vec::new();
        for (value, name) in [
            (&mut r.participant_rate, "participant_rate"),
            (&mut r.participant_ci_low, "participant_ci_low"),
            (&mut r.participant_ci_high, "participant_ci_high"),
        ] {
            withhold(value, policy.rate_shown(p), name, &mut suppressed);
        }
        for (value, name) in [
            (&mut r.non_participant_rate, "non_participant_rate"),
            (&mut r.non_participant_ci_low, "non_participant_ci_low"),
            (&mut r.non_participant_ci_high, "non_participant_ci_high"),
        ] {
            withhold(value, policy.rate_shown(n), name, &mut suppressed);
        }
        withhold(
            &mut r.diff_pp,
            policy.rate_shown(p.min(n)),
            "diff_pp",
            &mut suppressed,
        );
        withhold(
            &mut r.p_value,
            policy.statistic_shown(p.min(n)),
            "p_value",
            &mut suppressed,
        );
        for c in [
            &mut r.participants,
            &mut r.participants_with_outcome,
            &mut r.non_participants,
            &mut r.non_participants_with_outcome,
        ] {
            *c = policy.count(*c);
        }
        r.suppressed = suppressed;
    }
}

/// The published model: `metrics` with the disclosure rule applied.
pub fn publish(metrics: &Metrics, disclosure: &Disclosure) -> Metrics {
    let policy = Policy {
        rule: disclosure.rule,
        threshold: disclosure.threshold,
    };
    let mut published = metrics.clone();
    for record in &mut published.uptake {
        publish_uptake(record, &policy);
    }
    for record in &mut published.relationships {
        publish_relationship(record, &policy);
    }
    for record in &mut published.timeline {
        record.meetings = policy.count(record.meetings);
    }
    for record in &mut published.compliance {
        record.pairs = policy.count(record.pairs);
    }
    for record in &mut published.retention {
        publish_retention(record, &policy);
    }
    if let Some(mentors) = &mut published.mentors {
        publish_mentors(mentors, &policy);
    }
    publish_surveys(&mut published, &policy);
    published
}
