//! The team's own words (`[report] narrative`): a Markdown file whose
//! `## Heading` sections go under the report's sections of the same title.
//! CommonMark is read by pulldown-cmark and written here as HTML that cannot
//! carry markup of its own: text is escaped, raw HTML is shown as text,
//! an image is its alt text (nothing is loaded), and a link keeps its text
//! and an http(s), mailto or in-page address (any other becomes plain text).

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::{ALWAYS, Config, SECTIONS};
use crate::error::{Error, Result};

/// The largest narrative file read.
const MAX_NARRATIVE_BYTES: u64 = 1_000_000;

/// The narrative as HTML: what comes before the first `## Heading` (placed
/// under the report's header), and each section's, by section id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrative {
    pub intro: Option<String>,
    pub sections: BTreeMap<String, String>,
}

/// Reads and renders `[report] narrative`, if configured. A heading that is
/// no shown section's title is a configuration error naming the titles.
pub fn load(config: &Config) -> Result<Narrative> {
    let Some(path) = &config.report.narrative else {
        return Ok(Narrative::default());
    };
    let path = config.resolve(path);
    let bytes = crate::regular_file::read_capped(&path, MAX_NARRATIVE_BYTES, "a narrative's size")
        .map_err(|e| config_error(config, format!("report.narrative: {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        config_error(
            config,
            format!(
                "report.narrative: {}: not UTF-8 text; save it as UTF-8",
                path.display()
            ),
        )
    })?;
    parse(&text, &config.report.section_ids())
        .map_err(|message| config_error(config, format!("report.narrative: {}: {message}", path.display())))
}

fn config_error(config: &Config, message: String) -> Error {
    Error::Config {
        path: config.path.clone(),
        message,
    }
}

/// The narrative of `text`, its sections placed under the `shown` sections
/// (and data quality and methods, always shown).
pub fn parse(text: &str, shown: &[&str]) -> std::result::Result<Narrative, String> {
    let titles: Vec<(&str, &str)> = SECTIONS
        .iter()
        .filter(|(id, _)| shown.contains(id))
        .chain(ALWAYS.iter())
        .copied()
        .collect();
    let mut narrative = Narrative::default();
    let mut current: Option<String> = None;
    let mut html = String::new();
    let mut heading: Option<String> = None;
    let mut writer = Writer::default();
    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                let title = heading.take().unwrap_or_default();
                let title = title.trim();
                let Some((id, _)) = titles.iter().find(|(_, t)| t.eq_ignore_ascii_case(title)) else {
                    return Err(format!(
                        "\"## {title}\" is not a section of this report; expected one of {}",
                        titles
                            .iter()
                            .map(|(_, t)| format!("\"## {t}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                };
                place(&mut narrative, current.take(), std::mem::take(&mut html))?;
                current = Some(id.to_string());
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                heading.get_or_insert_default().push_str(&t);
            }
            _ if heading.is_some() => {}
            event => writer.event(event, &mut html),
        }
    }
    place(&mut narrative, current, html)?;
    Ok(narrative)
}

/// Puts a section's HTML under its id (None: the introduction).
fn place(narrative: &mut Narrative, id: Option<String>, html: String) -> std::result::Result<(), String> {
    let html = html.trim().to_string();
    match id {
        None if html.is_empty() => {}
        None => narrative.intro = Some(html),
        Some(id) => {
            if narrative.sections.contains_key(&id) {
                return Err(format!(
                    "the section \"{id}\" has two headings; expected one heading per section"
                ));
            }
            narrative.sections.insert(id, html);
        }
    }
    Ok(())
}

/// Writes events as escaped HTML.
#[derive(Default)]
struct Writer {
    /// Inside an image: its alt text is written as text, nothing else.
    in_image: usize,
    /// Links written as plain text (an address of another scheme).
    plain_links: Vec<bool>,
}

impl Writer {
    fn event(&mut self, event: Event<'_>, out: &mut String) {
        match event {
            Event::Start(tag) => self.start(tag, out),
            Event::End(tag) => self.end(tag, out),
            Event::Text(t) => escape(&t, out),
            Event::Code(t) => {
                out.push_str("<code>");
                escape(&t, out);
                out.push_str("</code>");
            }
            // Markup the team typed is shown as they typed it.
            Event::Html(t) | Event::InlineHtml(t) => escape(&t, out),
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br>\n"),
            Event::Rule => out.push_str("<hr>\n"),
            Event::InlineMath(t) | Event::DisplayMath(t) | Event::FootnoteReference(t) => escape(&t, out),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>, out: &mut String) {
        if self.in_image > 0 {
            if matches!(tag, Tag::Image { .. }) {
                self.in_image += 1;
            }
            return;
        }
        match tag {
            Tag::Paragraph => out.push_str("<p>"),
            // Under a section's h2: h3 and below.
            Tag::Heading { level, .. } => out.push_str(&format!("<h{}>", heading_level(level))),
            Tag::BlockQuote(_) => out.push_str("<blockquote>\n"),
            Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => out.push_str("<pre><code>"),
            Tag::List(Some(1)) => out.push_str("<ol>\n"),
            Tag::List(Some(first)) => out.push_str(&format!("<ol start=\"{first}\">\n")),
            Tag::List(None) => out.push_str("<ul>\n"),
            Tag::Item => out.push_str("<li>"),
            Tag::Emphasis => out.push_str("<em>"),
            Tag::Strong => out.push_str("<strong>"),
            Tag::Strikethrough => out.push_str("<del>"),
            Tag::Link { dest_url, .. } => {
                let plain = !safe_link(&dest_url);
                if !plain {
                    out.push_str("<a href=\"");
                    escape(&dest_url, out);
                    out.push_str("\">");
                }
                self.plain_links.push(plain);
            }
            Tag::Image { .. } => self.in_image = 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, out: &mut String) {
        if self.in_image > 0 {
            if tag == TagEnd::Image {
                self.in_image -= 1;
            }
            return;
        }
        match tag {
            TagEnd::Paragraph => out.push_str("</p>\n"),
            TagEnd::Heading(level) => out.push_str(&format!("</h{}>\n", heading_level(level))),
            TagEnd::BlockQuote(_) => out.push_str("</blockquote>\n"),
            TagEnd::CodeBlock => out.push_str("</code></pre>\n"),
            TagEnd::List(true) => out.push_str("</ol>\n"),
            TagEnd::List(false) => out.push_str("</ul>\n"),
            TagEnd::Item => out.push_str("</li>\n"),
            TagEnd::Emphasis => out.push_str("</em>"),
            TagEnd::Strong => out.push_str("</strong>"),
            TagEnd::Strikethrough => out.push_str("</del>"),
            TagEnd::Link if self.plain_links.pop() == Some(false) => out.push_str("</a>"),
            _ => {}
        }
    }
}

/// A heading inside a section: `#` and `###` are h3, `####` h4, and so on.
fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// An address a reader may follow: web, mail, or a place in the report.
fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "#"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// HTML-escapes `text` onto `out`.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}
