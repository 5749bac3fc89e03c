//! The raw cell model: one value as read from a file, before typing, and a
//! column of them stacked over the files and sheets of an input. A cell of
//! a delimited file is a span of the text of the region of the file it was
//! read in (no copy per cell);
//! spreadsheet cells are owned values.

use std::sync::Arc;

/// One cell as read from a spreadsheet, before typing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (untrimmed).
    Text(String),
    /// A numeric cell (spreadsheets only; CSV values arrive as text).
    Number(f64),
    /// A boolean cell.
    Bool(bool),
    /// A cell formatted as a date or date-time.
    Date(chrono::NaiveDateTime),
    /// A cell formatted as a duration, in minutes.
    Duration(f64),
    /// A spreadsheet error value such as `#N/A`.
    Error(String),
}

/// A cell's value borrowed from where it is stored; what the value parsers read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellRef<'a> {
    /// Nothing in the cell (an empty CSV field is empty too).
    Empty,
    /// Text (untrimmed).
    Text(&'a str),
    /// A numeric cell.
    Number(f64),
    /// A boolean cell.
    Bool(bool),
    /// A cell formatted as a date or date-time.
    Date(chrono::NaiveDateTime),
    /// A cell formatted as a duration, in minutes.
    Duration(f64),
    /// A spreadsheet error value such as `#N/A`.
    Error(&'a str),
}

impl<'a> From<&'a Cell> for CellRef<'a> {
    fn from(cell: &'a Cell) -> CellRef<'a> {
        match cell {
            Cell::Empty => CellRef::Empty,
            Cell::Text(t) => CellRef::Text(t),
            Cell::Number(n) => CellRef::Number(*n),
            Cell::Bool(b) => CellRef::Bool(*b),
            Cell::Date(d) => CellRef::Date(*d),
            Cell::Duration(m) => CellRef::Duration(*m),
            Cell::Error(e) => CellRef::Error(e),
        }
    }
}

/// A segment of a column: its cells from one file, sheet or region.
#[derive(Debug, Clone)]
enum Segment {
    /// Spreadsheet cells (shared, so a column can be handed on without copying).
    Cells(Arc<Vec<Cell>>),
    /// A column of a delimited file: spans of its text.
    Text(Arc<TextSpans>),
    /// A file or sheet without this column: this many empty cells.
    Empty(usize),
}

impl Segment {
    fn len(&self) -> usize {
        match self {
            Segment::Cells(cells) => cells.len(),
            Segment::Text(text) => text.spans.len(),
            Segment::Empty(n) => *n,
        }
    }
}

/// Where a cell of a delimited file is: a range of its region's text, or of
/// the column's own buffer for the rare quoted field that had to be
/// unescaped (a doubled quote inside). 8 bytes per cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: u32,
    /// Length in bytes; the top bit marks a range of the unescaped buffer.
    len: u32,
}

impl Span {
    const UNESCAPED: u32 = 1 << 31;
    /// The most bytes a file (or a column's unescaped buffer) may hold for
    /// spans to address it.
    pub const MAX_TEXT: usize = (1 << 31) - 1;

    /// An empty cell.
    pub const EMPTY: Span = Span { start: 0, len: 0 };

    /// The range `start..end` of the region's text (both at most `MAX_TEXT`).
    pub fn of_file(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            len: (end - start) as u32,
        }
    }

    /// The range `start..end` of the column's unescaped buffer.
    fn of_unescaped(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            len: (end - start) as u32 | Span::UNESCAPED,
        }
    }
}

/// One column of a region of a delimited file: per row, a span of the region's text.
#[derive(Debug)]
pub struct TextSpans {
    /// The region's text (shared by its columns); at most `Span::MAX_TEXT` bytes.
    file: Arc<String>,
    /// Per row.
    spans: Vec<Span>,
    /// Text of the quoted fields that differ from their file bytes.
    unescaped: String,
}

impl TextSpans {
    /// An empty column over `file`, with room for `rows` cells.
    pub fn new(file: Arc<String>, rows: usize) -> TextSpans {
        TextSpans {
            file,
            spans: Vec::with_capacity(rows),
            unescaped: String::new(),
        }
    }

    /// Appends a cell that is a range of the region's text.
    pub fn push(&mut self, span: Span) {
        self.spans.push(span);
    }

