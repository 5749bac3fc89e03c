//! `pool` (pooling.md): institutions' published metrics.json combined by
//! random-effects meta-analysis; the files it refuses, by name.

use mentor_evidence::stats::meta::{Tau2Method, random_effects};
use serde_json::Value;

use crate::workdir::Workdir;

/// An institution's published run: a sample of `students` from `seed`,
/// named `name`, its output folder `dir/out`.
fn institution(wd: &Workdir, dir: &str, name: &str, students: &str, seed: &str) {
    wd.run(&[
        "sample-data",
        "--out",
        dir,
        "--students",
        students,
        "--seed",
        seed,
    ]);
    let config = wd
        .read(&format!("{dir}/evidence.toml"))
        .replace(
            "institution = \"Example University\"",
            &format!("institution = \"{name}\""),
        )
        .replace("internal = false", "internal = true")
        // Under hesa a paired record is withheld (its SE gives n exactly).
        .replace("rule = \"hesa\"", "rule = \"threshold\"\nthreshold = 10");
    wd.write(&format!("{dir}/evidence.toml"), config);
    wd.run(&[
        "run",
        "-c",
        &format!("{dir}/evidence.toml"),
        "--out",
        &format!("{dir}/out"),
        "--quiet",
    ]);
}

#[test]
fn three_institutions_pool_as_metafor_would_from_their_published_records() {
    let wd = Workdir::new("pool-three");
    institution(&wd, "c", "Canterbury", "500", "3");
    institution(&wd, "a", "Aston", "400", "1");
    institution(&wd, "b", "Bath", "800", "2");
    wd.run(&["pool", "a/out", "b/out/metrics.json", "c/out", "--out", "pooled"]);
    let pooled: Value = serde_json::from_str(&wd.read("pooled/pooled.json")).unwrap();
    let names: Vec<&str> = pooled["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["institution"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Aston", "Bath", "Canterbury"]);
    assert_eq!(pooled["pool"]["method"], "REML");
    // The All eligible paired change of confidence, from the three files.
    let record = pooled["pooled"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["measure"] == "paired_change" && r["group"] == "All eligible" && r["outcome"] == "Confidence"
        })
        .expect("a pooled paired change");
    assert_eq!(record["k"], 3);
    let (mut y, mut se) = (Vec::new(), Vec::new());
    for dir in ["a", "b", "c"] {
        let m: Value = serde_json::from_str(&wd.read(&format!("{dir}/out/metrics.json"))).unwrap();
        let r = m["pooling"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["measure"] == "paired_change"
                    && r["group"] == "All eligible"
                    && r["outcome"] == "Confidence"
            })
            .unwrap();
        y.push(r["estimate"].as_f64().unwrap());
        se.push(r["se"].as_f64().unwrap());
    }
    let fit = random_effects(&y, &se, Tau2Method::Reml).unwrap();
    assert_eq!(record["estimate"].as_f64().unwrap(), fit.estimate);
    assert_eq!(record["ci_low"].as_f64().unwrap(), fit.ci_low);
    assert_eq!(record["tau2"].as_f64().unwrap(), fit.tau2);
    assert_eq!(record["i2"].as_f64().unwrap(), fit.i2);
    let left: Vec<&Value> = pooled["leave_one_out"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["measure"] == "paired_change" && r["group"] == "All eligible" && r["outcome"] == "Confidence"
        })
        .collect();
    assert_eq!(left.len(), 3);
}

#[test]
fn files_pool_refuses_are_named() {
    let wd = Workdir::new("pool-refused");
    institution(&wd, "a", "Aston", "300", "1");
    institution(&wd, "b", "Bath", "300", "2");
    let refused = |args: &[&str]| wd.run(args).expect_code(1).stderr();
    let err = refused(&["pool", "a/out"]);
    assert!(
        err.contains("1 file given") && err.contains("at least two"),
        "{err}"
    );
    let err = refused(&["pool", "a/out", "b/out/internal/metrics.json"]);
    assert!(
        err.contains("b/out/internal/metrics.json: an internal metrics.json"),
        "{err}"
    );
    let err = refused(&["pool", "a/out", "a/out/metrics.json"]);
    assert!(err.contains("are both Aston"), "{err}");
    let none = wd
        .read("b/evidence.toml")
        .replace("rule = \"threshold\"\nthreshold = 10", "rule = \"none\"");
    wd.write("b/evidence.toml", none);
    wd.run(&["run", "-c", "b/evidence.toml", "--out", "b/none", "--quiet"]);
    let err = refused(&["pool", "a/out", "b/none"]);
    assert!(
        err.contains("b/none/metrics.json: disclosure.rule is \"none\""),
        "{err}"
    );
}

