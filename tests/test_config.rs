//! Test configurations, built by one helper: a test names only what it is
//! about (the cohort's file and columns, a rule, a further table) and the
//! rest is the same everywhere.

/// An evidence.toml for a test: the programme "Test" period from
/// 2026-09-28, as of 2027-04-30 unless `as_of` says otherwise; a cohort;
/// output to `out`.
pub struct TestConfig {
    name: String,
    as_of: String,
    cohort: String,
    cohort_keys: Vec<String>,
    columns: Vec<(String, String)>,
    tables: Vec<String>,
    rule: Option<String>,
    internal: bool,
}

impl TestConfig {
    /// A programme `name` whose cohort is the file `path`.
    pub fn new(name: &str, path: &str) -> TestConfig {
        TestConfig::with_paths(name, &format!("\"{path}\""))
    }

    /// A programme `name` whose cohort's `path` is the TOML value `paths`
    /// (a quoted path or a list of them).
    pub fn with_paths(name: &str, paths: &str) -> TestConfig {
        TestConfig {
            name: name.to_owned(),
            as_of: "2027-04-30".to_owned(),
            cohort: paths.to_owned(),
            cohort_keys: Vec::new(),
            columns: Vec::new(),
            tables: Vec::new(),
            rule: None,
            internal: false,
        }
    }

    pub fn reporting_on(mut self, date: &str) -> TestConfig {
        date.clone_into(&mut self.as_of);
        self
    }

    /// A key of `[inputs.cohort]` other than its path (`sheet = "*"`).
    pub fn cohort_key(mut self, line: &str) -> TestConfig {
        if !line.is_empty() {
            self.cohort_keys.push(line.to_owned());
        }
        self
    }

    /// The cohort's `field` read from the column `header`.
    pub fn column(mut self, field: &str, header: &str) -> TestConfig {
        self.columns.push((field.to_owned(), header.to_owned()));
        self
    }

    /// The cohort's fields, each with its column.
    pub fn columns(self, pairs: &[(&str, &str)]) -> TestConfig {
        pairs
            .iter()
            .fold(self, |config, (field, header)| config.column(field, header))
    }

    /// Further tables (`[inputs.mentors]`, `[target_groups]`, `[limits]`),
    /// as TOML.
    pub fn table(mut self, toml: &str) -> TestConfig {
        if !toml.trim().is_empty() {
            self.tables.push(toml.trim().to_owned());
        }
        self
    }

    /// `disclosure.rule`: "none" or "hesa".
    pub fn rule(mut self, rule: &str) -> TestConfig {
        self.rule = Some(format!("rule = \"{rule}\""));
        self
    }

    /// `disclosure.rule = "threshold"` with its `n`.
    pub fn threshold(mut self, n: u32) -> TestConfig {
        self.rule = Some(format!("rule = \"threshold\"\nthreshold = {n}"));
        self
    }

    /// `output.internal = true`.
    pub fn internal(mut self) -> TestConfig {
        self.internal = true;
        self
    }

    pub fn toml(&self) -> String {
        let mut toml = format!(
            "[programme]\nname = \"{}\"\nperiod = \"Test\"\nstart = 2026-09-28\nas_of = {}\n\n[inputs.cohort]\npath = {}\n",
            self.name, self.as_of, self.cohort
        );
        for line in &self.cohort_keys {
            toml.push_str(&format!("{line}\n"));
        }
        toml.push_str("[inputs.cohort.columns]\n");
        for (field, header) in &self.columns {
            toml.push_str(&format!("{field} = \"{header}\"\n"));
        }
        for table in &self.tables {
            toml.push_str(&format!("\n{table}\n"));
        }
        if let Some(rule) = &self.rule {
            toml.push_str(&format!("\n[disclosure]\n{rule}\n"));
        }
        toml.push_str("\n[output]\ndir = \"out\"\n");
        if self.internal {
            toml.push_str("internal = true\n");
        }
        toml
    }
}
