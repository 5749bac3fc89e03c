//! Ingest: opens every configured input file (spreadsheets read whole
//! through calamine, delimited text streamed through our own reader in
//! `csv`), checks the configured columns against every file's headers, then
//! maps the rows to canonical tables a block at a time, hashing each file's
//! bytes (sha256) beside. A delimited file is read, scanned, hashed and
//! mapped a region of about a megabyte at a time, so it is never held whole.
//! Inputs, hashes and survey waves are tasks of rayon's pool. Owns the raw
//! cell model and the file records.

pub mod answers;
pub mod budget;
pub mod cells;
pub mod checksum;
pub mod coded;
pub mod coder;
pub mod cohort;
pub mod csv;
mod csv_scan;
pub mod excel;
pub mod footer;
pub mod header;
pub mod keep;
mod load;
pub mod mapping;
pub mod meetings;
pub mod memo;
pub mod mentors;
mod open;
pub mod preview;
pub mod surveys;
mod table;
pub mod texts;
pub mod values;
pub mod xls_budget;
pub mod xls_records;

pub use cells::{Cell, CellColumn, CellRef};
pub use load::*;
pub use open::*;
pub use table::*;

/// A student or mentor id: text stored inline up to 24 bytes (compact_str,
/// which polars already builds), so millions of ids need no allocation each.
pub type Id = compact_str::CompactString;
