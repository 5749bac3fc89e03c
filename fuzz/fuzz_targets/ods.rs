//! The spreadsheet reader on .ods bytes (zip + content.xml): the zip and
//! repeated-cell budget, then calamine's ods reader. Seeded with small
//! genuine .ods files (corpus/ods; most with content.xml stored, not
//! deflated, so mutations reach the XML) and ods.dict. See workbook.rs for
//! the panic modes.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod workbook;

fuzz_target!(|data: &[u8]| {
    workbook::read("fuzz.ods", data);
});