/// A CSV line's fields (quoted fields may hold commas; no quotes inside
/// the ones read here).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// The committed sample consortium's files (sample-data --consortium).
fn consortium() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/consortium");
    ["ashby", "brookfield", "calder", "denholm", "elmstead"]
        .iter()
        .map(|name| dir.join(format!("{name}.json")).display().to_string())
        .collect()
}

fn consortium_toml() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data/consortium/pool.toml")
        .display()
        .to_string()
}

/// Pools the sample consortium into `out` and reads pooled.json.
fn pool_consortium(wd: &Workdir, out: &str) -> Value {
    let files = consortium();
    let toml = consortium_toml();
    let mut args: Vec<&str> = vec!["pool"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-c", &toml, "--out", out]);
    wd.run(&args);
    serde_json::from_str(&wd.read(&format!("{out}/pooled.json"))).unwrap()
}

fn find<'a>(pooled: &'a Value, measure: &str, group: &str, outcome: &str) -> &'a Value {
    pooled["pooled"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["measure"] == measure && r["group"] == group && r["outcome"] == outcome)
        .unwrap_or_else(|| panic!("no pooled {measure}, {group}, {outcome}"))
}

fn names(record: &Value) -> Vec<&str> {
    record["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect()
}

#[test]
fn the_sample_consortium_pools_each_institutions_own_names_for_a_group_and_a_scale() {
    let wd = Workdir::new("pool-consortium-names");
    let pooled = pool_consortium(&wd, "out");
    // Brookfield writes "First generation in HE", Denholm "1st gen".
    let first = find(&pooled, "uptake_gap", "First in family", "registered");
    assert_eq!(
        names(first),
        ["Ashby University", "Brookfield University", "Denholm University"]
    );
    // Calder's "Career confidence" is the consortium's Confidence; the hesa
    // members publish theirs (one decimal coarser where need be).
    let confidence = find(&pooled, "paired_change", "All eligible", "Confidence");
    assert!(names(confidence).contains(&"Calder Institute of Technology"));
    assert_eq!(confidence["k"], 5);
    assert_eq!(pooled["pool"]["name"], "Example mentoring consortium, 2026/27");
}

#[test]
fn a_scale_pools_case_insensitively_under_the_first_institutions_spelling() {
    let wd = Workdir::new("pool-scale-case");
    let files = consortium();
    wd.write("a.json", std::fs::read(&files[2]).unwrap());
    let lower = std::fs::read_to_string(&files[4])
        .unwrap()
        .replace("\"outcome\": \"Resilience\"", "\"outcome\": \"resilience\"");
    assert!(lower.contains("\"outcome\": \"resilience\""));
    wd.write("b.json", lower);
    wd.run(&["pool", "a.json", "b.json", "--out", "out"]);
    let pooled: Value = serde_json::from_str(&wd.read("out/pooled.json")).unwrap();
    let record = find(&pooled, "paired_change", "All eligible", "Resilience");
    assert_eq!(record["k"], 2);
    assert!(!wd.read("out/pooled.json").contains("\"resilience\""));
}

#[test]
fn pool_html_has_a_forest_plot_with_a_text_alternative_for_every_pooled_figure() {
    let wd = Workdir::new("pool-html");
    let pooled = pool_consortium(&wd, "out");
    let html = wd.read("out/pool.html");
    let figures = pooled["pooled"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["k"].as_u64().unwrap() >= 2)
        .count();
    assert!(figures > 20, "{figures}");
    assert_eq!(html.matches("<figure class=\"chart\"").count(), figures);
    assert_eq!(html.matches("role=\"img\" aria-labelledby=").count(), figures);
    // One figure's text alternative says, for the pool and for each
    // institution, whether its interval crosses 0.
    let record = find(&pooled, "paired_change", "All eligible", "Confidence");
    let title = "Confidence: All eligible</title><desc";
    let at = html.find(title).expect("the Confidence forest plot");
    let desc = &html[at..at + html[at..].find("</desc>").unwrap()];
    assert!(desc.contains("Pooled over 5 institutions"), "{desc}");
    for name in names(record) {
        assert!(desc.contains(name), "{name} not in {desc}");
    }
    let crossings = desc.matches("crosses 0").count() + desc.matches("does not cross 0").count();
    assert!(crossings >= 7, "{desc}");
    let low = record["ci_low"].as_f64().unwrap();
    assert!(low > 0.0);
    assert!(desc.contains(&format!("{:+.2} to", low)), "{desc}");
    // Key findings first, in plain words.
    let findings = html.find("id=\"key-findings\"").unwrap();
    assert!(findings < html.find("<figure").unwrap());
    assert!(html.contains("Confidence scores rose by 0.33 scale points"));
}

#[test]
fn pool_tables_hold_what_pooled_json_holds() {
    let wd = Workdir::new("pool-tables");
    let pooled = pool_consortium(&wd, "out");
    let csv = wd.read("out/tables/pooled.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        &header[..6],
        ["measure", "group", "outcome", "k", "institutions", "estimate"]
    );
    let rows: Vec<&str> = lines.collect();
    let records = pooled["pooled"].as_array().unwrap();
    assert_eq!(rows.len(), records.len());
    // Full precision: each CSV estimate is written in pooled.json digit
    // for digit (serde_json's reader rounds, so the texts are compared).
    let json = wd.read("out/pooled.json");
    for line in &rows {
        let fields = csv_fields(line);
        let estimate = fields[5].as_str();
        assert!(estimate.parse::<f64>().is_ok(), "{line}");
        assert!(
            json.contains(&format!("\"estimate\": {estimate},")),
            "{estimate} not in pooled.json"
        );
    }
    let loo = wd.read("out/tables/leave_one_out.csv");
    assert_eq!(
        loo.lines().count() - 1,
        pooled["leave_one_out"].as_array().unwrap().len()
    );
    assert_eq!(wd.read("out/tables/institutions.csv").lines().count(), 6);
    // The forest plots' data: each figure's k institutions, weights adding
    // to 100%, each its published estimate with a normal interval.
    let contributions = pooled["contributions"].as_array().unwrap();
    assert_eq!(
        wd.read("out/tables/contributions.csv").lines().count() - 1,
        contributions.len()
    );
    for record in records {
        let rows: Vec<&Value> = contributions
            .iter()
            .filter(|c| {
                c["measure"] == record["measure"]
                    && c["group"] == record["group"]
                    && c["outcome"] == record["outcome"]
            })
            .collect();
        assert_eq!(rows.len() as u64, record["k"].as_u64().unwrap(), "{record}");
        let weights: f64 = rows.iter().map(|c| c["weight"].as_f64().unwrap()).sum();
        assert!((weights - 100.0).abs() < 1e-9, "{record}: weights {weights}");
        for (row, name) in rows.iter().zip(names(record)) {
            assert_eq!(row["institution"], name);
            let (estimate, se) = (row["estimate"].as_f64().unwrap(), row["se"].as_f64().unwrap());
            assert!(
                (row["ci_low"].as_f64().unwrap() - (estimate - 1.959_963_984_540_054 * se)).abs() < 1e-12
            );
        }
    }
    let workbook = std::fs::read(wd.path("out/tables.xlsx")).unwrap();
    assert!(workbook.starts_with(b"PK"));
}

#[test]
fn pool_writes_the_same_bytes_on_a_rerun() {
    let wd = Workdir::new("pool-rerun");
    pool_consortium(&wd, "one");
    pool_consortium(&wd, "two");
    for file in [
        "pooled.json",
        "pool.html",
        "tables.xlsx",
        "tables/pooled.csv",
        "tables/contributions.csv",
        "tables/leave_one_out.csv",
        "tables/institutions.csv",
    ] {
        let one = std::fs::read(wd.path(&format!("one/{file}"))).unwrap();
        let two = std::fs::read(wd.path(&format!("two/{file}"))).unwrap();
        assert!(one == two, "{file} differs between runs");
    }
}

/// A consortium of 40: the sample's five files, each as eight institutions
/// whose estimates are shifted a little apart.
fn forty_institutions(wd: &Workdir) -> Vec<String> {
    let mut files = Vec::new();
    for (f, path) in consortium().iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        for copy in 0..8 {
            let mut file: Value = serde_json::from_str(&text).unwrap();
            let i = f * 8 + copy;
            file["programme"]["institution"] = Value::from(format!("Institution {i:02}"));
            for record in file["pooling"].as_array_mut().unwrap() {
                if let Some(estimate) = record["estimate"].as_f64() {
                    record["estimate"] = Value::from(estimate + 0.01 * (copy as f64 - 3.5));
                }
            }
            let name = format!("i{i:02}.json");
            wd.write(&name, serde_json::to_string(&file).unwrap());
            files.push(name);
        }
    }
    files
}

