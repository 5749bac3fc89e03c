//! `ingest::preview`: what `init` sees of files it does not know yet (every
//! visible sheet, every header, the first rows as text).

use mentor_evidence::ingest::preview::preview;

use crate::workdir::{Workdir, shared_sample};

#[test]
fn a_workbook_shows_every_visible_sheet_and_a_csv_its_first_rows() {
    let sample = shared_sample();
    let sheets = preview(&sample.join("cohort.xlsx"), 3).unwrap();
    let names: Vec<Option<&str>> = sheets.iter().map(|s| s.sheet.as_deref()).collect();
    assert_eq!(names, [Some("Year 2"), Some("Notes")]);
    let cohort = &sheets[0];
    assert_eq!(cohort.headers[0], "Student ID");
    assert!(
        cohort.headers.contains(&"Year 1 average".to_string()),
        "{:?}",
        cohort.headers
    );
    assert_eq!(cohort.rows.len(), 3);
    assert_eq!(cohort.rows[0].len(), cohort.headers.len());

    let meetings = preview(&sample.join("meetings.csv"), 2).unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(
        meetings[0].headers,
        ["Student", "Mentor", "Meeting date", "Length", "Type"]
    );
    assert_eq!(meetings[0].rows.len(), 2);
    assert!(
        meetings[0].rows[0][0].as_deref().is_some_and(|id| id.len() == 8),
        "{:?}",
        meetings[0].rows[0]
    );
}

#[test]
fn a_file_of_another_kind_is_named_with_what_was_expected() {
    let wd = Workdir::new("preview-kind");
    wd.write("notes.pdf", "%PDF-1.4");
    let err = preview(&wd.path("notes.pdf"), 3).unwrap_err().to_string();
    assert!(
        err.contains("notes.pdf") && err.contains("\"pdf\"") && err.contains(".xlsx"),
        "{err}"
    );
    let err = preview(&wd.path("missing.csv"), 3).unwrap_err().to_string();
    assert!(err.contains("missing.csv: cannot read"), "{err}");
}
