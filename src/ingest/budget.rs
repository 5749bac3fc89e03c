//! What a workbook may cost before calamine expands it: a zip's declared
//! sizes and compression ratios (.xlsx, .xlsm, .xlsb, .ods), the shared
//! strings an .xlsx declares, the cells an .ods's repeat counts expand to,
//! and an .xls's declared dimensions and cell positions (`xls_budget`). Each
//! check reads the file as a stream and stops at the first figure past the
//! budget, so a small crafted file is refused in milliseconds, before any
//! allocation in proportion to what it claims.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use crate::config::Limits;
use crate::error::{Error, Result};

/// Limits on one workbook (`[limits]`).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// `limits.max_workbook_mb`, in bytes: the zip's parts, uncompressed.
    pub max_expanded: u64,
    /// `limits.max_cells`: cells a sheet holds (or expands to), and shared
    /// strings.
    pub max_cells: u64,
    /// `limits.max_text_mb`, in bytes: cell text a workbook's read sheets
    /// hold, each cell counted.
    pub max_text: u64,
}

impl Budget {
    pub fn from_limits(limits: &Limits) -> Budget {
        Budget {
            max_expanded: (limits.max_workbook_mb.max(0.0) * 1_000_000.0) as u64,
            max_cells: limits.max_cells,
            max_text: (limits.max_text_mb.max(0.0) * 1_000_000.0) as u64,
        }
    }

    /// The cells an .xls or .ods sheet may span: calamine reads them whole,
    /// values and formulas side by side, about four times what a streamed
    /// .xlsx cell costs (an .ods of 7M repeated cells took 417 MB).
    pub fn whole_read_cells(&self) -> u64 {
        self.max_cells / WHOLE_READ_COST
    }

    /// The error for `count` cells of a sheet read whole past its share.
    pub fn too_many_whole_read_cells(&self, context: &str, what: &str, count: u64) -> Error {
        Error::input(format!(
            "{context}: {what} spans more than {} cells (found {count} so far); .xls and .ods sheets are read whole, so they get a quarter of limits.max_cells; raise the limit if the file is genuine",
            self.whole_read_cells()
        ))
    }

    /// The error for cell text past `limits.max_text_mb`, `what` saying where.
    pub fn too_much_text(&self, context: &str, what: &str) -> Error {
        Error::input(format!(
            "{context}: {what} comes to more than {} MB of text, each cell counted (limits.max_text_mb); a small file whose long text fills many cells looks crafted to exhaust memory; raise the limit if the file is genuine",
            self.max_text as f64 / 1_000_000.0
        ))
    }

    /// The error for `count` cells past the budget, `what` saying where.
    pub fn too_many_cells(&self, context: &str, what: &str, count: u64) -> Error {
        Error::input(format!(
            "{context}: {what} holds more than {} cells (found {count} so far), past limits.max_cells; raise the limit if the file is genuine",
            self.max_cells
        ))
    }
}

/// What a cell of a sheet read whole costs, in streamed cells.
const WHOLE_READ_COST: u64 = 4;

/// A part that expands more than this many times is not a spreadsheet's XML
/// (exports compress 5-30 times; Apache POI's zip-bomb guard uses the same 100).
const MAX_RATIO: u64 = 100;
/// Parts smaller than this are not held to the ratio (a tiny repetitive
/// styles.xml may compress very well).
const RATIO_FREE_BYTES: u64 = 1_000_000;