/// Beyond 30 institutions a forest plot draws them compactly
/// (decisions.md, "Large consortia"): no institution's name in it, a text
/// alternative that counts the intervals crossing 0 as tables/contributions.csv
/// has them and points there, and a leave-one-out table of the 10 refits
/// that move the estimate most.
#[test]
fn a_large_consortium_is_drawn_compactly_and_counted_in_words() {
    let wd = Workdir::new("pool-forty");
    let files = forty_institutions(&wd);
    let toml = consortium_toml();
    let mut args: Vec<&str> = vec!["pool"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-c", &toml, "--out", "out"]);
    wd.run(&args);
    let pooled: Value = serde_json::from_str(&wd.read("out/pooled.json")).unwrap();
    let html = wd.read("out/pool.html");
    let record = find(&pooled, "uptake_gap", "Not in any target group", "registered");
    // Elmstead (threshold) withholds it: four files, eight copies each.
    assert_eq!(record["k"], 32);
    let title = "Registered: Not in any target group against other eligible students</title><desc";
    let at = html.find(title).expect("the forest plot");
    let svg = &html[at..at + html[at..].find("</svg>").unwrap()];
    let desc = &svg[..svg.find("</desc>").unwrap()];
    assert!(!svg.contains("Institution 07"), "{svg}");
    let rows: Vec<&Value> = pooled["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["measure"] == "uptake_gap"
                && c["group"] == "Not in any target group"
                && c["outcome"] == "registered"
        })
        .collect();
    let below = rows
        .iter()
        .filter(|c| c["ci_high"].as_f64().unwrap() < 0.0)
        .count();
    let above = rows
        .iter()
        .filter(|c| c["ci_low"].as_f64().unwrap() > 0.0)
        .count();
    let counted = format!(
        "{} of their intervals cross 0, {below} lie wholly below 0 and {above} wholly above",
        32 - below - above
    );
    assert!(desc.contains(&counted), "{counted} not in {desc}");
    assert!(desc.contains("Pooled over 32 institutions"), "{desc}");
    assert!(desc.contains("tables/contributions.csv"), "{desc}");
    // The section's intro says how such a plot is drawn.
    assert!(html.contains("A plot of more than 30 institutions draws each interval as a thin grey line"));
    // The leave-one-out table shows the 10 that move the estimate most.
    let caption = "Registered: Not in any target group against other eligible students, with each institution left out: the 10 of 32 whose omission moves";
    let at = html.find(caption).expect("the leave-one-out caption");
    let table = &html[at..at + html[at..].find("</table>").unwrap()];
    assert_eq!(table.matches("<tr><td>").count(), 10);
    let estimate = record["estimate"].as_f64().unwrap();
    let mut shifts: Vec<(f64, &str)> = pooled["leave_one_out"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| {
            l["measure"] == "uptake_gap"
                && l["group"] == "Not in any target group"
                && l["outcome"] == "registered"
        })
        .map(|l| {
            (
                (l["estimate"].as_f64().unwrap() - estimate).abs(),
                l["left_out"].as_str().unwrap(),
            )
        })
        .collect();
    shifts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let first = table.find("<tr><td>").unwrap();
    assert!(
        table[first..].starts_with(&format!("<tr><td>{}</td>", shifts[0].1)),
        "{table}"
    );
    assert_eq!(
        wd.read("out/tables/leave_one_out.csv").lines().count() - 1,
        pooled["leave_one_out"].as_array().unwrap().len()
    );
}

