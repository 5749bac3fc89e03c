//! Placement outcomes of participants and non-participants, published (`outcome`), and their cells under `threshold` (`register`).

use super::cells::Cells;
use super::keys;
use super::precision::Precision::{P, Points, Rate};
use super::records::raw;
use super::release::{Fields, Of, Release};
use super::sums::partition;
use crate::metrics::model::{Metrics, OutcomeRecord, Stage};

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

pub fn register(cells: &mut Cells, m: &Metrics) {
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