    /// Appends a cell whose text is given (an unescaped quoted field). Past
    /// `Span::MAX_TEXT` bytes of such text the cell is left empty: only a
    /// file of over 2 GB of quoted quotes could get there, and files are
    /// refused above that size.
    pub fn push_unescaped(&mut self, text: &str) {
        let start = self.unescaped.len();
        if start + text.len() > Span::MAX_TEXT {
            self.spans.push(Span::EMPTY);
            return;
        }
        self.unescaped.push_str(text);
        self.spans.push(Span::of_unescaped(start, self.unescaped.len()));
    }

    /// Removes the last cell (a row that turned out blank).
    pub fn pop(&mut self) {
        if let Some(span) = self.spans.pop()
            && span.len & Span::UNESCAPED != 0
        {
            self.unescaped.truncate(span.start as usize);
        }
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the column has no cells.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The text of a span (empty for an empty span).
    fn text(&self, span: Span) -> &str {
        let (buffer, len) = if span.len & Span::UNESCAPED != 0 {
            (self.unescaped.as_str(), span.len & !Span::UNESCAPED)
        } else {
            (self.file.as_str(), span.len)
        };
        let start = span.start as usize;
        // Spans end at ASCII delimiters, so this never falls back.
        buffer.get(start..start + len as usize).unwrap_or_default()
    }

    /// A cell: empty fields are empty cells.
    fn cell(&self, span: Span) -> CellRef<'_> {
        if span.len == 0 {
            CellRef::Empty
        } else {
            CellRef::Text(self.text(span))
        }
    }
}

/// One column's cells, stacked over the files and sheets of an input.
#[derive(Debug, Clone, Default)]
pub struct CellColumn {
    segments: Vec<Segment>,
    len: usize,
}

impl CellColumn {
    /// A column of spreadsheet cells.
    pub fn from_cells(cells: Vec<Cell>) -> CellColumn {
        let len = cells.len();
        CellColumn {
            segments: vec![Segment::Cells(Arc::new(cells))],
            len,
        }
    }

    /// A column of a delimited file (empty fields are empty cells).
    pub fn from_text(text: TextSpans) -> CellColumn {
        let len = text.len();
        CellColumn {
            segments: vec![Segment::Text(Arc::new(text))],
            len,
        }
    }

    /// `rows` empty cells.
    pub fn empty(rows: usize) -> CellColumn {
        let mut column = CellColumn::default();
        column.push_empty(rows);
        column
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the column has no cells.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends another column's cells below these.
    pub fn append(&mut self, other: CellColumn) {
        for segment in other.segments {
            match segment {
                Segment::Empty(rows) => self.push_empty(rows),
                segment if segment.len() > 0 => {
                    self.len += segment.len();
                    self.segments.push(segment);
                }
                _ => {}
            }
        }
    }

    /// Appends `rows` empty cells.
    pub fn push_empty(&mut self, rows: usize) {
        if rows == 0 {
            return;
        }
        self.len += rows;
        match self.segments.last_mut() {
            Some(Segment::Empty(n)) => *n += rows,
            _ => self.segments.push(Segment::Empty(rows)),
        }
    }

    /// Calls `f` with each cell in row order.
    pub fn for_each<'s>(&'s self, f: impl FnMut(CellRef<'s>)) {
        self.for_each_in(0..self.len, f);
    }

    /// Calls `f` with the cell of each of `rows`, in order (rows past the
    /// end are left out). Each segment runs its own loop (no boxed iterator per
    /// cell): the mappers visit tens of millions of cells at sector scale.
    pub fn for_each_in<'s>(&'s self, rows: std::ops::Range<usize>, mut f: impl FnMut(CellRef<'s>)) {
        let mut start = 0;
        for segment in &self.segments {
            let end = start + segment.len();
            // The rows of `rows` in this segment, as indexes into it.
            let from = rows.start.max(start) - start;
            let to = rows.end.min(end).saturating_sub(start);
            start = end;
            if from >= to {
                continue;
            }
            match segment {
                Segment::Cells(cells) => cells[from..to].iter().for_each(|cell| f(CellRef::from(cell))),
                Segment::Text(text) => text.spans[from..to].iter().for_each(|span| f(text.cell(*span))),
                Segment::Empty(_) => (from..to).for_each(|_| f(CellRef::Empty)),
            }
        }
    }

    /// The cell of one row (empty past the end).
    pub fn get(&self, row: usize) -> CellRef<'_> {
        let mut start = 0;
        for segment in &self.segments {
            let len = segment.len();
            if row < start + len {
                let index = row - start;
                return match segment {
                    Segment::Cells(cells) => CellRef::from(&cells[index]),
                    Segment::Text(text) => text.cell(text.spans[index]),
                    Segment::Empty(_) => CellRef::Empty,
                };
            }
            start += len;
        }
        CellRef::Empty
    }
}
