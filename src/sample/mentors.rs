//! The sample's mentor bank: its mentors and their workbook sheet.

use super::*;

/// The mentor bank's size for a cohort of `students`.
pub(super) fn mentor_count(students: usize) -> usize {
    ((students as f64) * 0.3).ceil().max(5.0) as usize
}

pub(super) fn make_mentors(rng: &mut Rng, students: u32, cal: &Calendar) -> Vec<Mentor> {
    let count = mentor_count(students as usize);
    (0..count)
        .map(|i| Mentor {
            id: format!("M{:04}", i + 1),
            name: format!("{} {}", rng.pick(&FORENAMES), rng.pick(&SURNAMES)),
            organisation: rng.pick(&ORGANISATIONS),
            sector: SECTORS[rng.weighted(&[0.22, 0.2, 0.14, 0.12, 0.1, 0.08, 0.08, 0.06])],
            source: SOURCES[rng.weighted(&[0.45, 0.3, 0.15, 0.1])],
            capacity: [1, 1, 1, 2, 2, 3][rng.between(0, 5) as usize],
            trained_on: cal.start - Duration::days(27) + Duration::days(rng.between(0, 40)),
        })
        .collect()
}

pub(super) fn mentor_sheet(mentors: &[Mentor]) -> Sheet {
    let headers = [
        "Mentor ID",
        "Name",
        "Organisation",
        "Sector",
        "Recruited via",
        "Mentee capacity",
        "Trained",
    ];
    Sheet {
        name: "Mentor bank".to_string(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: mentors
            .iter()
            .map(|m| {
                vec![
                    Value::Text(m.id.clone()),
                    Value::Text(m.name.clone()),
                    Value::Text(m.organisation.to_string()),
                    Value::Text(m.sector.to_string()),
                    Value::Text(m.source.to_string()),
                    Value::Number(f64::from(m.capacity)),
                    Value::Date(m.trained_on),
                ]
            })
            .collect(),
    }
}
