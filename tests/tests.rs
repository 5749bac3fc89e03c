//! The one integration-test binary (each test binary links polars, so there is
//! only this one). Unit-level tests call the library; CLI tests drive the built
//! binary in temporary folders through `Workdir`.

mod attacker;
mod bad_inputs;
mod cli;
mod comparison;
mod comparison_stats;
mod config;
mod csv_reader;
mod departments;
mod disclosure;
mod exports;
mod findings;
mod group_counts;
mod history;
mod hostile;
mod imports;
mod ingest;
mod init;
mod init_calendar;
mod init_codes;
mod init_cohort;
mod init_platforms;
mod init_round15;
mod init_round19;
mod init_survey_systems;
mod init_unseen;
mod lasting;
mod narrative;
mod pool;
mod pool_stats;
mod pooling_records;
mod preview;
mod privacy;
mod properties;
mod relationships;
mod robustness;
mod sheets;
mod stats;
mod survey_stats;
mod surveys;
mod templates;
mod test_config;
mod values;
mod withheld_charts;
mod workdir;
