//! Reading an input's rows block by block: its sheets and tables whole,
//! its delimited files a region at a time, with the `exclude` rules applied
//! before any reader sees a row.

use super::*;

/// Rows per block when a table's columns are read block by block
/// (`Mapper::read_in_blocks`): a block of a wide file's text and its cells'
/// spans fit in a core's 1 MB second-level cache.
const BLOCK_ROWS: usize = 2048;

/// Runs every reader over `rows` of `columns`, `BLOCK_ROWS` rows at a
/// time; `first` is the input row index of `rows.start`.
fn read_rows(
    columns: &[CellColumn],
    rows: Range<usize>,
    first: usize,
    date1904: bool,
    readers: &mut [BlockReader<'_>],
) {
    let mut start = rows.start;
    while start < rows.end {
        let end = (start + BLOCK_ROWS).min(rows.end);
        let block = Block {
            columns,
            rows: start..end,
            first: first + (start - rows.start),
            date1904,
        };
        for read in readers.iter_mut() {
            read(&block);
        }
        start = end;
    }
}

/// Runs every reader over a table built in memory, a source's rows at a
/// time (a block has one date system), and appends its origins.
fn read_table(table: &RawTable, origins: &mut Vec<Origin>, readers: &mut [BlockReader<'_>]) {
    let first = origins.len();
    let mut start = 0;
    while let Some(origin) = table.origins.get(start) {
        let run = table.origins[start..]
            .iter()
            .take_while(|o| o.source == origin.source)
            .count();
        let date1904 = table
            .sources
            .get(origin.source as usize)
            .is_some_and(|s| s.date1904);
        read_rows(
            &table.columns,
            start..start + run,
            first + start,
            date1904,
            readers,
        );
        start += run;
    }
    origins.extend_from_slice(&table.origins);
}

/// The `exclude` rules of an input, resolved to its columns.
#[derive(Debug, Default)]
pub struct Exclusions {
    /// (column index, column header, values lower-case, values as configured).
    rules: Vec<(usize, String, Vec<String>, Vec<String>)>,
    /// Rows left out per (rule, value).
    counts: Vec<Vec<usize>>,
}

impl Exclusions {
    /// Which of `rows` of `columns` are kept (None: every row).
    fn keep(&mut self, columns: &[CellColumn], rows: usize) -> Option<Vec<bool>> {
        if self.rules.is_empty() {
            return None;
        }
        let mut keep = vec![true; rows];
        for ((index, _, lower, _), counts) in self.rules.iter().zip(self.counts.iter_mut()) {
            let Some(column) = columns.get(*index) else {
                continue;
            };
            let mut row = 0;
            column.for_each_in(0..rows, |cell| {
                let text = match cell {
                    CellRef::Text(t) => Some(t.trim().to_lowercase()),
                    other => values::cell_text(other).map(|t| t.to_lowercase()),
                };
                if let Some(text) = text
                    && let Some(value) = lower.iter().position(|v| *v == text)
                    && keep[row]
                {
                    keep[row] = false;
                    counts[value] += 1;
                }
                row += 1;
            });
        }
        Some(keep)
    }

    /// Rows left out: (column, value as configured, rows), values that left none out omitted.
    fn counted(&self) -> Vec<(String, String, usize)> {
        let mut out = Vec::new();
        for ((_, column, _, values), counts) in self.rules.iter().zip(&self.counts) {
            for (value, count) in values.iter().zip(counts) {
                if *count > 0 {
                    out.push((column.clone(), value.clone(), *count));
                }
            }
        }
        out
    }
}

/// Runs the readers over the kept rows of `columns` (all when `keep` is
/// None), a run of kept rows at a time, and appends their origins.
fn read_kept(
    columns: &[CellColumn],
    row_numbers: &[u32],
    source: u32,
    date1904: bool,
    keep: Option<&[bool]>,
    origins: &mut Vec<Origin>,
    readers: &mut [BlockReader<'_>],
) {
    let rows = row_numbers.len();
    let Some(keep) = keep else {
        read_rows(columns, 0..rows, origins.len(), date1904, readers);
        origins.extend(row_numbers.iter().map(|&row| Origin { source, row }));
        return;
    };
    let mut start = 0;
    while start < rows {
        if !keep[start] {
            start += 1;
            continue;
        }
        let end = (start..rows).find(|&r| !keep[r]).unwrap_or(rows);
        read_rows(columns, start..end, origins.len(), date1904, readers);
        origins.extend(row_numbers[start..end].iter().map(|&row| Origin { source, row }));
        start = end;
    }
}

impl<'a> Mapper<'a> {
    /// The `exclude` rules resolved to the input's columns; a rule's column
    /// must be in some file.
    fn exclusions(&self) -> Result<Exclusions> {
        let mut exclusions = Exclusions::default();
        for rule in &self.rules.exclude.0 {
            let index = self.table.require_column_somewhere("exclude", &rule.column)?;
            let lower = rule.values.iter().map(|v| v.trim().to_lowercase()).collect();
            exclusions.counts.push(vec![0; rule.values.len()]);
            exclusions
                .rules
                .push((index, rule.column.clone(), lower, rule.values.clone()));
        }
        Ok(exclusions)
    }

    /// Runs each reader over the input's rows a block at a time: every
    /// reader reads one block of rows before any reads the next. A row's
    /// cells sit side by side in a delimited file, so a block's text is
    /// fetched from memory once and stays in cache while each column reads
    /// it. Read a column at a time, the whole file streamed from memory once
    /// per column, and most of the mapping time went into waiting for it.
    ///
    /// A delimited file is read, scanned and mapped a region (about a
    /// megabyte) at a time (hashed as it is read, when asked). Returns every
    /// row's origin and the input's record for findings and metrics.json.
    pub fn read_in_blocks(
        &self,
        file_rows: InputRows,
        mut readers: Vec<BlockReader<'_>>,
    ) -> Result<ReadRows> {
        let mut origins: Vec<Origin> = Vec::with_capacity(file_rows.rows_estimate);
        let mut info = self.table.info();
        let mut exclusions = self.exclusions()?;
        for file in file_rows.files {
            match file {
                FileRows::Table(table) => read_table(&table, &mut origins, &mut readers),
                FileRows::Sheet { source, sheet } => {
                    let columns =
                        self.table
                            .in_input_order(&sheet.headers, sheet.columns, sheet.row_numbers.len());
                    let keep = exclusions.keep(&columns, sheet.row_numbers.len());
                    read_kept(
                        &columns,
                        &sheet.row_numbers,
                        source,
                        sheet.date1904,
                        keep.as_deref(),
                        &mut origins,
                        &mut readers,
                    );
                }
                FileRows::Csv { source, file, reader } => {
                    let (sha256, encoding, not_records) =
                        self.read_csv(reader, (source, &mut exclusions), &mut origins, &mut readers)?;
                    if let Some(record) = info.sources.get_mut(source as usize) {
                        record.not_records = not_records;
                    }
                    if let Some(record) = info.files.get_mut(file) {
                        if let Some(sha256) = sha256 {
                            record.sha256 = sha256;
                        }
                        record.encoding = encoding;
                    }
                }
            }
        }
        info.rows_read = origins.len();
        info.excluded = exclusions.counted();
        Ok(ReadRows { origins, info })
    }

    /// Reads a delimited file a region at a time: each region is scanned
    /// and mapped while its text is in cache. Returns the file's sha256
    /// (lower-case hex) when the reader hashes, and the encoding it was read
    /// in when that was not UTF-8.
    #[allow(clippy::type_complexity)]
    fn read_csv(
        &self,
        mut reader: Box<CsvReader<HashingReader<std::fs::File>>>,
        (source, exclusions): (u32, &mut Exclusions),
        origins: &mut Vec<Origin>,
        readers: &mut [BlockReader<'_>],
    ) -> Result<(Option<String>, Option<&'static str>, Vec<u32>)> {
        let headers = reader.headers().to_vec();
        let mut not_records = Vec::new();
        while let Some(region) = reader.next_region()? {
            let scanned = reader.scan(&region)?;
            let rows = scanned.row_numbers.len();
            let columns = self.table.in_input_order(&headers, scanned.columns, rows);
            let keep = exclusions.keep(&columns, rows);
            read_kept(
                &columns,
                &scanned.row_numbers,
                source,
                false,
                keep.as_deref(),
                origins,
                readers,
            );
            not_records.extend(scanned.not_records);
            reader.finish(region);
        }
        let encoding = reader.decoded_as();
        Ok((reader.into_source().finish(), encoding, not_records))
    }
}
