//! Statistical functions of statistics.md: pure, no polars, each tested
//! against reference values (scipy / statsmodels / pingouin / numpy) committed
//! as fixtures in tests/fixtures/stats with the scripts that produced them.

pub mod att;
pub mod balance;
pub mod descriptive;
pub mod effect;
pub mod fisher;
pub mod mcnemar;
pub mod meta;
pub mod multiple;
pub mod proportion;
pub mod reliability;
pub mod special;
pub mod survival;
pub mod t_tests;
pub mod wilcoxon;

/// The 97.5% standard normal quantile: every interval is 95%.
pub const Z_95: f64 = 1.959_963_984_540_054;
