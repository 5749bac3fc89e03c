//! The spreadsheet reader (calamine behind `excel::read_workbook`, with its
//! budget pre-checks) on arbitrary bytes, seeded with .xlsx workbooks (the
//! reader sniffs the format, so .xls and .ods bytes reach their readers too;
//! the `xls` and `ods` targets start from those formats' seeds).
//! See workbook.rs for the panic modes (FUZZ_STRICT_PANICS=1 etc.).
#![no_main]
use libfuzzer_sys::fuzz_target;

mod workbook;

fuzz_target!(|data: &[u8]| {
    workbook::read("fuzz.xlsx", data);
});