/// Checks a zip-based workbook's bytes against `budget` before it is
/// opened: declared sizes, ratios, shared strings and .ods cells. Bytes that
/// are not a zip are left to calamine to refuse.
pub fn check(context: &str, bytes: &[u8], budget: &Budget) -> Result<()> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    // Sizes from the central directory; nothing is decompressed here.
    let mut expanded: u64 = 0;
    let mut strings = Vec::new();
    let mut content = None;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(index) else {
            continue;
        };
        let size = entry.size();
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        expanded = expanded.saturating_add(size);
        if size > RATIO_FREE_BYTES && size / entry.compressed_size().max(1) > MAX_RATIO {
            return Err(Error::input(format!(
                "{context}: its part {} expands {} times (to {:.1} MB), far beyond any spreadsheet's XML; the file looks crafted to exhaust memory",
                printable_name(&name),
                size / entry.compressed_size().max(1),
                size as f64 / 1_000_000.0
            )));
        }
        let name = name.to_ascii_lowercase();
        if name.ends_with("sharedstrings.xml") {
            strings.push(index);
        } else if name == "content.xml" {
            content = Some(index);
        }
    }
    if expanded > budget.max_expanded {
        return Err(Error::input(format!(
            "{context}: the workbook expands to {:.1} MB of XML, past the limit of {} MB (limits.max_workbook_mb); raise the limit if the file is genuine",
            expanded as f64 / 1_000_000.0,
            budget.max_expanded as f64 / 1_000_000.0
        )));
    }
    for index in strings {
        if let Ok(entry) = archive.by_index(index)
            && entry.size() / SHORTEST_SHARED_STRING > budget.max_cells
        {
            let declared = entry.size();
            count_shared_strings(context, entry.take(declared), budget)?;
        }
    }
    if let Some(index) = content
        && let Ok(entry) = archive.by_index(index)
    {
        let declared = entry.size();
        count_ods_cells(context, capped(entry, declared), budget)?;
    }
    Ok(())
}

/// A part's bytes, never more than its declared size (a part that inflates
/// past what the directory says is cut there, and then fails to parse).
fn capped(entry: impl Read, declared: u64) -> impl std::io::BufRead {
    std::io::BufReader::with_capacity(64 * 1024, entry.take(declared))
}

/// A part's name for a message, cut short (control characters are escaped
/// where every message is printed, `error::printable`).
fn printable_name(name: &str) -> String {
    name.chars().take(100).collect()
}

/// A shared string takes at least five bytes (`<si/>`): a part smaller than
/// five bytes a string under the budget needs no count.
const SHORTEST_SHARED_STRING: u64 = 5;

/// Counts the shared strings (`<si>`, any prefix) of an .xlsx as its bytes
/// arrive; stops past the budget. A scan for `<` rather than an XML parse:
/// text cannot hold a bare `<`, so every element start is one.
fn count_shared_strings(context: &str, mut xml: impl Read, budget: &Budget) -> Result<()> {
    // Bytes kept back at a chunk's end, so a tag split across reads is seen whole.
    const LOOKAHEAD: usize = 64;
    let mut buf = vec![0u8; 256 * 1024];
    let mut kept = 0;
    let mut count: u64 = 0;
    loop {
        let read = match xml.read(&mut buf[kept..]) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // A damaged part: calamine reports it with its own message.
            Err(_) => return Ok(()),
        };
        let filled = kept + read;
        let end = if read == 0 {
            filled
        } else {
            filled.saturating_sub(LOOKAHEAD)
        };
        for at in memchr::memchr_iter(b'<', &buf[..end]) {
            if starts_shared_string(&buf[at + 1..filled]) {
                count += 1;
                if count > budget.max_cells {
                    return Err(budget.too_many_cells(context, "its shared-strings table", count));
                }
            }
        }
        if read == 0 {
            return Ok(());
        }
        buf.copy_within(end..filled, 0);
        kept = filled - end;
    }
}