#[test]
fn counts_are_grouped_by_thousands_in_words() {
    use mentor_evidence::pool::measure::count_words;
    assert_eq!(
        [0, 7, 999, 1000, 40_000, 1_234_567].map(count_words),
        ["0", "7", "999", "1,000", "40,000", "1,234,567"]
    );
}

/// A workbook past 200,000 cells (a large pool's leave-one-out and
/// contributions sheets) is deflated faster (output/xlsx.rs) and its sheets
/// filled in parallel; it still opens, every sheet in order, every value
/// as written.
#[test]
fn a_large_workbook_reads_back_every_value() {
    use calamine::{Data, Reader, open_workbook_auto};
    use mentor_evidence::output::table::{Table, Value as Cell};
    let table = |name: &'static str, rows: usize| Table {
        name,
        caption: String::new(),
        columns: vec!["name", "a", "b", "c", "d", "e", "f", "g", "h"],
        labels: vec!["name", "a", "b", "c", "d", "e", "f", "g", "h"],
        rows: (0..rows)
            .map(|r| {
                let mut row = vec![Cell::Text(format!("=row {r}"))];
                row.extend((1..9).map(|c| Cell::Full(Some(r as f64 / 7.0 + c as f64))));
                row
            })
            .collect(),
    };
    let tables = [table("first", 3), table("big", 30_000), table("last", 2)];
    let date = chrono::NaiveDate::from_ymd_opt(2027, 4, 30).unwrap();
    let bytes = mentor_evidence::output::xlsx::tables_xlsx(&tables, date).unwrap();
    let wd = Workdir::new("pool-big-xlsx");
    wd.write("t.xlsx", &bytes);
    let mut workbook = open_workbook_auto(wd.path("t.xlsx")).unwrap();
    assert_eq!(workbook.sheet_names(), ["first", "big", "last"]);
    let big = workbook.worksheet_range("big").unwrap();
    assert_eq!(big.rows().count(), 30_001);
    for (r, row) in big.rows().skip(1).enumerate() {
        assert_eq!(row[0], Data::String(format!("=row {r}")));
        for (c, cell) in row.iter().enumerate().skip(1) {
            assert_eq!(
                cell,
                &Data::Float(r as f64 / 7.0 + c as f64),
                "row {r}, column {c}"
            );
        }
    }
}
