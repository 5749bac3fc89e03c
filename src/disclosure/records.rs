//! Each record of the unrounded model, published field by field. Every
//! record is destructured whole (no `..`): a field added to the model does
//! not compile until it has a rule here.

use super::cells::Key;
use super::keys;
use super::precision::Precision::{self, Decimal, P, Points, Rate, Stat};
use super::release::{Fields, Of, Release};
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{
    AttritionRecord, ComplianceRecord, Count, IntentPairedRecord, IntentRecord, ItemRecord, MentorBankRecord,
    OutcomeRecord, PairedRecord, RelationshipRecord, RetentionRecord, ScaleRecord, SectorRecord, Stage,
    StatusCounts, SurveyWaveRecord, TimelineRecord, UptakeRecord,
};

fn raw(count: Count) -> u64 {
    count.value().unwrap_or(0)
}

/// Adjusted p-values (Benjamini-Hochberg) copy the scaled p-value of the
/// test that sets them: one equal to a withheld test's would give it away.
pub(super) fn adjusted_shown(p_adjusted: Option<f64>, shown: bool, withheld: &[f64]) -> bool {
    shown && p_adjusted.is_none_or(|p| !withheld.contains(&p))
}

/// A funnel (the target groups' or the departments'), its counts known by
/// `stage_key`.
pub fn uptake(
    records: &[UptakeRecord],
    stage_key: fn(&str, Stage) -> Key,
    release: &Release,
    secondary: &mut usize,
) -> Vec<UptakeRecord> {
    let all = |stage| {
        records
            .iter()
            .find(|r| r.group == ALL_ELIGIBLE && r.stage == stage)
            .map(|r| (Of(stage_key(ALL_ELIGIBLE, stage), r.count), raw(r.denominator)))
    };
    let all_eligible = records
        .iter()
        .find(|r| r.group == ALL_ELIGIBLE && r.stage == Stage::Eligible)
        .map(|r| Of(stage_key(ALL_ELIGIBLE, r.stage), r.count));
    // The test of a group against the rest needs every count of its table.
    let test_shown = |r: &UptakeRecord| {
        let own = Of(stage_key(&r.group, r.stage), r.count);
        let eligible = Of(stage_key(&r.group, Stage::Eligible), r.denominator);
        let (Some((all_count, _)), Some(all_eligible)) = (all(r.stage), all_eligible.as_ref()) else {
            return false;
        };
        release.count_test(&[&own, &eligible, &all_count, all_eligible], raw(r.denominator))
    };
    let tests: Vec<bool> = records.iter().map(test_shown).collect();
    let withheld: Vec<(Stage, f64)> = records
        .iter()
        .zip(&tests)
        .filter(|(_, shown)| !**shown)
        .filter_map(|(r, _)| Some((r.stage, r.p_adjusted?)))
        .collect();
    records
        .iter()
        .zip(tests)
        .map(|(r, test)| {
            let UptakeRecord {
                group,
                stage,
                count,
                denominator,
                rate,
                ci_low,
                ci_high,
                conversion,
                gap_pp,
                p_value,
                p_adjusted,
                suppressed: _,
                parent_count,
            } = r;
            let mut f = Fields::default();
            let own = Of(stage_key(group, *stage), *count);
            let eligible = Of(stage_key(group, Stage::Eligible), *denominator);
            let rate_shown = release.rate(&[&own, &eligible], raw(*denominator));
            let parent = stage.parent().map(|p| {
                let parent_count = Count::Exact(parent_count.unwrap_or(0));
                Of(stage_key(group, p), parent_count)
            });
            let conversion_shown = parent
                .as_ref()
                .is_none_or(|p| release.rate(&[&own, p], parent_count.unwrap_or(0)));
            let gap_shown = rate_shown
                && all(*stage).is_some_and(|(all_count, all_denominator)| {
                    let all_eligible = all_eligible.as_ref();
                    all_eligible.is_some_and(|e| release.rate(&[&all_count, e], all_denominator))
                });
            let family: Vec<f64> = withheld
                .iter()
                .filter(|(s, _)| s == stage)
                .map(|(_, p)| *p)
                .collect();
            let published = UptakeRecord {
                group: group.clone(),
                stage: *stage,
                count: f.count(release, &own, "count"),
                denominator: f.count(release, &eligible, "denominator"),
                rate: f.figure(*rate, rate_shown, "rate", Rate),
                ci_low: f.figure(*ci_low, rate_shown, "ci_low", Rate),
                ci_high: f.figure(*ci_high, rate_shown, "ci_high", Rate),
                conversion: f.figure(*conversion, conversion_shown, "conversion", Rate),
                gap_pp: f.figure(*gap_pp, gap_shown, "gap_pp", Points),
                p_value: f.figure(*p_value, test, "p_value", P),
                p_adjusted: f.figure(
                    *p_adjusted,
                    adjusted_shown(*p_adjusted, test, &family),
                    "p_adjusted",
                    P,
                ),
                suppressed: Vec::new(),
                parent_count: None,
            };
            UptakeRecord {
                suppressed: f.finish(secondary),
                ..published
            }
        })
        .collect()
}

