//! The sample's cohort: students, their uptake and matches, and the uptake workbook or CSV.

use super::*;

pub(super) fn make_students(rng: &mut Rng, n: u32, mentors: &mut [Mentor], cal: &Calendar) -> Vec<Student> {
    let mut free = FreeMentors::new(
        mentors.iter().map(|m| m.capacity).collect(),
        &SCHOOLS,
        |school, m| is_aligned(school, mentors[m].sector),
    );
    let mut students = Vec::with_capacity(n as usize);
    // Its own stream, so the negative control leaves every other draw as it was.
    let mut before = Rng::new(0x5EED_0FC1 ^ u64::from(n) ^ cal.start.num_days_from_ce() as u64);
    for i in 0..n as u64 {
        let forename = rng.pick(&FORENAMES);
        let surname = rng.pick(&SURNAMES);
        let polar = (!rng.chance(0.02)).then(|| rng.weighted(&[0.12, 0.15, 0.2, 0.23, 0.3]) as u8 + 1);
        let first_gen = (!rng.chance(0.02)).then(|| rng.chance(0.35));
        let ethnicity = (!rng.chance(0.02)).then(|| {
            ["White", "Asian", "Black", "Mixed", "Other"][rng.weighted(&[0.62, 0.18, 0.09, 0.07, 0.04])]
        });
        let school = rng.pick(&SCHOOLS);
        let year1 =
            (!rng.chance(0.03)).then(|| (rng.normal(58.0, 10.0).clamp(25.0, 95.0) * 10.0).round() / 10.0);
        let commuter = (!rng.chance(0.02)).then(|| rng.chance(0.3));
        let target_penalty = 0.12 * f64::from(u8::from(polar.is_some_and(|q| q <= 2)))
            + 0.08 * f64::from(u8::from(first_gen == Some(true)))
            + 0.07 * f64::from(u8::from(ethnicity.is_some_and(|e| e != "White")));
        // Who takes part differs before the programme: stronger Year 1
        // marks sign up more, commuters less, and both bear on placements
        // too, which the matched comparison has to take out.
        let mark = year1.unwrap_or(58.0) - 58.0;
        let commutes = f64::from(u8::from(commuter == Some(true)));
        let prior = 0.010 * mark - 0.10 * commutes;
        let registered =
            rng.chance((cal.uptake - target_penalty + prior + school_uptake(school)).clamp(0.08, 0.95));
        let registered_on = registered.then(|| cal.start + Duration::days(rng.between(0, 25)));
        let trained = registered && rng.chance(0.82);
        let quiz = trained.then(|| (rng.normal(76.0, 12.0).round()).clamp(20.0, 100.0));
        let mut mentor = None;
        let mut matched_on = None;
        let mut aligned = false;
        if let Some(reg) = registered_on
            && rng.chance(0.9)
        {
            let start = rng.between(0, mentors.len() as i64 - 1) as usize;
            // The co-ordinator looks for a mentor in a sector aligned
            // with the student's school first, most of the time.
            let aligned_first = rng.chance(0.6);
            let chosen = aligned_first
                .then(|| free.first_aligned(school, start))
                .flatten()
                .or_else(|| free.first(start));
            if let Some(m) = chosen {
                free.take(m);
                mentor = Some(mentors[m].id.clone());
                aligned = is_aligned(school, mentors[m].sector);
                matched_on = Some(reg + Duration::days(rng.between(7, 35)));
            }
        }
        let matched = mentor.is_some();
        // Aligned pairs last a little longer.
        let pattern = match (matched, aligned) {
            (false, _) => 0,
            (true, true) => rng.weighted(&[0.72, 0.22, 0.06]) as u8,
            (true, false) => rng.weighted(&[0.58, 0.30, 0.12]) as u8,
        };
        let withdrawn_on = matched_on
            .filter(|_| rng.chance(0.06))
            .map(|m| (m + Duration::days(rng.between(30, 150))).min(cal.as_of - Duration::days(10)));
        let meet_greet = matched && matched_on.is_some_and(|m| m <= cal.meet_greet) && rng.chance(0.85);
        let ceremony = matched
            && withdrawn_on.is_none()
            && pattern != 2
            && rng.chance(if pattern == 0 { 0.78 } else { 0.35 });
        let applied = rng.chance(
            (if matched {
                0.58
            } else if registered {
                0.45
            } else {
                0.36
            }) + 0.008 * mark
                - 0.06 * commutes,
        );
        let secured = applied && rng.chance((if matched { 0.5 } else { 0.4 }) + 0.006 * mark);
        // Shaped by what matching covers (the mark, commuting), not by the
        // programme, which came later.
        let year1_work = (!before.chance(0.03)).then(|| before.chance(0.3 + 0.006 * mark - 0.06 * commutes));
        students.push(Student {
            id: format!("{:08}", 2_300_000 + i * 7 + rng.between(0, 6) as u64),
            forename,
            surname,
            email: format!(
                "{}.{}{}@student.example.ac.uk",
                forename.to_lowercase(),
                surname.to_lowercase(),
                i + 1
            ),
            school,
            polar,
            first_gen,
            ethnicity,
            year1,
            commuter,
            year1_work,
            registered_on,
            trained,
            quiz,
            mentor,
            matched_on,
            meet_greet,
            ceremony,
            withdrawn_on,
            applied,
            secured,
            pattern,
        });
    }
    // A mentor id the bank does not know (a data-entry slip).
    if let Some(s) = students.iter_mut().rev().find(|s| s.mentor.is_some()) {
        s.mentor = Some("M9999".to_string());
    }
    students
}

