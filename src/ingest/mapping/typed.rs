//! A mapped column read as its type (ids, texts, flags, dates, numbers,
//! durations) a block of rows at a time; cells that cannot be read are
//! problems and count as missing.

use super::*;

impl<'a> Mapper<'a> {
    /// Ids (numbers without `.0`, leading zeros kept), stored inline when
    /// short: no heap allocation per cell for typical student and mentor ids.
    pub fn ids(&self, column: &Mapped, block: &Block<'_>, out: &mut Vec<Option<Id>>) {
        // An email used as the id (a log that knows students only by email)
        // matches in any case, as email addresses do.
        self.for_each_text(column, block, |text| {
            out.push(text.map(|t| {
                if t.contains('@') {
                    Id::from(t.to_lowercase())
                } else {
                    Id::new(t)
                }
            }))
        });
    }

    /// Mentor ids by their key (`values::mentor_key`): a mentor named with
    /// another case, spacing or title is the same mentor.
    /// A missing word ("TBC") is no mentor.
    pub fn mentor_ids(&self, column: &Mapped, block: &Block<'_>, out: &mut Vec<Option<Id>>) {
        self.for_each_text(column, block, |text| {
            let text = text.filter(|t| !self.rules.is_missing_word(CellRef::Text(t)));
            out.push(text.map(|t| Id::from(values::mentor_key(t))))
        });
    }

    /// Appends the block's mentor ids to `coder` (made by
    /// `TextCoder::mentor_keys`); a missing word ("TBC") is no mentor.
    pub fn code_mentor_ids(&self, column: &Mapped, block: &Block<'_>, coder: &mut TextCoder) {
        self.for_each_text(column, block, |text| {
            coder.push(text.filter(|t| !self.rules.is_missing_word(CellRef::Text(t))))
        });
    }

    /// Calls `f` with the text of each of the block's cells (`values::cell_text`:
    /// trimmed, numbers without `.0`, None for missing), borrowing text cells
    /// instead of copying them.
    pub fn for_each_text(&self, column: &Mapped, block: &Block<'_>, mut f: impl FnMut(Option<&str>)) {
        block.for_each(column, |_, cell| match cell {
            CellRef::Text(t) => f(values::clean_text(t)),
            other => f(values::cell_text(other).as_deref()),
        });
    }

    /// Appends the block's texts to `coder`'s dictionary-coded column.
    pub fn code_texts(&self, column: &Mapped, block: &Block<'_>, coder: &mut TextCoder) {
        self.for_each_text(column, block, |text| coder.push(text));
    }

    /// Appends the block's cells to `coder`'s dictionary-coded answers.
    pub fn code_answers(&self, column: &Mapped, block: &Block<'_>, coder: &mut AnswerCoder) {
        block.for_each(column, |_, cell| coder.push(cell));
    }

    /// Appends the block's texts, as `for_each_text` reads them, to `out`.
    pub fn texts(&self, column: &Mapped, block: &Block<'_>, out: &mut Texts) {
        self.for_each_text(column, block, |text| out.push(text));
    }

    /// Appends the block's texts lower-cased to `out` (email addresses: a
    /// different value in nearly every row, compared case-insensitively).
    pub fn lowercase_texts(&self, column: &Mapped, block: &Block<'_>, out: &mut Texts) {
        self.for_each_text(column, block, |text| out.push_lowercase(text));
    }

    /// Appends `parse` of each of the block's cells (given the cell and whether its
    /// workbook counts dates from 1904) to `out`, recording no problems: for
    /// layout columns whose unreadable cells have a meaning of their own.
    pub fn read_each<T>(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        parse: impl Fn(CellRef<'_>, bool) -> T,
        out: &mut Vec<T>,
    ) {
        block.for_each(column, |_, cell| out.push(parse(cell, block.date1904)));
    }

    /// Reads each of the block's cells with `parse` (given the cell and whether its
    /// workbook counts dates from 1904) and hands `emit` the value, or None
    /// for missing and unreadable cells; unreadable cells become problems.
    fn parse_each<T>(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        kind: ProblemKind,
        mut parse: impl FnMut(CellRef<'_>, bool) -> Parsed<T>,
        mut emit: impl FnMut(Option<T>),
    ) {
        let mut problems = Vec::new();
        block.for_each(column, |row, cell| match parse(cell, block.date1904) {
            Parsed::Value(v) => emit(Some(v)),
            Parsed::Missing => emit(None),
            Parsed::Invalid(found) => {
                problems.push(CellProblem {
                    row,
                    column: column.header.clone(),
                    field: column.field,
                    kind,
                    found,
                });
                emit(None);
            }
        });
        if !problems.is_empty() {
            self.problems
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .append(&mut problems);
        }
    }

    /// Flags (a date means true); missing is false; unreadable cells are
    /// problems and false.
    pub fn flags(&self, column: &Mapped, block: &Block<'_>, out: &mut Vec<bool>) {
        let rules = &self.rules;
        self.parse_each(
            column,
            block,
            ProblemKind::Flag,
            |cell, date1904| rules.rescue(cell, values::parse_flag(cell, rules.order, date1904)),
            |flag| out.push(flag.unwrap_or(false)),
        );
    }

    /// Flag-or-date columns: the flag and, when the cell is a date, the date.
    pub fn flag_dates(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        flags: &mut Vec<bool>,
        dates: &mut Vec<Option<NaiveDate>>,
    ) {
        let rules = &self.rules;
        self.parse_each(
            column,
            block,
            ProblemKind::Flag,
            |cell, date1904| match values::parse_flag_or_date(cell, rules.order, date1904) {
                // "1st Dec" in a flag-or-date column: a date in the period.
                Parsed::Invalid(found) => match rules.rescue_date(cell, Parsed::Invalid(found)) {
                    Parsed::Value(date) => Parsed::Value((true, Some(date))),
                    Parsed::Missing => Parsed::Missing,
                    Parsed::Invalid(found) => Parsed::Invalid(found),
                },
                other => other,
            },
            |value| {
                let (flag, date) = value.unwrap_or((false, None));
                flags.push(flag);
                dates.push(date);
            },
        );
    }

    /// Dates; unreadable cells are problems and missing. `memo` remembers
    /// the dates of texts already read in the column.
    pub fn dates(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        out: &mut Vec<Option<NaiveDate>>,
        memo: &mut TextMemo<NaiveDate>,
    ) {
        let rules = &self.rules;
        self.parse_each(
            column,
            block,
            ProblemKind::Date,
            |cell, date1904| {
                memo.parse(cell, |cell| {
                    rules.rescue_date(cell, values::parse_date(cell, rules.order, date1904))
                })
            },
            |date| out.push(date),
        );
    }

    /// Numbers; unreadable cells are problems and missing.
    pub fn numbers(&self, column: &Mapped, block: &Block<'_>, out: &mut Vec<Option<f64>>) {
        self.parse_each(
            column,
            block,
            ProblemKind::Number,
            |cell, _| self.rules.rescue(cell, values::parse_number(cell)),
            |number| out.push(number),
        );
    }

    /// Durations in minutes; unreadable cells are problems and missing.
    /// `memo` remembers the minutes of texts already read in the column.
    pub fn durations(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        out: &mut Vec<Option<f64>>,
        memo: &mut TextMemo<f64>,
    ) {
        self.parse_each(
            column,
            block,
            ProblemKind::Duration,
            |cell, _| {
                memo.parse(cell, |cell| {
                    let unit = self.rules.duration_unit;
                    self.rules.rescue(cell, values::parse_duration_in(cell, unit))
                })
            },
            |minutes| out.push(minutes),
        );
    }
}
