//! Rendering: the report's view model (plain serialisable structs built from
//! the published model, charts and tables) and the minijinja environment with
//! the built-in templates of templates/ (or an institution's own, `--templates
//! DIR`). Autoescaping is on for .html, so text from input files never becomes
//! markup; only chart SVGs are marked safe. Undefined variables are errors.

pub mod comparison;
pub mod findings;
pub mod lasting;
pub mod methods;
pub mod narrative;
pub mod pool;
pub mod table_view;
pub mod view;

use std::path::Path;

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};

use crate::error::{Error, Result};
use view::ReportView;

/// Built-in templates, compiled into the binary.
pub const TEMPLATES: [(&str, &str); 4] = [
    ("report.html", include_str!("../../templates/report.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("pool.html", include_str!("../../templates/pool.html")),
];

/// The template the report renders from.
pub const REPORT_TEMPLATE: &str = "report.html";

fn template_error(e: &minijinja::Error) -> Error {
    let place = match (e.name(), e.line()) {
        (Some(name), Some(line)) => format!("template {name}, line {line}"),
        (Some(name), None) => format!("template {name}"),
        _ => "templates".to_string(),
    };
    let detail = e.detail().map(|d| format!(" ({d})")).unwrap_or_default();
    Error::Template(format!("{place}: {}{detail}", e.kind()))
}

/// The template environment: strict undefined variables, HTML autoescape.
/// The largest template read.
const MAX_TEMPLATE_BYTES: u64 = 16_000_000;

/// With `dir`, every `*.html` there is loaded and must include report.html;
/// built-in templates it does not replace stay available.
pub fn environment(dir: Option<&Path>) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(|e| template_error(&e))?;
    }
    if let Some(dir) = dir {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Error::Template(format!(
                "--templates {}: cannot read the folder: {e}",
                dir.display()
            ))
        })?;
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".html"))
            .collect();
        names.sort();
        if !names.iter().any(|n| n == REPORT_TEMPLATE) {
            return Err(Error::Template(format!(
                "--templates {}: no {REPORT_TEMPLATE} found (found: {}); expected {REPORT_TEMPLATE} and optionally macros.html",
                dir.display(),
                if names.is_empty() {
                    "no .html files".to_string()
                } else {
                    names.join(", ")
                }
            )));
        }
        for name in names {
            let source = crate::regular_file::read_text_capped(
                &dir.join(&name),
                MAX_TEMPLATE_BYTES,
                "a template's size",
            )
            .map_err(|e| {
                Error::Template(format!("--templates {}: cannot read {name}: {e}", dir.display()))
            })?;
            env.add_template_owned(name, source)
                .map_err(|e| template_error(&e))?;
        }
    }
    Ok(env)
}

/// Renders report.html from its view model.
pub fn render_report(view: &ReportView, templates: Option<&Path>) -> Result<String> {
    let env = environment(templates)?;
    let template = env
        .get_template(REPORT_TEMPLATE)
        .map_err(|e| template_error(&e))?;
    template
        .render(Value::from(Serde(view)))
        .map_err(|e| template_error(&e))
}

/// Renders pool.html (built-in templates only) from its view model.
pub fn render_pool(view: &pool::PoolView) -> Result<String> {
    let env = environment(None)?;
    let template = env.get_template("pool.html").map_err(|e| template_error(&e))?;
    template
        .render(Value::from(Serde(view)))
        .map_err(|e| template_error(&e))
}
