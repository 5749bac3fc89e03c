//! The cells and sums of a model under the threshold rule: every published
//! count, the complements a reader can form from them, and the totals they
//! add up to. `records.rs` looks the same keys up when it publishes.

use super::cells::{Cells, Key, State, key};
use crate::metrics::groups::{ALL_ELIGIBLE, NOT_IN_ANY};
use crate::metrics::model::{Count, Metrics, RetentionRecord, Stage, UptakeRecord};
use crate::metrics::pairs::Status;

use super::keys;

fn raw(count: Count) -> u64 {
    count.value().unwrap_or(0)
}

/// Adds, for each item, the sum "All eligible = the other groups" (the sum
/// is kept only where the data make it hold, as with one target group).
fn partition(cells: &mut Cells, groups: &[String], item_keys: impl Fn(&str) -> Vec<Key>) {
    let Some((all, parts)) = groups.split_first() else {
        return;
    };
    if all != ALL_ELIGIBLE || parts.is_empty() {
        return;
    }
    let part_keys: Vec<Vec<Key>> = parts.iter().map(|g| item_keys(g)).collect();
    for (i, total_key) in item_keys(all).into_iter().enumerate() {
        let Some(total) = cells.id(&total_key) else {
            continue;
        };
        let ids: Option<Vec<usize>> = part_keys
            .iter()
            .map(|keys| keys.get(i).and_then(|k| cells.id(k)))
            .collect();
        let Some(ids) = ids else { continue };
        cells.sum(total, &ids);
        overlap(cells, parts, total, &ids);
    }
}

/// What a reader knows of overlapping groups: a target group and the
/// students in none never outnumber All eligible, and All eligible never
/// outnumbers its target groups and the students in none together.
fn overlap(cells: &mut Cells, groups: &[String], all: usize, ids: &[usize]) {
    let Some(none) = groups.iter().position(|g| g == NOT_IN_ANY).map(|k| ids[k]) else {
        return;
    };
    for &group in ids.iter().filter(|&&id| id != none) {
        cells.at_most(&[group, none], &[all]);
    }
    cells.at_most(&[all], ids);
}

/// A funnel's stage counts, the students of each parent stage not in the
/// next, and All eligible = the groups where they add up: the target
/// groups' funnel and the departments'.
fn funnel(
    cells: &mut Cells,
    records: &[UptakeRecord],
    stage_key: fn(&str, Stage) -> Key,
    not_in_key: fn(&str, Stage) -> Key,
) {
    for r in records {
        cells.shown(stage_key(&r.group, r.stage), raw(r.count));
    }
    for r in records {
        let Some(parent) = r.stage.parent() else { continue };
        let (Some(child), Some(total)) = (
            cells.id(&stage_key(&r.group, r.stage)),
            cells.id(&stage_key(&r.group, parent)),
        ) else {
            continue;
        };
        cells.subset(total, child, not_in_key(&r.group, r.stage));
    }
    let mut groups: Vec<String> = Vec::new();
    for r in records {
        if !groups.contains(&r.group) {
            groups.push(r.group.clone());
        }
    }
    partition(cells, &groups, |g| {
        Stage::ALL
            .iter()
            .flat_map(|&s| [stage_key(g, s), not_in_key(g, s)])
            .collect()
    });
}

fn uptake(cells: &mut Cells, m: &Metrics) {
    funnel(cells, &m.uptake, keys::stage, keys::not_in);
    funnel(
        cells,
        &m.departments,
        keys::department_stage,
        keys::department_not_in,
    );
}

