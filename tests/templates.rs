//! `--templates DIR`: an institution's own templates, and their errors.

use crate::workdir::Workdir;

#[test]
fn custom_templates_replace_the_built_in_report() {
    let wd = Workdir::new("templates");
    wd.sample("in");
    wd.write(
        "mine/report.html",
        "{% from \"macros.html\" import table %}<!DOCTYPE html><title>{{ title }}</title><h1 class=\"ours\">{{ programme }}</h1>{{ table(uptake.table) }}",
    );
    wd.run(&[
        "run",
        "-c",
        "in/evidence.toml",
        "--out",
        "out",
        "--templates",
        "mine",
        "--quiet",
    ])
    .expect_code(0);
    let report = wd.read("out/report.html");
    assert!(report.contains("<h1 class=\"ours\">Professional Mentoring Programme</h1>"));
    assert!(report.contains("table-uptake"), "built-in macros stay available");
}

#[test]
fn a_missing_template_or_undefined_variable_is_named() {
    let wd = Workdir::new("templates-errors");
    wd.sample("in");
    wd.write("empty/other.html", "x");
    let err = wd
        .run(&[
            "run",
            "-c",
            "in/evidence.toml",
            "--out",
            "out",
            "--templates",
            "empty",
        ])
        .expect_code(1)
        .stderr();
    assert!(err.contains("report.html") && err.contains("other.html"), "{err}");
    wd.write(
        "bad/report.html",
        "<p>line one</p>\n<p>{{ uptake.nonsense_field }}</p>",
    );
    let err = wd
        .run(&[
            "run",
            "-c",
            "in/evidence.toml",
            "--out",
            "out",
            "--templates",
            "bad",
        ])
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("report.html, line 2") && err.contains("undefined"),
        "{err}"
    );
    assert!(!wd.path("out/report.html").exists(), "no half-written report");
}