pub fn outcome(r: &OutcomeRecord, release: &Release, secondary: &mut usize) -> OutcomeRecord {
    let OutcomeRecord {
        group,
        outcome,
        participants,
        participants_with_outcome,
        participant_rate,
        participant_ci_low,
        participant_ci_high,
        non_participants,
        non_participants_with_outcome,
        non_participant_rate,
        non_participant_ci_low,
        non_participant_ci_high,
        diff_pp,
        p_value,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let p = Of(keys::stage(group, Stage::Matched), *participants);
    let pw = Of(
        keys::with_outcome(group, outcome, true),
        *participants_with_outcome,
    );
    let n = Of(keys::not_in(group, Stage::Registered), *non_participants);
    let nw = Of(
        keys::with_outcome(group, outcome, false),
        *non_participants_with_outcome,
    );
    let p_shown = release.rate(&[&p, &pw], raw(*participants));
    let n_shown = release.rate(&[&n, &nw], raw(*non_participants));
    let smaller = raw(*participants).min(raw(*non_participants));
    let test = release.count_test(&[&p, &pw, &n, &nw], smaller);
    let published = OutcomeRecord {
        group: group.clone(),
        outcome,
        participants: f.count(release, &p, "participants"),
        participants_with_outcome: f.count(release, &pw, "participants_with_outcome"),
        participant_rate: f.figure(*participant_rate, p_shown, "participant_rate", Rate),
        participant_ci_low: f.figure(*participant_ci_low, p_shown, "participant_ci_low", Rate),
        participant_ci_high: f.figure(*participant_ci_high, p_shown, "participant_ci_high", Rate),
        non_participants: f.count(release, &n, "non_participants"),
        non_participants_with_outcome: f.count(release, &nw, "non_participants_with_outcome"),
        non_participant_rate: f.figure(*non_participant_rate, n_shown, "non_participant_rate", Rate),
        non_participant_ci_low: f.figure(*non_participant_ci_low, n_shown, "non_participant_ci_low", Rate),
        non_participant_ci_high: f.figure(*non_participant_ci_high, n_shown, "non_participant_ci_high", Rate),
        diff_pp: f.figure(*diff_pp, p_shown && n_shown, "diff_pp", Points),
        p_value: f.figure(*p_value, test, "p_value", P),
        suppressed: Vec::new(),
    };
    OutcomeRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn relationship(r: &RelationshipRecord, release: &Release, secondary: &mut usize) -> RelationshipRecord {
    let RelationshipRecord {
        group,
        pairs,
        meetings,
        contact_hours,
        median_meetings,
        median_days_to_first_meeting,
        q1_days_to_first_meeting,
        q3_days_to_first_meeting,
        median_monthly_compliance,
        share_every_month,
        pairs_with_meetings,
        pairs_with_compliance,
        status,
        suppressed: _,
        n_days_to_first,
    } = r;
    let StatusCounts {
        active,
        at_risk,
        lapsed,
        withdrawn,
        completed,
        not_started,
    } = status;
    let mut f = Fields::default();
    let p = Of(keys::stage(group, Stage::Matched), *pairs);
    let with_compliance = Of(keys::pairs_with_compliance(group), *pairs_with_compliance);
    // The share is the every-month band over pairs with a window.
    let every_month = release.registered(keys::band(group, "every_month"));
    let per_pair = release.statistic(&[&p], raw(*pairs));
    let days = release.statistic(&[], *n_days_to_first);
    let compliance = release.statistic(&[&with_compliance], raw(*pairs_with_compliance));
    let share = release.rate(&[&with_compliance, &every_month], raw(*pairs_with_compliance));
    let mut status_count =
        |name: &'static str, count: Count| f_count(&mut f, release, keys::status(group, name), count, name);
    let status = StatusCounts {
        active: status_count("active", *active),
        at_risk: status_count("at_risk", *at_risk),
        lapsed: status_count("lapsed", *lapsed),
        withdrawn: status_count("withdrawn", *withdrawn),
        completed: status_count("completed", *completed),
        not_started: status_count("not_started", *not_started),
    };
    let published = RelationshipRecord {
        group: group.clone(),
        pairs: f.count(release, &p, "pairs"),
        meetings: f.count(release, &Of(keys::meetings(group), *meetings), "meetings"),
        contact_hours: f.figure(*contact_hours, per_pair, "contact_hours", Decimal),
        median_meetings: f.figure(*median_meetings, per_pair, "median_meetings", Decimal),
        median_days_to_first_meeting: f.figure(
            *median_days_to_first_meeting,
            days,
            "median_days_to_first_meeting",
            Decimal,
        ),
        q1_days_to_first_meeting: f.figure(
            *q1_days_to_first_meeting,
            days,
            "q1_days_to_first_meeting",
            Decimal,
        ),
        q3_days_to_first_meeting: f.figure(
            *q3_days_to_first_meeting,
            days,
            "q3_days_to_first_meeting",
            Decimal,
        ),
        median_monthly_compliance: f.figure(
            *median_monthly_compliance,
            compliance,
            "median_monthly_compliance",
            Rate,
        ),
        share_every_month: f.figure(*share_every_month, share, "share_every_month", Rate),
        pairs_with_meetings: f.count(
            release,
            &Of(keys::pairs_with_meetings(group), *pairs_with_meetings),
            "pairs_with_meetings",
        ),
        pairs_with_compliance: f.count(release, &with_compliance, "pairs_with_compliance"),
        status,
        suppressed: Vec::new(),
        n_days_to_first: 0,
    };
    RelationshipRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

fn f_count(
    f: &mut Fields,
    release: &Release,
    key: super::cells::Key,
    count: Count,
    name: &'static str,
) -> Count {
    f.count(release, &Of(key, count), name)
}

pub fn compliance(r: &ComplianceRecord, release: &Release, secondary: &mut usize) -> ComplianceRecord {
    let ComplianceRecord { group, band, pairs } = r;
    let mut f = Fields::default();
    let pairs = f_count(&mut f, release, keys::band(group, band), *pairs, "pairs");
    *secondary += f.secondary;
    ComplianceRecord {
        group: group.clone(),
        band,
        pairs,
    }
}

pub fn timeline(r: &TimelineRecord, release: &Release, secondary: &mut usize) -> TimelineRecord {
    let TimelineRecord {
        group,
        month,
        kind,
        meetings,
    } = r;
    let mut f = Fields::default();
    let meetings = f_count(
        &mut f,
        release,
        keys::timeline(group, month, kind.id()),
        *meetings,
        "meetings",
    );
    *secondary += f.secondary;
    TimelineRecord {
        group: group.clone(),
        month: month.clone(),
        kind: *kind,
        meetings,
    }
}

/// A retention curve's month; `name` gives its curve's key group
/// (`keys::curve`, `keys::alignment_curve`).
/// Under `hesa`, which months of each curve are withheld: a month whose
/// step from the last month shown (the events between them, or the pairs
/// leaving the number at risk) is 1 to 7, a count the rule rounds that a
/// survival to three decimals would give away exactly (outputs.md). The
/// curve then steps from the last month shown to the next one it can show,
/// coarser but true. The threshold rule cuts curves in the plan instead.
pub fn hesa_withheld(records: &[RetentionRecord], release: &Release) -> Vec<bool> {
    if !release.rounds_small_counts() {
        return vec![false; records.len()];
    }
    // Per curve: the events and the number at risk at the last month shown.
    let mut shown_last: Vec<(&str, u64, u64)> = Vec::new();
    records
        .iter()
        .map(|r| {
            let i = match shown_last.iter().position(|(g, ..)| *g == r.group) {
                Some(i) => i,
                None => {
                    shown_last.push((&r.group, 0, r.pairs));
                    shown_last.len() - 1
                }
            };
            let (_, events_before, at_risk_before) = &mut shown_last[i];
            let at_risk = raw(r.at_risk);
            let new_events = r.events.saturating_sub(*events_before);
            let left = at_risk_before.saturating_sub(at_risk);
            let withheld = release.hides_step(new_events) || release.hides_step(left);
            if !withheld {
                (*events_before, *at_risk_before) = (r.events, at_risk);
            }
            withheld
        })
        .collect()
}

pub fn retention(
    r: &RetentionRecord,
    name: fn(&str) -> String,
    withheld: bool,
    release: &Release,
    secondary: &mut usize,
) -> RetentionRecord {
    let RetentionRecord {
        group,
        month,
        days,
        survival,
        ci_low,
        ci_high,
        at_risk,
        suppressed: _,
        pairs,
        events,
    } = r;
    let mut f = Fields::default();
    let at_risk = Of(keys::at_risk(&name(group), *month), *at_risk);
    let events = Of(keys::events(&name(group), *month), Count::Exact(*events));
    // The interval gives away the number at risk; the curve, the events. A
    // survival is a rate over the pairs it starts from.
    let shown = !withheld && release.rate(&[&at_risk, &events], *pairs);
    let published = RetentionRecord {
        group: group.clone(),
        month: *month,
        // A constant of the calendar (m x 365.25 / 12), shown to one decimal.
        days: Decimal.round(*days),
        survival: f.figure(*survival, shown, "survival", Rate),
        ci_low: f.figure(*ci_low, shown, "ci_low", Rate),
        ci_high: f.figure(*ci_high, shown, "ci_high", Rate),
        at_risk: f.count(release, &at_risk, "at_risk"),
        suppressed: Vec::new(),
        pairs: 0,
        events: 0,
    };
    RetentionRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn mentor_bank(b: &MentorBankRecord, release: &Release, secondary: &mut usize) -> MentorBankRecord {
    let MentorBankRecord {
        mentors,
        total_capacity,
        matched_mentees,
        utilisation,
        mentors_without_mentee,
        mentees_per_mentor,
        by_sector,
        by_source,
        waiting_list,
        median_days_registration_to_match,
        n_registration_to_match,
        missing_mentor_ids,
        suppressed: _,
    } = b;
    let mut f = Fields::default();
    let matched = Of(keys::bank("matched_mentees"), *matched_mentees);
    let n_match = Of(keys::bank("n_registration_to_match"), *n_registration_to_match);
    let utilisation_shown = release.rate(&[&matched], *total_capacity as u64);
    let days_shown = release.statistic(&[&n_match], raw(*n_registration_to_match));
    let published = MentorBankRecord {
        mentors: f_count(&mut f, release, keys::bank("mentors"), *mentors, "mentors"),
        total_capacity: Decimal.round(*total_capacity),
        matched_mentees: f.count(release, &matched, "matched_mentees"),
        utilisation: f.figure(*utilisation, utilisation_shown, "utilisation", Rate),
        mentors_without_mentee: f_count(
            &mut f,
            release,
            keys::mentors_with("0"),
            *mentors_without_mentee,
            "mentors_without_mentee",
        ),
        mentees_per_mentor: mentees_per_mentor
            .iter()
            .map(|(k, c)| {
                (
                    k.clone(),
                    f_count(&mut f, release, keys::mentors_with(k), *c, "mentees_per_mentor"),
                )
            })
            .collect(),
        by_sector: by_sector
            .iter()
            .map(|(name, s)| (name.clone(), sector(name, s, release, &mut f)))
            .collect(),
        by_source: by_source
            .iter()
            .map(|(k, c)| {
                (
                    k.clone(),
                    f_count(&mut f, release, keys::source(k), *c, "by_source"),
                )
            })
            .collect(),
        waiting_list: f_count(
            &mut f,
            release,
            keys::bank("waiting_list"),
            *waiting_list,
            "waiting_list",
        ),
        median_days_registration_to_match: f.figure(
            *median_days_registration_to_match,
            days_shown,
            "median_days_registration_to_match",
            Decimal,
        ),
        n_registration_to_match: f.count(release, &n_match, "n_registration_to_match"),
        // Mentor codes are not personal data, and the co-ordinator needs them
        // to mend the bank; a mentor named rather than coded is a name, and
        // names are never published (data-quality.csv gives the rows).
        missing_mentor_ids: missing_mentor_ids
            .iter()
            .filter(|id| id.chars().any(|c| c.is_ascii_digit()))
            .cloned()
            .collect(),
        suppressed: Vec::new(),
    };
    // A map's withheld entries share one name (`by_source`, say): listed once.
    let mut suppressed = f.finish(secondary);
    suppressed.dedup();
    MentorBankRecord {
        suppressed,
        ..published
    }
}

fn sector(name: &str, s: &SectorRecord, release: &Release, outer: &mut Fields) -> SectorRecord {
    let SectorRecord {
        mentors,
        capacity,
        matched_mentees,
        utilisation,
        suppressed: _,
    } = s;
    let mut f = Fields::default();
    let matched = Of(keys::sector(name, "matched_mentees"), *matched_mentees);
    let shown = release.rate(&[&matched], *capacity as u64);
    let published = SectorRecord {
        mentors: f_count(
            &mut f,
            release,
            keys::sector(name, "mentors"),
            *mentors,
            "mentors",
        ),
        capacity: Decimal.round(*capacity),
        matched_mentees: f.count(release, &matched, "matched_mentees"),
        utilisation: f.figure(*utilisation, shown, "utilisation", Rate),
        suppressed: Vec::new(),
    };
    SectorRecord {
        suppressed: f.finish(&mut outer.secondary),
        ..published
    }
}

pub fn survey_wave(r: &SurveyWaveRecord, release: &Release, secondary: &mut usize) -> SurveyWaveRecord {
    let SurveyWaveRecord {
        wave,
        received,
        kept,
        unfinished,
        not_in_cohort,
        duplicates,
        response_rate,
        suppressed: _,
        registered,
    } = r;
    let mut f = Fields::default();
    let kept_of = Of(keys::wave(wave, "kept"), *kept);
    let registered_of = Of(
        keys::stage(ALL_ELIGIBLE, Stage::Registered),
        Count::Exact(*registered),
    );
    let shown = release.rate(&[&kept_of, &registered_of], *registered);
    let mut count = |item: &'static str, c: Count| f_count(&mut f, release, keys::wave(wave, item), c, item);
    let published = SurveyWaveRecord {
        wave: wave.clone(),
        received: count("received", *received),
        kept: count("kept", *kept),
        unfinished: count("unfinished", *unfinished),
        not_in_cohort: count("not_in_cohort", *not_in_cohort),
        duplicates: count("duplicates", *duplicates),
        response_rate: f.figure(*response_rate, shown, "response_rate", Rate),
        suppressed: Vec::new(),
        registered: 0,
    };
    SurveyWaveRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn scale(r: &ScaleRecord, release: &Release, secondary: &mut usize) -> ScaleRecord {
    let ScaleRecord {
        scale,
        wave,
        group,
        n,
        mean,
        sd,
        alpha,
        alpha_ci_low,
        alpha_ci_high,
        suppressed: _,
        alpha_n,
    } = r;
    let mut f = Fields::default();
    let n_of = Of(keys::scale_n(group, scale, wave), *n);
    let shown = release.statistic(&[&n_of], raw(*n));
    let alpha_shown = release.statistic(&[], *alpha_n);
    let published = ScaleRecord {
        scale: scale.clone(),
        wave: wave.clone(),
        group: group.clone(),
        n: f.count(release, &n_of, "n"),
        mean: f.figure(*mean, shown, "mean", Stat),
        sd: f.figure(*sd, shown, "sd", Stat),
        alpha: f.figure(*alpha, alpha_shown, "alpha", Stat),
        alpha_ci_low: f.figure(*alpha_ci_low, alpha_shown, "alpha_ci_low", Stat),
        alpha_ci_high: f.figure(*alpha_ci_high, alpha_shown, "alpha_ci_high", Stat),
        suppressed: Vec::new(),
        alpha_n: 0,
    };
    ScaleRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn item(r: &ItemRecord, release: &Release, secondary: &mut usize) -> ItemRecord {
    let ItemRecord {
        wave,
        item,
        score,
        count,
    } = r;
    let mut f = Fields::default();
    let count = f_count(&mut f, release, keys::item(wave, item, *score), *count, "count");
    *secondary += f.secondary;
    ItemRecord {
        wave: wave.clone(),
        item: item.clone(),
        score: *score,
        count,
    }
}

/// A paired test's statistics, each at its precision, shown or withheld together.
fn statistics<const N: usize>(
    f: &mut Fields,
    shown: bool,
    figures: [(Option<f64>, &'static str, Precision); N],
) -> [Option<f64>; N] {
    figures.map(|(value, name, precision)| f.figure(value, shown, name, precision))
}

pub fn paired(records: &[PairedRecord], release: &Release, secondary: &mut usize) -> Vec<PairedRecord> {
    let shown =
        |r: &PairedRecord| release.statistic(&[&Of(keys::paired_n(&r.group, &r.scale), r.n)], r.n_raw);
    let withheld: Vec<f64> = records
        .iter()
        .filter(|r| !shown(r))
        .filter_map(|r| r.p_adjusted)
        .collect();
    records
        .iter()
        .map(|r| {
            let PairedRecord {
                scale,
                group,
                n,
                mean_pre,
                mean_post,
                mean_diff,
                sd_diff,
                ci_low,
                ci_high,
                t,
                df,
                p_value,
                p_adjusted,
                cohens_dz,
                hedges_gz,
                wilcoxon_statistic,
                wilcoxon_p,
                rank_biserial,
                too_few,
                suppressed: _,
                n_raw: _,
            } = r;
            let mut f = Fields::default();
            let is_shown = shown(r);
            let [mean_pre, mean_post, mean_diff, sd_diff, ci_low, ci_high, t] = statistics(
                &mut f,
                is_shown,
                [
                    (*mean_pre, "mean_pre", Stat),
                    (*mean_post, "mean_post", Stat),
                    (*mean_diff, "mean_diff", Stat),
                    (*sd_diff, "sd_diff", Stat),
                    (*ci_low, "ci_low", Stat),
                    (*ci_high, "ci_high", Stat),
                    (*t, "t", Stat),
                ],
            );
            // df = n - 1 would give the exact n beside the rounded one.
            let df = f.figure(*df, is_shown && release.exact_allowed(), "df", Decimal);
            let [
                p_value,
                cohens_dz,
                hedges_gz,
                wilcoxon_statistic,
                wilcoxon_p,
                rank_biserial,
            ] = statistics(
                &mut f,
                is_shown,
                [
                    (*p_value, "p_value", P),
                    (*cohens_dz, "cohens_dz", Stat),
                    (*hedges_gz, "hedges_gz", Stat),
                    (*wilcoxon_statistic, "wilcoxon_statistic", Decimal),
                    (*wilcoxon_p, "wilcoxon_p", P),
                    (*rank_biserial, "rank_biserial", Stat),
                ],
            );
            let p_adjusted = f.figure(
                *p_adjusted,
                adjusted_shown(*p_adjusted, is_shown, &withheld),
                "p_adjusted",
                P,
            );
            let published = PairedRecord {
                scale: scale.clone(),
                group: group.clone(),
                n: f.count(release, &Of(keys::paired_n(group, scale), *n), "n"),
                mean_pre,
                mean_post,
                mean_diff,
                sd_diff,
                ci_low,
                ci_high,
                t,
                df,
                p_value,
                p_adjusted,
                cohens_dz,
                hedges_gz,
                wilcoxon_statistic,
                wilcoxon_p,
                rank_biserial,
                too_few: *too_few,
                suppressed: Vec::new(),
                n_raw: 0,
            };
            PairedRecord {
                suppressed: f.finish(secondary),
                ..published
            }
        })
        .collect()
}

pub fn attrition(r: &AttritionRecord, release: &Release, secondary: &mut usize) -> AttritionRecord {
    let AttritionRecord {
        scale,
        n_answered_post,
        mean_answered_post,
        n_not_answered_post,
        mean_not_answered_post,
        t,
        df,
        p_value,
        suppressed: _,
        n_min,
    } = r;
    let mut f = Fields::default();
    let answered = Of(keys::attrition(scale, true), *n_answered_post);
    let not = Of(keys::attrition(scale, false), *n_not_answered_post);
    let shown = release.statistic(&[&answered, &not], *n_min);
    let [mean_answered_post, mean_not_answered_post, t] = statistics(
        &mut f,
        shown,
        [
            (*mean_answered_post, "mean_answered_post", Stat),
            (*mean_not_answered_post, "mean_not_answered_post", Stat),
            (*t, "t", Stat),
        ],
    );
    let [df, p_value] = statistics(&mut f, shown, [(*df, "df", Decimal), (*p_value, "p_value", P)]);
    let published = AttritionRecord {
        scale: scale.clone(),
        n_answered_post: f.count(release, &answered, "n_answered_post"),
        mean_answered_post,
        n_not_answered_post: f.count(release, &not, "n_not_answered_post"),
        mean_not_answered_post,
        t,
        df,
        p_value,
        suppressed: Vec::new(),
        n_min: 0,
    };
    AttritionRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn intent(r: &IntentRecord, release: &Release, secondary: &mut usize) -> IntentRecord {
    let IntentRecord {
        group,
        wave,
        n,
        intending,
        share,
        ci_low,
        ci_high,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let n_of = Of(keys::intent(group, wave, "n"), *n);
    let intending_of = Of(keys::intent(group, wave, "intending"), *intending);
    let shown = release.rate(&[&n_of, &intending_of], raw(*n));
    let published = IntentRecord {
        group: group.clone(),
        wave: wave.clone(),
        n: f.count(release, &n_of, "n"),
        intending: f.count(release, &intending_of, "intending"),
        share: f.figure(*share, shown, "share", Rate),
        ci_low: f.figure(*ci_low, shown, "ci_low", Rate),
        ci_high: f.figure(*ci_high, shown, "ci_high", Rate),
        suppressed: Vec::new(),
    };
    IntentRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn intent_paired(r: &IntentPairedRecord, release: &Release, secondary: &mut usize) -> IntentPairedRecord {
    let IntentPairedRecord {
        group,
        n,
        share_pre,
        share_post,
        b,
        c,
        mcnemar_p,
        mean_pre,
        mean_post,
        mean_diff,
        sd_diff,
        ci_low,
        ci_high,
        t,
        df,
        p_value,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let n_of = Of(keys::intent_paired(group, "n"), *n);
    let b_of = Of(keys::intent_paired(group, "b"), *b);
    let c_of = Of(keys::intent_paired(group, "c"), *c);
    // The two shares differ by (b - c) / n.
    let shares = release.rate(&[&n_of, &b_of, &c_of], raw(*n));
    // McNemar's exact p names b and c: not where the rule rounds them below 8.
    let test = release.count_test(&[&b_of, &c_of], raw(*n))
        && !release.hides_step(raw(*b))
        && !release.hides_step(raw(*c));
    let stats = release.statistic(&[&n_of], raw(*n));
    let [mean_pre, mean_post, mean_diff, sd_diff, ci_low, ci_high, t] = statistics(
        &mut f,
        stats,
        [
            (*mean_pre, "mean_pre", Stat),
            (*mean_post, "mean_post", Stat),
            (*mean_diff, "mean_diff", Stat),
            (*sd_diff, "sd_diff", Stat),
            (*ci_low, "ci_low", Stat),
            (*ci_high, "ci_high", Stat),
            (*t, "t", Stat),
        ],
    );
    let published = IntentPairedRecord {
        group: group.clone(),
        n: f.count(release, &n_of, "n"),
        share_pre: f.figure(*share_pre, shares, "share_pre", Rate),
        share_post: f.figure(*share_post, shares, "share_post", Rate),
        b: f.count(release, &b_of, "b"),
        c: f.count(release, &c_of, "c"),
        mcnemar_p: f.figure(*mcnemar_p, test, "mcnemar_p", P),
        mean_pre,
        mean_post,
        mean_diff,
        sd_diff,
        ci_low,
        ci_high,
        t,
        // df = n - 1, as in `paired`.
        df: f.figure(*df, stats && release.exact_allowed(), "df", Decimal),
        p_value: f.figure(*p_value, stats, "p_value", P),
        suppressed: Vec::new(),
    };
    IntentPairedRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}
