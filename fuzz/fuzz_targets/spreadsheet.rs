//! The spreadsheet reader (calamine; xlsx, xls, ods; the Forms export layout)
//! and the decompression-size check on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mentor_evidence::config::OneOrMany;
use mentor_evidence::ingest::{Layout, Wanted, excel};

fuzz_target!(|data: &[u8]| {
    if excel::check_expanded_size("fuzz.xlsx", data, 64.0).is_err() {
        return;
    }
    let wanted = Wanted::new(["Mentor ID", "Sector", "Email", "Completion time", "ID"]);
    let all = OneOrMany::One("*".to_string());
    let _ = excel::read_workbook("fuzz.xlsx", data, Some(&all), Layout::Plain, &wanted);
    let _ = excel::read_workbook("fuzz.xlsx", data, None, Layout::Qualtrics, &wanted);
});
