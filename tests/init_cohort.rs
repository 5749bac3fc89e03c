//! The cohort `init` tests stand their surveys and logs beside.

/// A cohort of 40 students, ids 24000000 up, every other one signed up,
/// and `columns` (each header with its value per row).
pub fn cohort(columns: &[(&str, &dyn Fn(usize) -> String)]) -> String {
    let mut csv = String::from("Student ID,Email,Signed up");
    for (header, _) in columns {
        csv += &format!(",{header}");
    }
    csv.push('\n');
    for i in 0..40 {
        csv += &format!(
            "{},s{i}@uni.ac.uk,{}",
            24000000 + i,
            if i % 2 == 0 { "Y" } else { "N" }
        );
        for (_, value) in columns {
            csv += &format!(",{}", value(i));
        }
        csv.push('\n');
    }
    csv
}

/// A bank of 20 mentors, M0 to M19, at Acme, with a capacity of 1 to 3 under
/// `capacity` (the header under test).
pub fn mentor_bank(capacity: &str) -> String {
    let mut bank = format!("Mentor ID,Name,Company,{capacity}\n");
    for i in 0..20 {
        bank += &format!("M{i},Mentor {i},Acme,{}\n", i % 3 + 1);
    }
    bank
}

/// A five-point agreement scale's labels, in order.
pub const AGREE: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];

/// A five-point likelihood scale's labels, in order.
pub const LIKELY: [&str; 5] = ["Very unlikely", "Unlikely", "Not sure", "Likely", "Very likely"];

/// Asserts `written` holds each of `lines`, showing it whole when not.
pub fn assert_lines(written: &str, lines: &[&str]) {
    for line in lines {
        assert!(written.contains(line), "{line} not in:\n{written}");
    }
}