pub(super) fn flag(rng: &mut Rng, value: bool) -> Value {
    if value {
        Value::Text(rng.pick(&["Y", "Yes", "yes", "✓", "TRUE", "x"]).to_string())
    } else {
        Value::Text(rng.pick(&["N", "No", "", ""]).to_string())
    }
}

pub(super) const COHORT_HEADERS: [&str; 21] = [
    "Student ID",
    "Forename",
    "Surname",
    "University email",
    "School",
    "POLAR4 quintile",
    "First generation",
    "Ethnicity group",
    "Year 1 average",
    "Commuter",
    "Year 1 work experience",
    "Signed up",
    "Training completed",
    "Quiz score (%)",
    "Mentor ID",
    "Matched on",
    "Meet & greet",
    "Celebration",
    "Withdrawn on",
    "Applied for placement",
    "Placement secured",
];

/// Writes the cohort: to `cohort.csv` a row at a time as the rows are drawn
/// (the whole sheet would be the largest thing the generator holds), or as
/// `cohort.xlsx` with its notes sheet.
pub(super) fn write_cohort(
    dir: &Path,
    format: SampleFormat,
    students: &[Student],
    rng: &mut Rng,
) -> Result<()> {
    match format {
        SampleFormat::Csv => {
            let mut csv = CsvFile::create(&dir.join("cohort.csv"))?;
            csv.row(&COHORT_HEADERS)?;
            cohort_rows(students, rng, |row| workbook::write_values(&mut csv, &row))?;
            csv.finish()
        }
        SampleFormat::Xlsx => {
            let mut rows = Vec::with_capacity(students.len() + 1);
            cohort_rows(students, rng, |row| {
                rows.push(row);
                Ok(())
            })?;
            let sheet = Sheet {
                name: "Year 2".to_string(),
                headers: COHORT_HEADERS.iter().map(|h| h.to_string()).collect(),
                rows,
            };
            workbook::save(&dir.join("cohort.xlsx"), &[sheet, notes_sheet()])
        }
    }
}

/// Hands each student's cohort row to `emit` in order, then the fourth
/// student's row again (a student entered twice; the first row counts).
pub(super) fn cohort_rows(
    students: &[Student],
    rng: &mut Rng,
    mut emit: impl FnMut(Vec<Value>) -> Result<()>,
) -> Result<()> {
    let mut repeated = None;
    for (i, s) in students.iter().enumerate() {
        let row = cohort_row(s, rng);
        if i == 3 {
            repeated = Some(row.clone());
        }
        emit(row)?;
    }
    match repeated {
        Some(row) => emit(row),
        None => Ok(()),
    }
}

pub(super) fn cohort_row(s: &Student, rng: &mut Rng) -> Vec<Value> {
    vec![
        Value::Text(s.id.clone()),
        Value::Text(s.forename.to_string()),
        Value::Text(s.surname.to_string()),
        Value::Text(s.email.clone()),
        Value::Text(s.school.to_string()),
        s.polar.map_or(Value::Empty, |q| Value::Number(f64::from(q))),
        match s.first_gen {
            Some(true) => Value::Text("Y".into()),
            Some(false) => Value::Text("N".into()),
            None => Value::Empty,
        },
        s.ethnicity.map_or(Value::Empty, |e| Value::Text(e.to_string())),
        s.year1.map_or(Value::Empty, Value::Number),
        match s.commuter {
            Some(true) => Value::Text("Y".into()),
            Some(false) => Value::Text("N".into()),
            None => Value::Empty,
        },
        match s.year1_work {
            Some(true) => Value::Text("Y".into()),
            Some(false) => Value::Text("N".into()),
            None => Value::Empty,
        },
        match s.registered_on {
            // Most sign-ups carry their date; a few were ticked by hand.
            Some(d) if rng.chance(0.93) => Value::Date(d),
            Some(_) => Value::Text("Yes".into()),
            None => Value::Empty,
        },
        if s.registered_on.is_some() {
            flag(rng, s.trained)
        } else {
            Value::Empty
        },
        s.quiz.map_or(Value::Empty, Value::Number),
        s.mentor.clone().map_or(Value::Empty, Value::Text),
        s.matched_on.map_or(Value::Empty, Value::Date),
        if s.mentor.is_some() {
            flag(rng, s.meet_greet)
        } else {
            Value::Empty
        },
        if s.ceremony { flag(rng, true) } else { Value::Empty },
        s.withdrawn_on.map_or(Value::Empty, Value::Date),
        flag(rng, s.applied),
        flag(rng, s.secured),
    ]
}

pub(super) fn notes_sheet() -> Sheet {
    Sheet {
        name: "Notes".to_string(),
        headers: vec!["About this workbook".to_string()],
        rows: vec![
            vec![Value::Text("Year 2 cohort export from the student record system, with programme columns added by the co-ordinator.".into())],
            vec![Value::Text("Synthetic data generated by mentor-evidence sample-data.".into())],
        ],
    }
}
