//! The mentor bank, published (`mentor_bank`, its sectors and sources), and its cells under `threshold` (`register`).

use super::cells::Cells;
use super::keys;
use super::precision::Precision::{Decimal, Rate};
use super::records::{f_count, raw};
use super::release::{Fields, Of, Release};
use super::sums::shown_sum;
use crate::metrics::model::{MentorBankRecord, Metrics, SectorRecord};

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

pub fn register(cells: &mut Cells, m: &Metrics) {
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
