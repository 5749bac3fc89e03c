//! The team's own words and the sections shown (`[report]`, outputs.md
//! "The team's own words"): Markdown under the sections of the same title,
//! escaped so it cannot carry markup; sections chosen and ordered by id.

use crate::workdir::Workdir;

/// The shared sample in `wd/sample` with `[report]` set to `report`.
fn sample_with(wd: &Workdir, report: &str) {
    crate::workdir::copy_dir(crate::workdir::shared_sample(), &wd.path("sample"));
    let config = wd.read("sample/evidence.toml");
    // The sample's own [report] table is its last.
    let config = &config[..config.find("\n[report]").expect("the sample's [report]")];
    wd.write("sample/evidence.toml", format!("{config}\n[report]\n{report}\n"));
}

const NARRATIVE: &str = "\
A word from the team before the sections.

## Uptake by target group

We moved the sign-up fair to week 2. <script>alert('x')</script> <b>bold?</b>

![a chart](https://example.com/track.png) and [our page](https://example.ac.uk/mentoring), \
[a trap](javascript:alert(1)).

## Matched comparison

### What we will do next
- Ask every participant *why* they joined.
";

/// The narrative sits under its sections, escaped: a script, tags and an
/// image are text, a web link stays a link and a javascript: one does not.
#[test]
fn the_teams_words_sit_under_their_sections_and_cannot_carry_markup() {
    let wd = Workdir::new("narrative");
    sample_with(&wd, "narrative = \"narrative.md\"");
    wd.write("sample/narrative.md", NARRATIVE);
    wd.run(&["run", "-c", "sample/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let report = wd.read("out/report.html");
    let uptake = &report[report.find("<section id=\"uptake\">").unwrap()..];
    let uptake = &uptake[..uptake.find("</section>").unwrap()];
    assert!(
        uptake.contains("We moved the sign-up fair to week 2."),
        "{uptake}"
    );
    assert!(
        uptake.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;&#x2f;script&gt;")
            || uptake.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "{uptake}"
    );
    assert!(
        !report.contains("<script>alert"),
        "a script in the narrative became markup"
    );
    assert!(uptake.contains("&lt;b&gt;bold?&lt;/b&gt;"), "{uptake}");
    assert!(
        !report.contains("track.png") && uptake.contains("a chart"),
        "an image is its alt text, never loaded"
    );
    assert!(
        uptake.contains("<a href=\"https://example.ac.uk/mentoring\">our page</a>"),
        "{uptake}"
    );
    assert!(
        !report.contains("javascript:") || !report.contains("href=\"javascript"),
        "{uptake}"
    );
    assert!(uptake.contains("a trap"));
    let comparison = &report[report.find("<section id=\"comparison\">").unwrap()..];
    assert!(
        comparison.contains("<h3>What we will do next</h3>")
            && comparison.contains("<li>Ask every participant <em>why</em> they joined.</li>"),
        "{}",
        &comparison[..2000]
    );
    let intro = report.find("A word from the team").expect("the introduction");
    assert!(intro < report.find("<section id=\"key-findings\">").unwrap());
}

/// A heading that is no section's title is a configuration error naming
/// the titles, raised by `validate` too.
#[test]
fn an_unknown_narrative_heading_names_the_section_titles() {
    let wd = Workdir::new("narrative-unknown");
    sample_with(&wd, "narrative = \"narrative.md\"");
    wd.write("sample/narrative.md", "## Uptake\nText.\n");
    let err = wd
        .run(&["validate", "-c", "sample/evidence.toml"])
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("report.narrative")
            && err.contains("\"## Uptake\" is not a section of this report")
            && err.contains("\"## Uptake by target group\""),
        "{err}"
    );
}

/// `sections` chooses and orders the sections; the contents follow, and
/// data quality and methods are always there.
#[test]
fn sections_are_chosen_and_ordered_by_id() {
    let wd = Workdir::new("report-sections");
    sample_with(&wd, "sections = [\"comparison\", \"key_findings\"]");
    wd.run(&["run", "-c", "sample/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let report = wd.read("out/report.html");
    let at = |id: &str| report.find(&format!("<section id=\"{id}\">"));
    assert!(at("comparison").unwrap() < at("key-findings").unwrap());
    assert!(at("key-findings").unwrap() < at("data-quality").unwrap());
    assert!(at("methods").is_some());
    for gone in ["uptake", "headline", "relationships", "surveys", "trend"] {
        assert!(at(gone).is_none(), "{gone} was left out");
        assert!(
            !report.contains(&format!("href=\"#{gone}\"")),
            "{gone} in the contents"
        );
    }
    let err = {
        let config = wd
            .read("sample/evidence.toml")
            .replace("\"key_findings\"]", "\"key_finding\"]");
        wd.write("sample/evidence.toml", config);
        wd.run(&["validate", "-c", "sample/evidence.toml"])
            .expect_code(1)
            .stderr()
    };
    assert!(
        err.contains("report.sections: \"key_finding\" is not a section")
            && err.contains("did you mean \"key_findings\"?"),
        "{err}"
    );
}
