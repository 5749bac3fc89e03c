//! The raw cell model: one value as read from a file, before typing, and a
//! column of them stacked over the files and sheets of an input. Text read
//! from CSV stays in polars' string column (no copy per cell); spreadsheet
//! cells are owned values.

use std::sync::Arc;

use polars::prelude::StringChunked;

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

impl<'a> From<Option<&'a str>> for CellRef<'a> {
    /// A CSV field: null or empty text is an empty cell.
    fn from(text: Option<&'a str>) -> CellRef<'a> {
        match text {
            Some(t) if !t.is_empty() => CellRef::Text(t),
            _ => CellRef::Empty,
        }
    }
}

/// A run of consecutive rows of one column, from one file or sheet.
#[derive(Debug, Clone)]
enum Part {
    /// Spreadsheet cells (shared, so a column can be handed on without copying).
    Cells(Arc<Vec<Cell>>),
    /// A CSV column as polars read it.
    Text(StringChunked),
    /// A file or sheet without this column: this many empty cells.
    Empty(usize),
}

impl Part {
    fn len(&self) -> usize {
        match self {
            Part::Cells(cells) => cells.len(),
            Part::Text(text) => text.len(),
            Part::Empty(n) => *n,
        }
    }
}

/// One column's cells, stacked over the files and sheets of an input.
#[derive(Debug, Clone, Default)]
pub struct CellColumn {
    parts: Vec<Part>,
    len: usize,
}

impl CellColumn {
    /// A column of spreadsheet cells.
    pub fn from_cells(cells: Vec<Cell>) -> CellColumn {
        let len = cells.len();
        CellColumn {
            parts: vec![Part::Cells(Arc::new(cells))],
            len,
        }
    }

    /// A column of CSV text (null and empty fields are empty cells).
    pub fn from_text(text: StringChunked) -> CellColumn {
        let len = text.len();
        CellColumn {
            parts: vec![Part::Text(text)],
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
        for part in other.parts {
            if part.len() > 0 {
                self.len += part.len();
                self.parts.push(part);
            }
        }
    }

    /// Appends `rows` empty cells.
    pub fn push_empty(&mut self, rows: usize) {
        if rows == 0 {
            return;
        }
        self.len += rows;
        match self.parts.last_mut() {
            Some(Part::Empty(n)) => *n += rows,
            _ => self.parts.push(Part::Empty(rows)),
        }
    }

    /// Calls `f` with each cell in row order. Each part runs its own loop
    /// (no boxed iterator per cell): the mappers visit tens of millions of
    /// cells at sector scale.
    pub fn for_each<'s>(&'s self, mut f: impl FnMut(CellRef<'s>)) {
        for part in &self.parts {
            match part {
                Part::Cells(cells) => cells.iter().for_each(|cell| f(CellRef::from(cell))),
                Part::Text(text) => {
                    let no_nulls = text.null_count() == 0;
                    for array in text.downcast_iter() {
                        if no_nulls {
                            array.values_iter().for_each(|t| f(CellRef::from(Some(t))));
                        } else {
                            array.iter().for_each(|t| f(CellRef::from(t)));
                        }
                    }
                }
                Part::Empty(n) => (0..*n).for_each(|_| f(CellRef::Empty)),
            }
        }
    }

    /// Calls `f` with (row, cell) for each of `rows`, which must ascend:
    /// one pass over the column instead of a lookup per row.
    pub fn for_each_at<'s>(&'s self, rows: &[usize], mut f: impl FnMut(usize, CellRef<'s>)) {
        let mut wanted = rows.iter().copied().peekable();
        let mut row = 0;
        self.for_each(|cell| {
            while wanted.next_if(|&w| w == row).is_some() {
                f(row, cell);
            }
            row += 1;
        });
    }

    /// The cells in row order.
    pub fn iter(&self) -> impl Iterator<Item = CellRef<'_>> + '_ {
        self.parts
            .iter()
            .flat_map(|part| -> Box<dyn Iterator<Item = CellRef<'_>> + '_> {
                match part {
                    Part::Cells(cells) => Box::new(cells.iter().map(CellRef::from)),
                    Part::Text(text) => Box::new(text.iter().map(CellRef::from)),
                    Part::Empty(n) => Box::new(std::iter::repeat_n(CellRef::Empty, *n)),
                }
            })
    }

    /// The cell of one row (empty past the end).
    pub fn get(&self, row: usize) -> CellRef<'_> {
        let mut start = 0;
        for part in &self.parts {
            let len = part.len();
            if row < start + len {
                let index = row - start;
                return match part {
                    Part::Cells(cells) => CellRef::from(&cells[index]),
                    Part::Text(text) => CellRef::from(text.get(index)),
                    Part::Empty(_) => CellRef::Empty,
                };
            }
            start += len;
        }
        CellRef::Empty
    }
}