/// Whether the bytes after a `<` open an `si` element (`si`, or `x:si`,
/// then a space, `>` or `/`).
fn starts_shared_string(rest: &[u8]) -> bool {
    let prefix = rest
        .iter()
        .take(32)
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
        .filter(|&at| rest.get(at) == Some(&b':'))
        .map_or(0, |at| at + 1);
    matches!(
        rest.get(prefix..prefix + 3),
        Some([b's', b'i', b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r'])
    )
}

/// Counts the cells an .ods sheet expands to: each row's filled cells times
/// their column and row repeats, and the rectangle calamine allocates (rows
/// up to the last filled one, by the widest filled row); and the bytes of
/// text and formulas those cells hold (calamine gives each repeated cell its
/// own copy). Stops past the budget. Empty repeated rows and cells (every
/// LibreOffice sheet ends with a million of them) cost nothing unless a
/// filled row follows them.
///
/// The XML is read as calamine reads it, or more pessimistically: the same
/// reader settings (a mismatched end tag does not stop calamine, so it must
/// not stop the count: an XML error calamine would also stop at refuses the
/// file); element names compared with their prefix, as calamine compares
/// them (`table:table-row`); a sheet ends only at `</table:table>`, where
/// calamine ends it (a `<table:table>` start inside a sheet does not start
/// another); repeat counts unescaped (calamine reads `&#49;0` as 10); and a
/// cell is filled when it holds any attribute but the few that never make a
/// value (calamine keeps `office:value` without `office:value-type`, and
/// formula-only cells).
fn count_ods_cells(context: &str, xml: impl std::io::BufRead, budget: &Budget) -> Result<()> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    let mut sheet = OdsSheet::default();
    let mut row = OdsRow::default();
    // calamine expands every sheet of an .ods when it opens it.
    let mut earlier_sheets: u64 = 0;
    // The text of the cell being read, and its column repeat.
    let mut cell: Option<(u64, u64)> = None;
    let mut text_bytes: u64 = 0;
    // A sheet, row or cell still open at the end: calamine reads on past the
    // end of such a file forever.
    let (mut in_table, mut in_row, mut in_cell) = (false, false, false);
    loop {
        let event = reader.read_event_into(&mut buf);
        if let Ok(Event::Start(e)) = &event {
            match e.name().0 {
                "table:table" => in_table = true,
                "table:table-row" => in_row = true,
                "table:table-cell" | "table:covered-table-cell" => in_cell = true,
                _ => {}
            }
        }
        if let Ok(Event::End(e)) = &event {
            match e.name().0 {
                "table:table" => in_table = false,
                "table:table-row" => in_row = false,
                "table:table-cell" | "table:covered-table-cell" => in_cell = false,
                _ => {}
            }
        }
        match &event {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.name().0 {
                "table:table-row" => {
                    row = OdsRow {
                        repeat: repeat_of(e, "table:number-rows-repeated"),
                        ..OdsRow::default()
                    };
                    if matches!(event, Ok(Event::Empty(_))) {
                        text_bytes = text_bytes.saturating_add(sheet.end_row(&row));
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let columns = repeat_of(e, "table:number-columns-repeated");
                    let start = matches!(event, Ok(Event::Start(_)));
                    let mut filled = start;
                    // Attribute values calamine may keep as text (string,
                    // date and time values, the formula), escaped length.
                    let mut bytes: u64 = 0;
                    for attribute in e.attributes().flatten() {
                        let key = attribute.key.0;
                        if !VALUELESS_CELL_ATTRIBUTES.contains(&key) {
                            filled = true;
                            bytes = bytes.saturating_add(attribute.value.len() as u64);
                        }
                    }
                    row.add(columns, filled);
                    if start {
                        cell = Some((columns, bytes));
                    } else {
                        row.bytes = row.bytes.saturating_add(bytes.saturating_mul(columns));
                    }
                }
                // A paragraph break, a tab, a line break: one byte each.
                "text:p" | "text:tab" | "text:line-break" => add_text(&mut cell, 1),
                "text:s" => add_text(&mut cell, repeat_of(e, "text:c")),
                _ => {}
            },
            // Escaped text is never shorter than the text it stands for.
            Ok(Event::Text(t)) => add_text(&mut cell, t.len() as u64),
            Ok(Event::GeneralRef(r)) => add_text(&mut cell, r.len() as u64 + 2),
            Ok(Event::End(e)) => match e.name().0 {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some((columns, bytes)) = cell.take() {
                        row.bytes = row.bytes.saturating_add(bytes.saturating_mul(columns));
                    }
                }
                "table:table-row" => text_bytes = text_bytes.saturating_add(sheet.end_row(&row)),
                "table:table" => {
                    earlier_sheets = earlier_sheets.saturating_add(sheet.size());
                    sheet = OdsSheet::default();
                }
                _ => {}
            },
            Ok(Event::Eof) if in_table || in_row || in_cell => {
                return Err(Error::input(format!(
                    "{context}: not a readable spreadsheet: its content.xml ends inside a sheet (a truncated or damaged file)"
                )));
            }
            Ok(Event::Eof) => return Ok(()),
            // calamine, reading as this reader does, stops here too.
            Err(e) => {
                return Err(Error::input(format!(
                    "{context}: not a readable spreadsheet: its content.xml is not well-formed XML at byte {} ({e})",
                    reader.error_position()
                )));
            }
            Ok(_) => {}
        }
        let count = earlier_sheets.saturating_add(sheet.size());
        if count > budget.whole_read_cells() {
            return Err(budget.too_many_whole_read_cells(
                context,
                "its sheets (with their repeated rows and cells)",
                count,
            ));
        }
        // Twice: the values, and calamine's parallel sheet of formulas.
        if text_bytes.saturating_mul(2) > budget.max_text {
            return Err(budget.too_much_text(context, "its cells' text, with their repeated rows and cells,"));
        }
        buf.clear();
    }
}

/// Cell attributes that never give calamine a value or a formula.
const VALUELESS_CELL_ATTRIBUTES: [&str; 5] = [
    "table:number-columns-repeated",
    "table:number-columns-spanned",
    "table:number-rows-spanned",
    "table:style-name",
    "table:content-validation-name",
];

/// Text inside the cell being read, if any.
fn add_text(cell: &mut Option<(u64, u64)>, bytes: u64) {
    if let Some((_, text)) = cell {
        *text = text.saturating_add(bytes);
    }
}

/// A repeat count attribute (1 when absent or unreadable), unescaped as
/// calamine reads it; of several attributes with that name, the largest.
fn repeat_of(element: &quick_xml::events::BytesStart<'_>, name: &str) -> u64 {
    element
        .attributes()
        .flatten()
        .filter(|a| a.key.0 == name)
        .filter_map(|a| quick_xml::escape::unescape(&a.value).ok()?.parse::<u64>().ok())
        .max()
        .unwrap_or(1)
        .max(1)
}

/// One .ods row as read: its repeat, width so far, and filled cells.
#[derive(Default)]
struct OdsRow {
    repeat: u64,
    width: u64,
    filled_width: u64,
    filled: u64,
    /// Text and formula bytes of the row's cells, with their column repeats.
    bytes: u64,
}

impl OdsRow {
    fn add(&mut self, columns: u64, filled: bool) {
        self.width = self.width.saturating_add(columns);
        if filled {
            self.filled = self.filled.saturating_add(columns);
            self.filled_width = self.width;
        }
    }
}

/// One .ods sheet's running totals.
#[derive(Default)]
struct OdsSheet {
    /// Rows read so far (with repeats), and up to the last filled row.
    rows: u64,
    rows_to_last_filled: u64,
    widest: u64,
    cells: u64,
}

impl OdsSheet {
    /// Ends a row; returns the text bytes it holds with its repeats.
    fn end_row(&mut self, row: &OdsRow) -> u64 {
        let repeat = row.repeat.max(1);
        self.rows = self.rows.saturating_add(repeat);
        if row.filled > 0 {
            self.rows_to_last_filled = self.rows;
            self.widest = self.widest.max(row.filled_width);
            self.cells = self.cells.saturating_add(row.filled.saturating_mul(repeat));
        }
        row.bytes.saturating_mul(repeat)
    }

    /// The larger of the filled cells and the rectangle calamine allocates.
    fn size(&self) -> u64 {
        let rectangle = self.rows_to_last_filled.saturating_mul(self.widest);
        self.cells.max(rectangle)
    }
}
