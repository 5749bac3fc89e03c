//! The command line end to end: the sample run, exit codes, fatal errors and determinism.

use crate::workdir::{Workdir, files_under};

#[test]
fn help_explains_commands_and_flags() {
    let wd = Workdir::new("help");
    let out = wd.run(&["--help"]).expect_code(0).stdout();
    for word in ["run", "validate", "sample-data", "Exit codes"] {
        assert!(out.contains(word), "--help lacks {word}:\n{out}");
    }
    let run = wd.run(&["run", "--help"]).expect_code(0).stdout();
    for flag in ["--config", "--out", "--as-of", "--strict", "--quiet"] {
        assert!(run.contains(flag), "run --help lacks {flag}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let wd = Workdir::new("usage");
    wd.run(&["run", "--bogus"]).expect_code(2);
    wd.run(&["frobnicate"]).expect_code(2);
    let bad_date = wd.run(&["run", "--as-of", "18/12/2026"]).expect_code(2).stderr();
    assert!(bad_date.contains("YYYY-MM-DD"), "{bad_date}");
}

#[test]
fn sample_run_writes_every_output() {
    let wd = Workdir::new("sample-run");
    wd.sample("in");
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let files: Vec<String> = files_under(&wd.path("out"))
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    for expected in [
        "report.html",
        "metrics.json",
        "data-quality.csv",
        "tables/uptake.csv",
        "tables/data_quality.csv",
    ] {
        assert!(
            files.iter().any(|f| f == expected),
            "missing {expected} in {files:?}"
        );
    }
    assert!(
        !files.iter().any(|f| f.starts_with("internal")),
        "internal/ written without output.internal"
    );
    assert!(
        !files.iter().any(|f| f.ends_with(".partial")),
        "temporary file left behind"
    );

    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    assert_eq!(metrics["schema_version"], 3);
    assert_eq!(metrics["disclosure"]["rule"], "hesa");
    let uptake = metrics["uptake"].as_array().unwrap();
    let registered = uptake
        .iter()
        .find(|r| r["group"] == "All eligible" && r["stage"] == "registered")
        .expect("All eligible registered");
    assert_eq!(
        registered["denominator"], 600,
        "600 eligible students after the duplicate row"
    );
    assert!(registered["rate"].as_f64().unwrap() > 0.2);
    assert!(registered["p_value"].is_null(), "All eligible has no test");
    // Target groups take the programme up less often than average.
    for group in ["Low participation area (POLAR4 Q1-2)", "First in family"] {
        let r = uptake
            .iter()
            .find(|r| r["group"] == group && r["stage"] == "registered")
            .unwrap();
        assert!(r["gap_pp"].as_f64().unwrap() < 0.0, "{group} gap {}", r["gap_pp"]);
    }
    // Counts are rounded to multiples of 5 under HESA.
    for r in uptake {
        assert_eq!(r["count"].as_u64().unwrap() % 5, 0, "{r}");
    }
    let report = wd.read("out/report.html");
    for section in [
        "Headline figures",
        "Uptake by target group",
        "Data quality",
        "Methods",
    ] {
        assert!(report.contains(section), "report lacks {section}");
    }
    assert!(report.matches("<svg").count() >= 6, "charts missing");
    assert!(!report.contains("<script"), "report must not contain scripts");
    assert!(
        !report.contains("src=\"http") && !report.contains("href=\"http"),
        "report must not request other hosts"
    );
}

#[test]
fn two_runs_are_byte_identical() {
    let wd = Workdir::new("determinism");
    wd.sample("in");
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "a", "--quiet"])
        .expect_code(0);
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "b", "--quiet"])
        .expect_code(0);
    let a = files_under(&wd.path("a"));
    assert_eq!(a, files_under(&wd.path("b")));
    for file in a {
        let left = std::fs::read(wd.path("a").join(&file)).unwrap();
        let right = std::fs::read(wd.path("b").join(&file)).unwrap();
        assert!(left == right, "{} differs between runs", file.display());
    }
}

