//! Randomised robustness: thousands of generated and mutated inputs through
//! the value parsers, the config parser and the CSV and spreadsheet readers.
//! Every one must give a value or an error, never a panic. Deterministic
//! (seeded), so a failure reproduces.

use mentor_evidence::config::{Config, DateOrder, OneOrMany};
use mentor_evidence::ingest::values::{parse_date_text, parse_duration_text, parse_flag, parse_number};
use mentor_evidence::ingest::{Cell, Layout, Wanted, csv::read_delimited, excel::read_workbook};
use mentor_evidence::sample::Rng;

const ALPHABET: &[&str] = &[
    "0",
    "1",
    "2",
    "9",
    "12",
    "31",
    "2026",
    "/",
    ".",
    "-",
    ":",
    " ",
    "T",
    "h",
    "m",
    "min",
    "hours",
    "Oct",
    "x",
    "✓",
    "é",
    "\u{0}",
    "\"",
    ",",
    "\n",
    "%",
    "e9",
    "NaN",
    "inf",
    "99999999999999999999",
    "-1",
];

fn random_text(rng: &mut Rng) -> String {
    let len = rng.between(0, 8) as usize;
    (0..len).map(|_| rng.pick(ALPHABET)).collect()
}

#[test]
fn value_parsers_never_panic() {
    let mut rng = Rng::new(7);
    for _ in 0..200_000 {
        let text = random_text(&mut rng);
        let _ = parse_date_text(&text, DateOrder::Dmy);
        let _ = parse_date_text(&text, DateOrder::Mdy);
        let _ = parse_duration_text(&text);
        let _ = parse_flag(&Cell::Text(text.clone()), DateOrder::Dmy, false);
        let _ = parse_number(&Cell::Text(text));
        let n = (rng.unit() - 0.5) * 10f64.powi(rng.between(0, 12) as i32);
        let _ = parse_flag(&Cell::Number(n), DateOrder::Dmy, rng.chance(0.5));
    }
}

fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..rng.between(1, 8) {
        if out.is_empty() {
            break;
        }
        let at = rng.between(0, out.len() as i64 - 1) as usize;
        match rng.between(0, 4) {
            0 => out[at] = rng.next_u64() as u8,
            1 => out.truncate(at),
            2 => out.insert(at, rng.pick(&[b'"', b',', b'\n', b'\r', 0xff, b'=', b'['])),
            3 => {
                out.remove(at);
            }
            _ => out.extend_from_within(at..(at + 16).min(out.len())),
        }
    }
    out
}

#[test]
fn config_parser_never_panics() {
    let text = std::fs::read(crate::workdir::shared_sample().join("evidence.toml")).unwrap();
    let mut rng = Rng::new(11);
    let mut parsed = 0;
    for _ in 0..3_000 {
        let bytes = mutate(&mut rng, &text);
        if let Ok(s) = String::from_utf8(bytes) {
            parsed += usize::from(Config::parse(&s).is_ok());
        }
    }
    assert!(
        parsed > 0,
        "some mutations (e.g. in comments or values) still parse"
    );
}

#[test]
fn csv_reader_never_panics() {
    let sample = crate::workdir::shared_sample();
    let mut rng = Rng::new(13);
    let wanted = Wanted::new([
        "Student",
        "Mentor",
        "Meeting date",
        "Length",
        "Type",
        "ExternalReference",
        "Q1_1",
    ]);
    for file in ["meetings.csv", "survey-pre.csv"] {
        let bytes = std::fs::read(sample.join(file)).unwrap();
        let bytes = &bytes[..bytes.len().min(20_000)];
        for i in 0..300 {
            let mutated = mutate(&mut rng, bytes);
            let layout = if i % 2 == 0 {
                Layout::Plain
            } else {
                Layout::Qualtrics
            };
            let _ = read_delimited(file, mutated, b',', layout, &wanted);
        }
    }
}

#[test]
fn spreadsheet_reader_never_panics() {
    let bytes = std::fs::read(crate::workdir::shared_sample().join("mentors.xlsx")).unwrap();
    let mut rng = Rng::new(17);
    let wanted = Wanted::new(["Mentor ID", "Sector"]);
    let sheets = OneOrMany::One("*".to_string());
    for _ in 0..300 {
        let mutated = mutate(&mut rng, &bytes);
        let _ = read_workbook("mentors.xlsx", &mutated, Some(&sheets), Layout::Plain, &wanted);
    }
}

#[test]
fn fast_hash_spreads_sequential_ids_over_low_bits() {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let build = BuildHasherDefault::<mentor_evidence::hashing::FxHasher>::default();
    let mut buckets = std::collections::HashSet::new();
    for i in 0..65_536u32 {
        let id = format!("{:08}", 2_300_000 + i * 7);
        buckets.insert(build.hash_one(id.as_str()) & 0xffff);
    }
    // A uniform hash fills about 63% of 65,536 buckets with 65,536 keys.
    assert!(
        buckets.len() > 35_000,
        "low 16 bits take only {} values",
        buckets.len()
    );
}
