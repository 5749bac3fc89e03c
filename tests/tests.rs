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
mod findings;
mod group_counts;
mod history;
mod ingest;
mod lasting;
mod privacy;
mod properties;
mod relationships;
mod robustness;
mod sheets;
mod stats;
mod survey_stats;
mod surveys;
mod templates;
mod values;
mod withheld_charts;
mod workdir;
