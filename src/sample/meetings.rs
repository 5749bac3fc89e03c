//! The sample's meeting log (a CSV as a booking system exports it).

use super::*;

/// Writes the co-ordinator's meeting log as a CSV file at `path`: day-first
/// dates, mixed duration forms and labels.
pub(super) fn write_meetings_csv(
    path: &Path,
    students: &[Student],
    cal: &Calendar,
    rng: &mut Rng,
) -> Result<()> {
    let mut out = CsvFile::create(path)?;
    out.row(&["Student", "Mentor", "Meeting date", "Length", "Type"])?;
    let mentors = mentor_count(students.len()) as i64;
    let mut line = |s: &Student, day: NaiveDate, minutes: u32, kind: &str, rng: &mut Rng| -> Result<()> {
        out.text(&s.id);
        // Now and then the log names another mentor (a slip, or a stand-in).
        if rng.chance(0.01) {
            out.formatted(format_args!("M{:04}", rng.between(1, mentors)));
        } else {
            out.text(s.mentor.as_deref().unwrap_or(""));
        }
        out.formatted(format_args!("{}", workbook::UkDate(day)));
        match rng.between(0, 5) {
            1 => out.formatted(format_args!("{minutes} min")),
            2 => out.formatted(format_args!("{}h {}m", minutes / 60, minutes % 60)),
            3 => out.formatted(format_args!("{:.1} hours", f64::from(minutes) / 60.0)),
            4 => out.formatted(format_args!("{:02}:{:02}", minutes / 60, minutes % 60)),
            _ => out.formatted(format_args!("{minutes}")),
        }
        out.text(kind);
        out.end_row()
    };
    for s in students {
        let (Some(_), Some(matched)) = (&s.mentor, s.matched_on) else {
            continue;
        };
        if s.meet_greet {
            line(s, cal.meet_greet, 90, "Meet and greet", rng)?;
        }
        if s.pattern == 2 {
            continue;
        }
        let end = s.withdrawn_on.unwrap_or(cal.as_of);
        let fade_after = if s.pattern == 1 { rng.between(1, 3) } else { 12 };
        let mut month_start = matched + Duration::days(rng.between(2, 9));
        let mut months = 0;
        while month_start <= end && months < fade_after {
            let day = month_start + Duration::days(rng.between(0, 12));
            if day <= end && day <= cal.as_of && rng.chance(if s.pattern == 0 { 0.93 } else { 0.85 }) {
                let kind = if rng.chance(0.08) {
                    "Workplace visit"
                } else if rng.chance(0.02) {
                    "Coffee chat"
                } else {
                    rng.pick(&["One-to-one", "1:1", "Monthly catch-up"])
                };
                line(
                    s,
                    day,
                    [30, 45, 60, 60, 90][rng.between(0, 4) as usize],
                    kind,
                    rng,
                )?;
                if rng.chance(0.02) {
                    line(s, day, 60, kind, rng)?; // logged twice
                }
            }
            months += 1;
            month_start = next_month(month_start);
        }
        if s.ceremony {
            line(s, cal.ceremony, 120, "Celebration", rng)?;
        }
    }
    out.finish()
}

pub(super) fn next_month(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, day.day().min(28)).unwrap_or(day + Duration::days(30))
}
