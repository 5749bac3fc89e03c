//! The spreadsheet reader on .xls bytes (compound file + BIFF8): the
//! xls_budget pre-check, then calamine's xls reader. Seeded with small
//! genuine .xls files (corpus/xls). See workbook.rs for the panic modes.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod workbook;

fuzz_target!(|data: &[u8]| {
    workbook::read("fuzz.xls", data);
});
