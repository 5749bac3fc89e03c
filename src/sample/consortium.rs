//! `sample-data --consortium`: several institutions' published metrics.json
//! files, as a consortium's shared folder holds them, and the pool.toml that
//! pools them (pooling.md). Each institution is a sample programme of its
//! own size, seed and uptake, run through the real pipeline; only its
//! published metrics.json is kept, as only that would leave the institution.

use std::path::Path;

use super::{SampleFormat, calendar, write_programme, write_text};
use crate::error::{Error, Result};

/// One member of the sample consortium.
struct Member {
    /// File name stem of its metrics.json.
    slug: &'static str,
    institution: &'static str,
    students: u32,
    seed: u64,
    /// Share of eligible students outside every target group who register.
    uptake: f64,
    /// Its own names for the sample's first-in-family group and confidence
    /// scale, which pool.toml maps (None: the sample's own).
    first_in_family: Option<&'static str>,
    confidence: Option<&'static str>,
    /// `threshold = 10` instead of the sample's HESA rounding.
    threshold: bool,
}

const MEMBERS: [Member; 5] = [
    Member {
        slug: "ashby",
        institution: "Ashby University",
        students: 900,
        seed: 11,
        uptake: 0.52,
        first_in_family: None,
        confidence: None,
        threshold: false,
    },
    Member {
        slug: "brookfield",
        institution: "Brookfield University",
        students: 420,
        seed: 12,
        uptake: 0.44,
        first_in_family: Some("First generation in HE"),
        confidence: None,
        threshold: false,
    },
    Member {
        slug: "calder",
        institution: "Calder Institute of Technology",
        students: 260,
        seed: 13,
        uptake: 0.58,
        first_in_family: None,
        confidence: Some("Career confidence"),
        threshold: true,
    },
    Member {
        slug: "denholm",
        institution: "Denholm University",
        students: 1500,
        seed: 14,
        uptake: 0.40,
        first_in_family: Some("1st gen"),
        confidence: None,
        threshold: false,
    },
    Member {
        slug: "elmstead",
        institution: "Elmstead College of HE",
        students: 180,
        seed: 15,
        uptake: 0.48,
        first_in_family: None,
        confidence: None,
        threshold: true,
    },
];

const POOL_TOML: &str = r#"# pool.toml for the sample consortium (pooling.md). Try it:
#   mentor-evidence pool sample-data/consortium -c sample-data/consortium/pool.toml --out reports/consortium
[pool]
name = "Example mentoring consortium, 2026/27"
method = "REML"

# Each pooled group = the institutions' own names for it.
[pool.groups]
"First in family" = ["First in family", "First generation in HE", "1st gen"]

[pool.scales]
"Confidence" = ["Confidence", "Career confidence"]
"#;

/// Writes the consortium's published files and pool.toml into `dir`.
pub fn write_consortium(dir: &Path, seed: u64) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    use rayon::prelude::*;
    MEMBERS
        .par_iter()
        .map(|member| write_member(dir, member, seed))
        .collect::<Result<Vec<()>>>()?;
    write_text(dir, "pool.toml", POOL_TOML)
}

/// Runs one member's programme in a scratch folder and keeps its published
/// metrics.json as `dir/<slug>.json`.
fn write_member(dir: &Path, member: &Member, seed: u64) -> Result<()> {
    let scratch = dir.join(format!(".build-{}", member.slug));
    std::fs::create_dir_all(&scratch).map_err(|e| Error::write(&scratch, e))?;
    let mut cal = calendar(0);
    cal.uptake = member.uptake;
    write_programme(
        &scratch,
        member.students,
        seed.wrapping_mul(31).wrapping_add(member.seed),
        &cal,
        false,
        SampleFormat::Csv,
    )?;
    let path = scratch.join("evidence.toml");
    let mut config = std::fs::read_to_string(&path)
        .map_err(|e| Error::write(&path, e))?
        .replace(
            "institution = \"Example University\"",
            &format!("institution = \"{}\"", member.institution),
        );
    if let Some(name) = member.first_in_family {
        config = config.replace("\"First in family\" =", &format!("\"{name}\" ="));
    }
    if let Some(name) = member.confidence {
        config = config.replace("name = \"Confidence\"", &format!("name = \"{name}\""));
    }
    if member.threshold {
        config = config.replace("rule = \"hesa\"", "rule = \"threshold\"\nthreshold = 10");
    }
    write_text(&scratch, "evidence.toml", &config)?;
    let config = crate::config::Config::load(&path)?;
    let published = crate::pipeline::pipeline(&config)?.published;
    let json = crate::output::metrics_json(&published)?;
    crate::output::write_file(dir, &format!("{}.json", member.slug), json.as_bytes())?;
    std::fs::remove_dir_all(&scratch).map_err(|e| Error::write(&scratch, e))
}
