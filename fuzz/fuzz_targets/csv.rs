//! The CSV reader in the plain and Qualtrics layouts on arbitrary bytes,
//! read whole and in chunks of a few bytes (the first byte picks the size):
//! both readings must agree, cell for cell or message for message.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mentor_evidence::ingest::csv::{read_delimited, read_delimited_in_chunks};
use mentor_evidence::ingest::{CellRef, Layout, SheetTable, Wanted};

/// What a reading gives, comparable across chunk sizes.
fn summary(table: &SheetTable) -> (Vec<String>, Vec<String>, Vec<u32>, Vec<Vec<String>>) {
    let cells = table
        .columns
        .iter()
        .map(|column| {
            let mut texts = Vec::new();
            column.for_each(|cell| {
                texts.push(match cell {
                    CellRef::Text(t) => t.to_string(),
                    _ => String::new(),
                })
            });
            texts
        })
        .collect();
    (
        table.all_headers.clone(),
        table.headers.clone(),
        table.row_numbers.clone(),
        cells,
    )
}

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
    let chunk = data.first().map_or(1, |b| (*b % 16) as usize + 1);
    for layout in [Layout::Plain, Layout::Qualtrics] {
        let whole = read_delimited("fuzz.csv", data.to_vec(), b',', layout, &wanted);
        let chunked = read_delimited_in_chunks("fuzz.csv", data, b',', layout, &wanted, chunk);
        match (whole, chunked) {
            (Ok(a), Ok(b)) => assert_eq!(summary(&a), summary(&b), "chunk {chunk}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "chunk {chunk}"),
            (a, b) => panic!("chunk {chunk}: whole {:?} but chunked {:?}", a.is_ok(), b.is_ok()),
        }
    }
});
