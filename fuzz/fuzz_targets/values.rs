//! The value parsers (dates, flags, numbers, durations, ids) on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mentor_evidence::config::DateOrder;
use mentor_evidence::ingest::Cell;
use mentor_evidence::ingest::values::*;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = parse_date_text(&text, DateOrder::Dmy);
    let _ = parse_date_text(&text, DateOrder::Mdy);
    let _ = parse_duration_text(&text);
    let cell = Cell::Text(text);
    let _ = parse_flag(&cell, DateOrder::Dmy, false);
    let _ = parse_flag_or_date(&cell, DateOrder::Mdy, true);
    let _ = parse_number(&cell);
    let _ = parse_duration(&cell);
    let _ = parse_datetime(&cell, DateOrder::Dmy, false);
    let _ = cell_text(&cell);
    if data.len() >= 8 {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&data[..8]);
        let number = Cell::Number(f64::from_le_bytes(bytes));
        let _ = parse_date(&number, DateOrder::Dmy, data[0] % 2 == 0);
        let _ = parse_flag(&number, DateOrder::Dmy, false);
        let _ = cell_text(&number);
    }
});
