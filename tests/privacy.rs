//! No student id, email or name in any published output of the sample run.

use calamine::{Data, Reader, open_workbook_auto};

use crate::workdir::{Workdir, files_under};

/// Whether `needle` occurs in `haystack` as a whole token (not inside a longer run of letters or digits).
fn contains_token(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(start, _)| {
        let before = haystack[..start].chars().next_back();
        let after = haystack[start + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

fn column_values(path: &std::path::Path, sheet: &str, columns: &[usize]) -> Vec<String> {
    let mut workbook = open_workbook_auto(path).expect("open sample workbook");
    let range = workbook.worksheet_range(sheet).expect("sheet");
    range
        .rows()
        .skip(1)
        .flat_map(|row| {
            columns
                .iter()
                .filter_map(|&c| row.get(c))
                .cloned()
                .collect::<Vec<_>>()
        })
        .filter_map(|cell| match cell {
            Data::String(s) if !s.trim().is_empty() => Some(s),
            _ => None,
        })
        .collect()
}

fn personal_data(sample: &std::path::Path) -> Vec<String> {
    let mut values = column_values(&sample.join("cohort.xlsx"), "Year 2", &[0, 3]);
    // Full names: forename and surname together.
    let names = column_values(&sample.join("cohort.xlsx"), "Year 2", &[1, 2]);
    values.extend(names.chunks(2).map(|pair| pair.join(" ")));
    values.extend(column_values(&sample.join("mentors.xlsx"), "Mentor bank", &[1]));
    values.sort();
    values.dedup();
    assert!(
        values.len() > 1000,
        "expected ids, emails and names, got {}",
        values.len()
    );
    values
}

fn assert_no_personal_data(out: &std::path::Path, personal: &[String]) {
    for file in files_under(out) {
        let text = String::from_utf8_lossy(&std::fs::read(out.join(&file)).unwrap()).to_lowercase();
        for value in personal {
            assert!(
                !contains_token(&text, &value.to_lowercase()),
                "{} contains personal data {value:?}",
                file.display()
            );
        }
    }
}

#[test]
fn published_outputs_hold_no_ids_emails_or_names() {
    let wd = Workdir::new("privacy");
    wd.sample("in");
    let personal = personal_data(&wd.path("in"));
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "hesa", "--quiet"])
        .expect_code(0);
    assert_no_personal_data(&wd.path("hesa"), &personal);

    let config = wd
        .read("in/evidence.toml")
        .replace("rule = \"hesa\"", "rule = \"threshold\"\nthreshold = 5");
    wd.write("in/evidence.toml", config);
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "threshold", "--quiet"])
        .expect_code(0);
    assert_no_personal_data(&wd.path("threshold"), &personal);
}

#[test]
fn the_token_check_can_fail() {
    assert!(contains_token("id 02300007 here", "02300007"));
    assert!(!contains_token("x102300007", "02300007"));
}
