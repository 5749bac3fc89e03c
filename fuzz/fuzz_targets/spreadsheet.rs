//! The spreadsheet reader (calamine; xlsx, xls, ods; the Forms export layout)
//! and the decompression-size check on arbitrary bytes. One read per input
//! (the length's parity picks every sheet in the plain layout, or the first
//! sheet in the layout with two rows after the header), so each execution
//! parses the workbook once.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mentor_evidence::config::OneOrMany;
use mentor_evidence::ingest::{Layout, Wanted, excel};

fuzz_target!(|data: &[u8]| {
    if excel::check_expanded_size("fuzz.xlsx", data, 64.0).is_err() {
        return;
    }
    let wanted = Wanted::new(["Mentor ID", "Sector", "Email", "Completion time", "ID"]);
    if data.len() % 2 == 0 {
        let all = OneOrMany::One("*".to_string());
        let _ = excel::read_workbook("fuzz.xlsx", data, Some(&all), Layout::Plain, &wanted);
    } else {
        let _ = excel::read_workbook("fuzz.xlsx", data, None, Layout::Qualtrics, &wanted);
    }
});
