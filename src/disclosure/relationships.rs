//! Relationships, published: figures per group, monthly compliance, meetings per month, retention curves (HESA's steps withheld), and their cells under `threshold` (`register`, `register_retention`, `cut_curves`).

use super::cells::{Cells, Key, State};
use super::keys;
use super::precision::Precision::{Decimal, Rate};
use super::records::{f_count, raw};
use super::release::{Fields, Of, Release};
use super::sums::partition;
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{
    ComplianceRecord, Count, Metrics, RelationshipRecord, RetentionRecord, Stage, StatusCounts,
    TimelineRecord,
};
use crate::metrics::pairs::Status;

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
    name: fn(&str) -> keys::Curve,
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

pub fn register(cells: &mut Cells, m: &Metrics) {
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
        cells.subset(pairs, with_meetings, keys::without_meetings(&r.group));
        let with_compliance = cells.shown(
            keys::pairs_with_compliance(&r.group),
            raw(r.pairs_with_compliance),
        );
        cells.subset(pairs, with_compliance, keys::without_compliance(&r.group));
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
pub fn register_retention(cells: &mut Cells, m: &Metrics) {
    let months = curves(cells, &m.retention, keys::curve);
    partition(cells, &m.groups, |g| {
        months
            .iter()
            .flat_map(|&month| {
                [
                    keys::at_risk(&keys::curve(g), month),
                    keys::events(&keys::curve(g), month),
                    keys::left(&keys::curve(g), month),
                    if month == 1 {
                        keys::events(&keys::curve(g), 1)
                    } else {
                        keys::new_events(&keys::curve(g), month)
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
            let Some(total) = cells.id(&count(&keys::curve(ALL_ELIGIBLE), month)) else {
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
fn curves(cells: &mut Cells, records: &[RetentionRecord], name: fn(&str) -> keys::Curve) -> Vec<u32> {
    let mut months: Vec<u32> = Vec::new();
    for r in records {
        let g = name(&r.group);
        let at_risk = cells.shown(keys::at_risk(&g, r.month), raw(r.at_risk));
        if r.month == 1 {
            let start = cells.implied(keys::at_risk(&g, 0), r.pairs);
            cells.subset(start, at_risk, keys::left(&g, 1));
        } else if let Some(before) = cells.id(&keys::at_risk(&g, r.month - 1)) {
            cells.subset(before, at_risk, keys::left(&g, r.month));
        }
        let events = cells.shown(keys::events(&g, r.month), r.events);
        // Month 1's events are new events themselves.
        if r.month > 1
            && let Some(before) = cells.id(&keys::events(&g, r.month - 1))
        {
            cells.subset(events, before, keys::new_events(&g, r.month));
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
        (&m.retention, keys::curve as fn(&str) -> keys::Curve),
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
