//! The CSV reader in the plain and Qualtrics layouts on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mentor_evidence::ingest::{Layout, Wanted, csv::read_delimited};

fuzz_target!(|data: &[u8]| {
    let wanted = Wanted::new([
        "Student",
        "Mentor",
        "Meeting date",
        "Length",
        "Type",
        "ExternalReference",
        "Finished",
        "EndDate",
        "Q1_1",
    ]);
    let _ = read_delimited("fuzz.csv", data.to_vec(), b',', Layout::Plain, &wanted);
    let _ = read_delimited("fuzz.csv", data.to_vec(), b',', Layout::Qualtrics, &wanted);
});
