//! A report's footer at the end of a table: a few short lines of words
//! after a blank row (Salesforce's report name, copyright line and
//! organisation name; a paginated report's "Report run by ..."). inputs.md
//! skips rows after a fully blank block at the end of a sheet as
//! `not_a_record`. The footer is at most `MAX_LINES` rows, each
//! `is_line`, with at most `MAX_LINES` blank rows after it; a record of
//! data after a blank row is kept.

/// At most this many lines after the last blank row are a footer, and at
/// most this many blank rows may follow it.
pub const MAX_LINES: usize = 5;

/// Whether a row of a table `width` columns wide can be a footer line: at
/// most three cells and fewer than the header has, the first words rather
/// than a code or a number.
pub fn is_line(first_text: &str, filled: usize, width: usize) -> bool {
    filled <= 3 && filled < width && first_text.trim().contains(' ')
}

/// The rows after a blank record of a delimited file's region.
#[derive(Debug, Clone, Copy)]
pub struct Group {
    /// Byte offset (in the region's text) where the blank record starts.
    pub start: usize,
    /// The blank record's row number.
    pub row: u32,
    /// Index, among the region's kept rows, of the group's first row.
    pub first: usize,
    /// How many kept rows follow the blank record.
    rows: usize,
    /// Whether every one of them can be a footer line.
    lines: bool,
}

/// Watches a delimited file's records as a region is scanned, for a
/// footer after the last blank record: at the end of the file it is
/// dropped; at the end of any other region it is carried into the next
/// region whole, so that where regions are cut never changes what is read.
#[derive(Debug, Default)]
pub struct FooterWatch {
    /// The most recent blank record (after some data).
    last_blank: Option<Group>,
    /// The rows after the last blank block.
    open: Option<Group>,
    /// Blank records since the last kept row.
    trailing: usize,
}

impl FooterWatch {
    /// A blank record at byte `start` of the region, numbered `row`, with
    /// `kept` rows kept so far in the region and `earlier` in earlier
    /// regions (a blank row before any data starts no footer).
    pub fn blank(&mut self, start: usize, row: u32, kept: usize, earlier: usize) {
        if kept + earlier == 0 {
            return;
        }
        self.trailing += 1;
        self.last_blank = Some(Group {
            start,
            row,
            first: kept,
            rows: 0,
            lines: true,
        });
    }

    /// A kept row: whether it can be a footer line.
    pub fn row(&mut self, is_line: bool) {
        if self.trailing > 0 {
            self.open = self.last_blank.take();
            self.trailing = 0;
        }
        if let Some(open) = &mut self.open {
            open.rows += 1;
            open.lines &= is_line;
        }
    }

    /// At the end of the file: the rows that are its footer.
    pub fn footer(&self) -> Option<Group> {
        let group = self.open?;
        (group.lines && group.rows <= MAX_LINES && self.trailing <= MAX_LINES).then_some(group)
    }

    /// At the end of a region that is not the file's last: where the next
    /// region must start for the footer rule to see what this one saw (a
    /// footer that may end here, else a blank block that may start one).
    pub fn carry_from(&self) -> Option<Group> {
        self.footer().or(self.last_blank.filter(|_| self.trailing > 0))
    }
}
