//! mentor-evidence: turns a mentoring programme's spreadsheets into a
//! publishable evidence report. Data flows one way through the stages below:
//! ingest -> validate -> metrics -> disclosure -> charts / output -> render;
//! `pipeline` runs the first four, `app` the commands (docs/architecture.md).

pub mod app;
pub mod charts;
pub mod cli;
pub mod config;
pub mod disclosure;
pub mod error;
pub mod ingest;
pub mod init;
pub mod metrics;
pub mod output;
pub mod pipeline;
pub mod pool;
pub mod regular_file;
pub mod render;
pub mod row_groups;
pub mod sample;
pub mod stats;
pub mod suggest;
pub mod validate;