fn outcomes(cells: &mut Cells, m: &Metrics) {
    for r in &m.outcomes {
        for (total_key, total, with, participants) in [
            (
                keys::stage(&r.group, Stage::Matched),
                r.participants,
                r.participants_with_outcome,
                true,
            ),
            (
                keys::not_in(&r.group, Stage::Registered),
                r.non_participants,
                r.non_participants_with_outcome,
                false,
            ),
        ] {
            let total = cells.shown(total_key, raw(total));
            let with = cells.shown(keys::with_outcome(&r.group, r.outcome, participants), raw(with));
            cells.subset(
                total,
                with,
                keys::without_outcome(&r.group, r.outcome, participants),
            );
        }
    }
    let outcome_ids: Vec<&str> = m.outcomes.iter().map(|r| r.outcome).collect();
    partition(cells, &m.groups, |g| {
        outcome_ids
            .iter()
            .flat_map(|o| {
                [true, false]
                    .into_iter()
                    .flat_map(move |p| [keys::with_outcome(g, o, p), keys::without_outcome(g, o, p)])
            })
            .collect()
    });
}

fn relationships(cells: &mut Cells, m: &Metrics) {
    for r in &m.relationships {
        let s = &r.status;
        let pairs = cells.shown(keys::stage(&r.group, Stage::Matched), raw(r.pairs));
        cells.shown(keys::meetings(&r.group), raw(r.meetings));
        // StatusCounts' fields in `Status::ALL` order.
        let statuses: Vec<usize> = Status::ALL
            .iter()
            .zip([
                s.active,
                s.at_risk,
                s.lapsed,
                s.withdrawn,
                s.completed,
                s.not_started,
            ])
            .map(|(status, count)| cells.shown(keys::status(&r.group, status.id()), raw(count)))
            .collect();
        cells.sum(pairs, &statuses);
        let with_meetings = cells.shown(keys::pairs_with_meetings(&r.group), raw(r.pairs_with_meetings));
        cells.subset(pairs, with_meetings, key("without_meetings", &r.group, ""));
        let with_compliance = cells.shown(
            keys::pairs_with_compliance(&r.group),
            raw(r.pairs_with_compliance),
        );
        cells.subset(pairs, with_compliance, key("without_compliance", &r.group, ""));
    }
    for r in &m.compliance {
        cells.shown(keys::band(&r.group, r.band), raw(r.pairs));
    }
    for g in &m.groups {
        let Some(total) = cells.id(&keys::pairs_with_compliance(g)) else {
            continue;
        };
        let bands: Vec<usize> = m
            .compliance
            .iter()
            .filter(|r| &r.group == g)
            .filter_map(|r| cells.id(&keys::band(g, r.band)))
            .collect();
        cells.sum(total, &bands);
    }
    let mut timeline_items: Vec<(String, &'static str)> = Vec::new();
    for r in &m.timeline {
        cells.shown(keys::timeline(&r.group, &r.month, r.kind.id()), raw(r.meetings));
        if !timeline_items.contains(&(r.month.clone(), r.kind.id())) {
            timeline_items.push((r.month.clone(), r.kind.id()));
        }
    }
    for g in &m.groups {
        let Some(total) = cells.id(&keys::meetings(g)) else {
            continue;
        };
        let parts: Vec<usize> = m
            .timeline
            .iter()
            .filter(|r| &r.group == g && r.kind.is_mentoring())
            .filter_map(|r| cells.id(&keys::timeline(g, &r.month, r.kind.id())))
            .collect();
        cells.sum(total, &parts);
    }
    partition(cells, &m.groups, |g| {
        let mut keys: Vec<Key> = vec![
            keys::stage(g, Stage::Matched),
            keys::meetings(g),
            keys::pairs_with_meetings(g),
            keys::pairs_with_compliance(g),
        ];
        keys.extend(Status::ALL.iter().map(|s| keys::status(g, s.id())));
        keys.extend(
            crate::metrics::relationships::COMPLIANCE_BANDS
                .iter()
                .map(|(b, _)| keys::band(g, b)),
        );
        keys.extend(
            timeline_items
                .iter()
                .map(|(month, kind)| keys::timeline(g, month, kind)),
        );
        keys
    });
}

/// Retention: the pairs at risk month by month, and the events a published
/// survival curve gives away. A curve is published up to the month before
/// the first one that would give a small count away (the events cells after
/// it are withheld too, in `cut_curves`).
fn retention(cells: &mut Cells, m: &Metrics) {
    let months = curves(cells, &m.retention, keys::curve);
    partition(cells, &m.groups, |g| {
        months
            .iter()
            .flat_map(|&month| {
                [
                    keys::at_risk(g, month),
                    keys::events(g, month),
                    key("left", g, month.to_string()),
                    if month == 1 {
                        keys::events(g, 1)
                    } else {
                        key("new_events", g, month.to_string())
                    },
                ]
            })
            .collect()
    });
    // Aligned and other pairs are all pairs: their at-risk and event counts
    // add up to All eligible's.
    let months = curves(cells, &m.retention_alignment, keys::alignment_curve);
    let levels: Vec<&str> = {
        let mut levels: Vec<&str> = Vec::new();
        for r in &m.retention_alignment {
            if !levels.contains(&r.group.as_str()) {
                levels.push(&r.group);
            }
        }
        levels
    };
    for month in months {
        for count in [keys::at_risk, keys::events] {
            let Some(total) = cells.id(&count(ALL_ELIGIBLE, month)) else {
                continue;
            };
            let parts: Vec<usize> = levels
                .iter()
                .filter_map(|l| cells.id(&count(&keys::alignment_curve(l), month)))
                .collect();
            cells.sum(total, &parts);
        }
    }
}

/// Registers one set of curves (a group's at-risk and event counts month by
/// month, `name` giving each curve's key group); returns their months.
fn curves(cells: &mut Cells, records: &[RetentionRecord], name: fn(&str) -> String) -> Vec<u32> {
    let mut months: Vec<u32> = Vec::new();
    for r in records {
        let g = name(&r.group);
        let at_risk = cells.shown(keys::at_risk(&g, r.month), raw(r.at_risk));
        if r.month == 1 {
            let start = cells.implied(keys::at_risk(&g, 0), r.pairs);
            cells.subset(start, at_risk, key("left", &g, "1"));
        } else if let Some(before) = cells.id(&keys::at_risk(&g, r.month - 1)) {
            cells.subset(before, at_risk, key("left", &g, r.month.to_string()));
        }
        let events = cells.shown(keys::events(&g, r.month), r.events);
        // Month 1's events are new events themselves.
        if r.month > 1
            && let Some(before) = cells.id(&keys::events(&g, r.month - 1))
        {
            cells.subset(events, before, key("new_events", &g, r.month.to_string()));
        }
        if !months.contains(&r.month) {
            months.push(r.month);
        }
    }
    months
}

/// After solving: a curve stops at its first withheld month, so the later
/// months' events cells are withheld too (withholding more never gives
/// anything away).
pub fn cut_curves(cells: &mut Cells, m: &Metrics) {
    for (records, name) in [
        (&m.retention, keys::curve as fn(&str) -> String),
        (&m.retention_alignment, keys::alignment_curve),
    ] {
        let mut cut_groups: Vec<&str> = Vec::new();
        for r in records {
            let events = keys::events(&name(&r.group), r.month);
            if cut_groups.contains(&r.group.as_str()) {
                if let Some(id) = cells.id(&events) {
                    cells.withhold(id);
                }
            } else if cells.state(&events, r.events) != State::Shown {
                cut_groups.push(&r.group);
            }
        }
    }
}

fn mentor_bank(cells: &mut Cells, m: &Metrics) {
    let Some(b) = &m.mentors else { return };
    let mentors = cells.shown(keys::bank("mentors"), raw(b.mentors));
    let matched = cells.shown(keys::bank("matched_mentees"), raw(b.matched_mentees));
    cells.shown(keys::bank("waiting_list"), raw(b.waiting_list));
    cells.shown(
        keys::bank("n_registration_to_match"),
        raw(b.n_registration_to_match),
    );
    // Mentors by mentees, by sector and by source each add up to the bank.
    let per_mentor = b
        .mentees_per_mentor
        .iter()
        .map(|(k, c)| (keys::mentors_with(k), *c));
    shown_sum(cells, mentors, per_mentor);
    cells.shown(keys::mentors_with("0"), raw(b.mentors_without_mentee));
    // Times their number of mentees, the mentors add up to the matched mentees.
    let loads: Vec<(usize, i64)> = b
        .mentees_per_mentor
        .keys()
        .filter_map(|k| Some((cells.id(&keys::mentors_with(k))?, k.parse().ok()?)))
        .collect();
    cells.weighted_sum(matched, &loads);
    let sectors = b.by_sector.iter();
    shown_sum(
        cells,
        mentors,
        sectors
            .clone()
            .map(|(s, r)| (keys::sector(s, "mentors"), r.mentors)),
    );
    shown_sum(
        cells,
        matched,
        sectors.map(|(s, r)| (keys::sector(s, "matched_mentees"), r.matched_mentees)),
    );
    shown_sum(
        cells,
        mentors,
        b.by_source.iter().map(|(s, c)| (keys::source(s), *c)),
    );
}

/// Registers each (key, count) as shown and records that they add up to `total`.
fn shown_sum(cells: &mut Cells, total: usize, parts: impl Iterator<Item = (Key, Count)>) {
    let ids: Vec<usize> = parts.map(|(key, count)| cells.shown(key, raw(count))).collect();
    cells.sum(total, &ids);
}

fn surveys(cells: &mut Cells, m: &Metrics) {
    for r in &m.survey_waves {
        let received = cells.shown(keys::wave(&r.wave, "received"), raw(r.received));
        let parts: Vec<usize> = [
            ("kept", r.kept),
            ("unfinished", r.unfinished),
            ("not_in_cohort", r.not_in_cohort),
            ("duplicates", r.duplicates),
        ]
        .into_iter()
        .map(|(item, count)| cells.shown(keys::wave(&r.wave, item), raw(count)))
        .collect();
        cells.sum(received, &parts);
    }
    for r in &m.items {
        cells.shown(keys::item(&r.wave, &r.item, r.score), raw(r.count));
    }
    let mut items: Vec<(&str, &str)> = m
        .items
        .iter()
        .map(|r| (r.wave.as_str(), r.item.as_str()))
        .collect();
    items.dedup();
    for (wave, item) in items {
        let Some(kept) = cells.id(&keys::wave(wave, "kept")) else {
            continue;
        };
        let mut parts: Vec<usize> = m
            .items
            .iter()
            .filter(|r| r.wave == wave && r.item == item)
            .filter_map(|r| cells.id(&keys::item(wave, item, r.score)))
            .collect();
        let answered: u64 = parts.iter().map(|&p| cells.value(p)).sum();
        if let Some(missing) = cells.value(kept).checked_sub(answered) {
            parts.push(cells.implied(key("item_missing", wave, item), missing));
            cells.sum(kept, &parts);
        }
    }
    let mut scale_items: Vec<(String, String)> = Vec::new();
    for r in &m.scales {
        cells.shown(keys::scale_n(&r.group, &r.scale, &r.wave), raw(r.n));
        let item = (r.scale.clone(), r.wave.clone());
        if !scale_items.contains(&item) {
            scale_items.push(item);
        }
    }
    for r in &m.attrition {
        let answered = cells.shown(keys::attrition(&r.scale, true), raw(r.n_answered_post));
        let not = cells.shown(keys::attrition(&r.scale, false), raw(r.n_not_answered_post));
        if let Some(pre) = cells.id(&keys::scale_n(ALL_ELIGIBLE, &r.scale, "pre")) {
            cells.sum(pre, &[answered, not]);
        }
    }
    let mut scales: Vec<&str> = Vec::new();
    for r in &m.paired {
        cells.shown(keys::paired_n(&r.group, &r.scale), raw(r.n));
        if !scales.contains(&r.scale.as_str()) {
            scales.push(&r.scale);
        }
    }
    let mut waves: Vec<&str> = Vec::new();
    for r in &m.intent {
        let n = cells.shown(keys::intent(&r.group, &r.wave, "n"), raw(r.n));
        let intending = cells.shown(keys::intent(&r.group, &r.wave, "intending"), raw(r.intending));
        cells.subset(n, intending, keys::intent(&r.group, &r.wave, "not_intending"));
        if !waves.contains(&r.wave.as_str()) {
            waves.push(&r.wave);
        }
    }
    intent_answers(cells, m);
    for r in &m.intent_paired {
        let n = cells.shown(keys::intent_paired(&r.group, "n"), raw(r.n));
        let b = cells.shown(keys::intent_paired(&r.group, "b"), raw(r.b));
        let c = cells.shown(keys::intent_paired(&r.group, "c"), raw(r.c));
        let concordant = raw(r.n).saturating_sub(raw(r.b) + raw(r.c));
        let concordant = cells.implied(keys::intent_paired(&r.group, "concordant"), concordant);
        cells.sum(n, &[b, c, concordant]);
    }
    partition(cells, &m.groups, |g| {
        let mut k: Vec<Key> = scale_items
            .iter()
            .map(|(scale, wave)| keys::scale_n(g, scale, wave))
            .collect();
        k.extend(scales.iter().map(|s| keys::paired_n(g, s)));
        for wave in &waves {
            k.extend(["n", "intending", "not_intending"].map(|i| keys::intent(g, wave, i)));
        }
        k.extend(["n", "b", "c", "concordant"].map(|i| keys::intent_paired(g, i)));
        k
    });
}

/// The intent item's answer counts (in `items`) add up to the intent n
/// and, from the lowest score that counts as intending, to "intending".
/// The item is the one whose answers add up so (the report names it).
fn intent_answers(cells: &mut Cells, m: &Metrics) {
    for r in m.intent.iter().filter(|r| r.group == ALL_ELIGIBLE) {
        let (Some(n), Some(intending)) = (
            cells.id(&keys::intent(&r.group, &r.wave, "n")),
            cells.id(&keys::intent(&r.group, &r.wave, "intending")),
        ) else {
            continue;
        };
        let mut items: Vec<&str> = m
            .items
            .iter()
            .filter(|i| i.wave == r.wave)
            .map(|i| i.item.as_str())
            .collect();
        items.dedup();
        for item in items {
            let answers: Vec<(f64, usize)> = m
                .items
                .iter()
                .filter(|i| i.wave == r.wave && i.item == item)
                .filter_map(|i| Some((i.score, cells.id(&keys::item(&r.wave, item, i.score))?)))
                .collect();
            let total: u64 = answers.iter().map(|&(_, id)| cells.value(id)).sum();
            if total != cells.value(n) {
                continue;
            }
            cells.sum(n, &answers.iter().map(|&(_, id)| id).collect::<Vec<_>>());
            let from_intending = (0..answers.len()).find(|&k| {
                answers[k..].iter().map(|&(_, id)| cells.value(id)).sum::<u64>() == cells.value(intending)
            });
            if let Some(k) = from_intending {
                cells.sum(
                    intending,
                    &answers[k..].iter().map(|&(_, id)| id).collect::<Vec<_>>(),
                );
            }
        }
    }
}

/// The matched comparison: the matched arms within each arm, the matched
/// treated with each outcome, each covariate level's students per arm
/// (the levels of a covariate add up to the arm), and the dose bands (they
/// add up to the treated, and their outcome counts to the treated with it).
fn comparison(cells: &mut Cells, m: &Metrics) {
    for r in &m.comparison {
        let treated = cells.shown(keys::stage(&r.group, r.treated_stage), raw(r.treated));
        let controls = cells.shown(keys::not_in(&r.group, Stage::Registered), raw(r.controls));
        let tm = cells.shown(
            keys::matched_arm(&r.group, "treated_matched"),
            raw(r.treated_matched),
        );
        cells.subset(treated, tm, keys::matched_arm(&r.group, "treated_unmatched"));
        let cm = cells.shown(
            keys::matched_arm(&r.group, "controls_matched"),
            raw(r.controls_matched),
        );
        cells.subset(controls, cm, keys::matched_arm(&r.group, "controls_unmatched"));
        let with = cells.shown(keys::matched_with(&r.group, &r.outcome), r.treated_with_outcome);
        cells.subset(tm, with, key("matched_without", &r.group, r.outcome.as_str()));
        // A kept stratum holds one of each arm at least; a stratum, one student.
        let strata = cells.shown(keys::strata(&r.group, "all"), raw(r.strata));
        let kept = cells.shown(keys::strata(&r.group, "kept"), raw(r.strata_kept));
        cells.at_most(&[kept], &[tm]);
        cells.at_most(&[kept], &[cm]);
        cells.at_most(&[kept], &[strata]);
        cells.at_most(&[strata], &[treated, controls]);
    }
    let mut covariates: Vec<(&str, &str)> = Vec::new();
    for r in &m.balance {
        if r.level == "(mean)" {
            cells.shown(keys::level_missing(&r.group, &r.covariate), raw(r.n_missing));
            continue;
        }
        for (arm, count) in [
            ("t", r.counts.treated),
            ("c", r.counts.controls),
            ("tm", r.counts.treated_matched),
        ] {
            cells.shown(keys::level(&r.group, &r.covariate, &r.level, arm), count);
        }
        if !covariates.contains(&(r.group.as_str(), r.covariate.as_str())) {
            covariates.push((r.group.as_str(), r.covariate.as_str()));
        }
    }
    let stage = m.comparison.first().map(|r| r.treated_stage);
    for (group, covariate) in &covariates {
        let levels: Vec<&str> = m
            .balance
            .iter()
            .filter(|r| r.group == *group && r.covariate == *covariate)
            .map(|r| r.level.as_str())
            .collect();
        let totals = [
            ("t", stage.map(|s| keys::stage(group, s))),
            ("c", Some(keys::not_in(group, Stage::Registered))),
            ("tm", Some(keys::matched_arm(group, "treated_matched"))),
        ];
        for (arm, total) in totals {
            let Some(total) = total.and_then(|k| cells.id(&k)) else {
                continue;
            };
            let parts: Vec<usize> = levels
                .iter()
                .filter_map(|l| cells.id(&keys::level(group, covariate, l, arm)))
                .collect();
            cells.sum(total, &parts);
        }
    }
    for r in &m.dose {
        let students = cells.shown(keys::dose(&r.group, r.band), raw(r.students));
        let with = cells.shown(keys::dose_with(&r.group, &r.outcome, r.band), raw(r.with_outcome));
        cells.subset(
            students,
            with,
            key("dose_without", &r.group, format!("{}\u{1f}{}", r.outcome, r.band)),
        );
    }
    let bands: Vec<&str> = crate::metrics::comparison::DOSE_BANDS
        .iter()
        .map(|b| b.0)
        .collect();
    let mut outcomes: Vec<&str> = m.dose.iter().map(|r| r.outcome.as_str()).collect();
    outcomes.dedup();
    for g in &m.groups {
        let Some(stage) = stage else { break };
        if let Some(total) = cells.id(&keys::stage(g, stage)) {
            let parts: Vec<usize> = bands.iter().filter_map(|b| cells.id(&keys::dose(g, b))).collect();
            cells.sum(total, &parts);
        }
        // The bands against the pairs' own counts: no meeting is the pairs
        // less those with meetings; three or more, the sustained pairs.
        let band = |cells: &Cells, b: &str| cells.id(&keys::dose(g, b));
        if let (Some(pairs), Some(none), Some(met)) = (
            cells.id(&keys::stage(g, Stage::Matched)),
            band(cells, bands[0]),
            cells.id(&keys::pairs_with_meetings(g)),
        ) {
            cells.sum(pairs, &[none, met]);
        }
        if let (Some(sustained), Some(some), Some(many)) = (
            cells.id(&keys::stage(g, Stage::Sustained)),
            band(cells, bands[2]),
            band(cells, bands[3]),
        ) {
            cells.sum(sustained, &[some, many]);
        }
        for outcome in &outcomes {
            let Some(total) = cells.id(&keys::with_outcome(g, outcome, true)) else {
                continue;
            };
            let parts: Vec<usize> = bands
                .iter()
                .filter_map(|b| cells.id(&keys::dose_with(g, outcome, b)))
                .collect();
            cells.sum(total, &parts);
        }
    }
    partition(cells, &m.groups, |g| {
        let mut k: Vec<Key> = bands.iter().map(|b| keys::dose(g, b)).collect();
        for outcome in &outcomes {
            k.extend(bands.iter().map(|b| keys::dose_with(g, outcome, b)));
        }
        k
    });
}

/// What makes relationships last: the students behind each group's wait.
fn lasting(cells: &mut Cells, m: &Metrics) {
    for r in &m.match_wait {
        cells.shown(keys::match_wait(&r.group), raw(r.students));
    }
    partition(cells, &m.groups, |g| vec![keys::match_wait(g)]);
    if let Some(c) = &m.continuity {
        let logged = cells.shown(keys::continuity("logged"), raw(c.pairs_with_logged_mentor));
        let other = cells.shown(keys::continuity("another"), raw(c.pairs_with_another_mentor));
        cells.subset(logged, other, keys::continuity("same"));
        if let Some(pairs) = cells.id(&keys::stage(ALL_ELIGIBLE, Stage::Matched)) {
            cells.subset(pairs, logged, keys::continuity("not logged"));
        }
    }
    // A factor's levels add up to the pairs, their sustained and completed
    // pairs to the funnel's (every pair has one level of each factor).
    let mut factors: Vec<&str> = Vec::new();
    for r in &m.pair_factors {
        // A sector's pairs are its mentors' matched mentees in the bank's record.
        let pairs_key = keys::factor_pairs(r.factor, &r.level);
        let pairs = if r.factor == "sector" {
            cells.same_as(
                pairs_key,
                raw(r.pairs),
                &keys::sector(&r.level, "matched_mentees"),
            )
        } else {
            cells.shown(pairs_key, raw(r.pairs))
        };
        for (stage, tally) in [(Stage::Sustained, &r.sustained), (Stage::Completed, &r.completed)] {
            let with = cells.shown(keys::factor_with(r.factor, &r.level, stage), raw(tally.count));
            let rest = key(
                "factor_without",
                r.factor,
                format!("{}\u{1f}{}", r.level, stage.id()),
            );
            cells.subset(pairs, with, rest);
        }
        if !factors.contains(&r.factor) {
            factors.push(r.factor);
        }
    }
    for factor in factors {
        let levels: Vec<&str> = m
            .pair_factors
            .iter()
            .filter(|r| r.factor == factor)
            .map(|r| r.level.as_str())
            .collect();
        for (total, part) in [
            (Stage::Matched, None),
            (Stage::Sustained, Some(Stage::Sustained)),
            (Stage::Completed, Some(Stage::Completed)),
        ] {
            let Some(total) = cells.id(&keys::stage(ALL_ELIGIBLE, total)) else {
                continue;
            };
            let parts: Vec<usize> = levels
                .iter()
                .filter_map(|l| {
                    cells.id(&match part {
                        None => keys::factor_pairs(factor, l),
                        Some(stage) => keys::factor_with(factor, l, stage),
                    })
                })
                .collect();
            cells.sum(total, &parts);
        }
    }
}

/// Every count of `m` as a cell, every total as a sum, solved for `threshold`.
pub fn solve(m: &Metrics, threshold: u64) -> Cells {
    let mut cells = Cells::default();
    uptake(&mut cells, m);
    outcomes(&mut cells, m);
    relationships(&mut cells, m);
    retention(&mut cells, m);
    mentor_bank(&mut cells, m);
    surveys(&mut cells, m);
    comparison(&mut cells, m);
    lasting(&mut cells, m);
    super::quality::register(&mut cells, m);
    cells.solve(threshold);
    cut_curves(&mut cells, m);
    cells
}
