//! `pool.toml` (pooling.md): the consortium's name, the τ² method, and the
//! institutions' own names for each pooled group and scale.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// How between-institution variance is estimated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum PoolMethod {
    /// Restricted maximum likelihood (the default).
    #[default]
    #[serde(rename = "REML")]
    Reml,
    /// DerSimonian-Laird.
    #[serde(rename = "DL")]
    Dl,
    /// Paule-Mandel.
    #[serde(rename = "PM")]
    Pm,
}

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolConfig {
    #[serde(default)]
    pub pool: PoolSection,
}

/// `[pool]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolSection {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub method: PoolMethod,
    /// Pooled group = the institutions' names for it.
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<String>>,
    /// Pooled scale = the institutions' names for it.
    #[serde(default)]
    pub scales: BTreeMap<String, Vec<String>>,
}

impl PoolConfig {
    /// Reads `path`; errors name the file and the key.
    pub fn load(path: &Path) -> Result<PoolConfig> {
        let text =
            crate::regular_file::read_text_capped(path, 1_000_000, "a pool.toml's size").map_err(|e| {
                Error::Config {
                    path: path.to_path_buf(),
                    message: format!("cannot read it: {e}"),
                }
            })?;
        toml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    pub fn method(&self) -> PoolMethod {
        self.pool.method
    }

    /// The consortium's name (default "Pooled evidence").
    pub fn name(&self) -> &str {
        self.pool.name.as_deref().unwrap_or("Pooled evidence")
    }

    /// The pooled group an institution's group name belongs to (its own
    /// name when `[pool.groups]` does not list it).
    pub fn group_name(&self, name: &str) -> String {
        mapped(&self.pool.groups, name).unwrap_or_else(|| name.trim().to_string())
    }

    /// The pooled scale of an institution's scale name: as `[pool.scales]`
    /// maps it, else its name (which pools case-insensitively: `pool`
    /// writes it as the first institution by name writes it).
    pub fn scale_name(&self, name: &str) -> String {
        mapped(&self.pool.scales, name).unwrap_or_else(|| name.trim().to_string())
    }
}

fn mapped(map: &BTreeMap<String, Vec<String>>, name: &str) -> Option<String> {
    let name = name.trim();
    map.iter()
        .find(|(pooled, names)| {
            pooled.eq_ignore_ascii_case(name) || names.iter().any(|n| n.trim().eq_ignore_ascii_case(name))
        })
        .map(|(pooled, _)| pooled.clone())
}