#[test]
fn outputs_do_not_depend_on_the_number_of_threads() {
    // Files, columns, rules and metric families are tasks of rayon's pool;
    // one thread runs them in order, more threads interleave them.
    let wd = Workdir::new("threads");
    wd.sample("in");
    // Unreadable dates and durations: two columns mapped as parallel tasks
    // both report problems, whose order must not follow the tasks' timing.
    let log = wd.read("in/meetings.csv");
    let mut lines: Vec<String> = log.lines().map(str::to_string).collect();
    for (line, column, value) in [
        (10, 2, "soon"),
        (20, 3, "lots"),
        (30, 2, "31/02/2026"),
        (40, 3, "??"),
    ] {
        let mut fields: Vec<&str> = lines[line].split(',').collect();
        fields[column] = value;
        lines[line] = fields.join(",");
    }
    wd.write("in/meetings.csv", lines.join("\n") + "\n");
    fn args(out: &str) -> [&str; 6] {
        ["run", "-c", "in/evidence.toml", "--out", out, "--quiet"]
    }
    // Exit code 3: the unreadable cells fail data quality.
    wd.run_with_env(
        &args("one"),
        &[("RAYON_NUM_THREADS", "1"), ("POLARS_MAX_THREADS", "1")],
    )
    .expect_code(3);
    // Several interleavings: a dependence on which task finishes first
    // shows in some of them.
    for threads in ["2", "3", "5", "8"] {
        let out = format!("t{threads}");
        wd.run_with_env(&args(&out), &[("RAYON_NUM_THREADS", threads)])
            .expect_code(3);
        let one = files_under(&wd.path("one"));
        assert_eq!(one, files_under(&wd.path(&out)));
        for file in one {
            let left = std::fs::read(wd.path("one").join(&file)).unwrap();
            let right = std::fs::read(wd.path(&out).join(&file)).unwrap();
            assert!(left == right, "{} differs with {threads} threads", file.display());
        }
    }
}

#[test]
fn metrics_json_records_the_sha256_of_every_input_file() {
    // The files are hashed while they are parsed (in parallel with it);
    // each digest must be of that file's whole bytes (a CSV's byte order
    // mark included) and sit under the input that read it.
    let wd = Workdir::new("checksums");
    wd.sample("in");
    // A byte order mark, as Excel's "CSV UTF-8" writes: skipped by the
    // reader, part of the file's digest.
    let survey = std::fs::read(wd.path("in/survey-pre.csv")).unwrap();
    // Files are read and hashed a region of about 1 MB at a time. A quoted
    // field with line breaks that runs past a region's end is read again
    // with the next region, and must still be hashed once: a header name
    // longer than a region in the meeting log, and an answer in the survey.
    let long_text = "line\n".repeat(300_000);
    let mut survey = [b"\xEF\xBB\xBF".as_slice(), &survey].concat();
    survey.extend_from_slice(format!("\"{long_text}\"\n").as_bytes());
    wd.write("in/survey-pre.csv", survey);
    let meetings = wd.read("in/meetings.csv");
    let (header, rows) = meetings.split_once('\n').unwrap();
    wd.write(
        "in/meetings.csv",
        format!("{header},\"Notes {long_text}\"\n{rows}"),
    );
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let inputs = metrics["inputs"].as_array().expect("inputs");
    let mut hashed = 0;
    for input in inputs {
        for file in input["files"].as_array().expect("files") {
            let path = file["path"].as_str().expect("path");
            let bytes = std::fs::read(wd.path("in").join(path)).unwrap();
            let expected: String = ring::digest::digest(&ring::digest::SHA256, &bytes)
                .as_ref()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(
                file["sha256"].as_str(),
                Some(expected.as_str()),
                "{} {path}",
                input["name"]
            );
            hashed += 1;
        }
    }
    // cohort, mentors, meetings and two survey waves.
    assert!(hashed >= 5, "only {hashed} files hashed");
}

#[test]
fn sample_data_is_deterministic_for_a_seed() {
    let wd = Workdir::new("sample-seed");
    wd.run(&["sample-data", "--out", "a", "--students", "50", "--seed", "7"])
        .expect_code(0);
    wd.run(&["sample-data", "--out", "b", "--students", "50", "--seed", "7"])
        .expect_code(0);
    for file in files_under(&wd.path("a")) {
        assert_eq!(
            std::fs::read(wd.path("a").join(&file)).unwrap(),
            std::fs::read(wd.path("b").join(&file)).unwrap(),
            "{}",
            file.display()
        );
    }
}

#[test]
fn validate_prints_summary_and_strict_fails_on_warnings() {
    let wd = Workdir::new("validate");
    wd.sample("in");
    let out = wd
        .run(&["validate", "-c", "in/evidence.toml"])
        .expect_code(0)
        .stdout();
    assert!(out.contains("duplicate_student_id"), "{out}");
    assert!(out.contains("mentor_not_in_bank"), "{out}");
    assert!(out.contains("0 errors"), "{out}");
    assert!(!wd.path("in/report").exists(), "validate must write nothing");
    wd.run(&["validate", "-c", "in/evidence.toml", "--strict"])
        .expect_code(3);
}

