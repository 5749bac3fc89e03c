//! Statistical functions of statistics.md: pure, no polars, each tested
//! against reference values (scipy / R semantics) committed as fixtures in
//! tests/fixtures/stats with the script that produced them.

pub mod descriptive;
pub mod fisher;
pub mod multiple;
pub mod proportion;
pub mod survival;

/// The 97.5% standard normal quantile: every interval is 95%.
pub const Z_95: f64 = 1.959_963_984_540_054;
