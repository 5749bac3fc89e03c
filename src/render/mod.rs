//! Rendering: the report's view model (plain serialisable structs built from
//! the published model, charts and tables) and the minijinja environment with
//! the built-in templates of templates/. Autoescaping is on for .html, so text
//! from input files never becomes markup; only chart SVGs are marked safe.

pub mod view;

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};

use crate::error::{Error, Result};
use view::ReportView;

/// Built-in templates, compiled into the binary.
const TEMPLATES: [(&str, &str); 2] = [
    ("report.html", include_str!("../../templates/report.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
];

/// The template environment: strict undefined variables, HTML autoescape.
pub fn environment() -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(|e| Error::compute(&format!("template {name}"), e))?;
    }
    Ok(env)
}

/// Renders report.html from its view model.
pub fn render_report(view: &ReportView) -> Result<String> {
    let env = environment()?;
    let template = env
        .get_template("report.html")
        .map_err(|e| Error::compute("template report.html", e))?;
    template
        .render(Value::from(Serde(view)))
        .map_err(|e| Error::compute("the report (template report.html)", e))
}