fn edit_config(wd: &Workdir, from: &str, to: &str) {
    let text = wd.read("in/evidence.toml");
    assert!(text.contains(from), "sample config lacks {from}");
    wd.write("in/evidence.toml", text.replacen(from, to, 1));
}

#[test]
fn missing_required_column_names_column_file_and_headers() {
    let wd = Workdir::new("missing-column");
    wd.sample("in");
    edit_config(&wd, "student_id = \"Student ID\"", "student_id = \"Learner ID\"");
    let err = wd
        .run(&["run", "-c", "in/evidence.toml", "--out", "out"])
        .expect_code(1)
        .stderr();
    for part in [
        "missing required column \"Learner ID\"",
        "cohort.xlsx",
        "sheet 'Year 2'",
        "\"Student ID\"",
        "\"Signed up\"",
    ] {
        assert!(err.contains(part), "message lacks {part}: {err}");
    }
    assert!(!wd.path("out/report.html").exists());
}

#[test]
fn unknown_config_key_names_the_key_and_valid_ones() {
    let wd = Workdir::new("config-typo");
    wd.sample("in");
    edit_config(&wd, "period = ", "perod = ");
    let err = wd.run(&["run", "-c", "in/evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("perod") && err.contains("period") && err.contains("evidence.toml"),
        "{err}"
    );
}

#[test]
fn missing_config_file_is_an_error() {
    let wd = Workdir::new("no-config");
    let err = wd.run(&["run", "-c", "nowhere.toml"]).expect_code(1).stderr();
    assert!(err.contains("nowhere.toml"), "{err}");
}

#[test]
fn missing_input_file_is_an_error() {
    let wd = Workdir::new("missing-file");
    wd.sample("in");
    edit_config(&wd, "path = \"mentors.xlsx\"", "path = \"mentor-bank.xlsx\"");
    let err = wd.run(&["run", "-c", "in/evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("mentors") && err.contains("mentor-bank.xlsx") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn wrong_sheet_lists_the_sheets() {
    let wd = Workdir::new("wrong-sheet");
    wd.sample("in");
    edit_config(&wd, "sheet = \"Year 2\"", "sheet = \"Year 3\"");
    let err = wd.run(&["run", "-c", "in/evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("\"Year 3\"") && err.contains("\"Year 2\"") && err.contains("\"Notes\""),
        "{err}"
    );
}

#[test]
fn as_of_flag_overrides_the_config() {
    let wd = Workdir::new("as-of");
    wd.sample("in");
    wd.run(&[
        "run",
        "-c",
        "in/evidence.toml",
        "--out",
        "out",
        "--as-of",
        "2027-03-01",
        "--quiet",
    ])
    .expect_code(0);
    assert!(wd.read("out/metrics.json").contains("\"as_of\": \"2027-03-01\""));
}

#[test]
fn timings_name_every_stage_with_seconds_and_the_peak_memory() {
    let wd = Workdir::new("timings");
    wd.sample("in");
    let args = [
        "run",
        "-c",
        "in/evidence.toml",
        "--out",
        "out",
        "--quiet",
        "--timings",
    ];
    let err = wd.run(&args).expect_code(0).stderr();
    let lines: Vec<Vec<&str>> = err
        .lines()
        .filter(|l| l.starts_with("timing "))
        .map(|l| l.split_whitespace().collect())
        .collect();
    let stages: Vec<&str> = lines.iter().map(|fields| fields[1]).collect();
    assert_eq!(
        stages,
        [
            "ingest", "validate", "metrics", "disclose", "charts", "render", "write", "total"
        ],
        "{err}"
    );
    for fields in &lines {
        // bench/run.sh reads the seconds as the third field.
        assert!(fields[2].parse::<f64>().is_ok() && fields[3] == "s", "{err}");
        let has_peak = fields.len() == 7 && fields[4] == "peak" && fields[6] == "MB";
        if fields[1] == "total" {
            assert_eq!(fields.len(), 4, "{err}");
        } else if cfg!(target_os = "linux") {
            assert!(
                has_peak && fields[5].parse::<u64>().is_ok_and(|mb| mb > 0),
                "{err}"
            );
        }
    }
}
