//! The delimited-file reader (src/ingest/csv.rs): quoting, line ends,
//! ragged and blank records, row numbers, layouts and messages, and a
//! round trip of generated tables written the way Excel quotes them.

use proptest::prelude::*;

use mentor_evidence::ingest::csv::{read_delimited, read_delimited_in_chunks};
use mentor_evidence::ingest::{CellRef, Layout, SheetTable, Wanted};

/// Reads `text` as a comma-separated file wanting `columns` (other test
/// modules build CSV-backed cell columns with it too). The file is also
/// read in chunks of a few bytes, which puts region boundaries inside
/// records, quoted fields, line ends and the header rows: every reading
/// must give the same table.
pub fn read(text: &str, layout: Layout, columns: &[&str]) -> SheetTable {
    let wanted = Wanted::new(columns.iter().copied());
    let table = read_delimited("t.csv", text.as_bytes().to_vec(), b',', layout, &wanted)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"));
    for chunk in CHUNKS {
        let chunked = read_delimited_in_chunks("t.csv", text.as_bytes(), b',', layout, &wanted, chunk)
            .unwrap_or_else(|e| panic!("{text:?} in chunks of {chunk}: {e}"));
        assert_same_table(&table, &chunked, &format!("{text:?} in chunks of {chunk}"));
    }
    table
}

/// Chunk sizes `read` and `read_error` try besides the whole file.
const CHUNKS: [usize; 6] = [1, 2, 3, 5, 8, 64];

/// Asserts two readings of a file agree: headers, row numbers, cells.
fn assert_same_table(expected: &SheetTable, found: &SheetTable, what: &str) {
    assert_eq!(expected.all_headers, found.all_headers, "{what}");
    assert_eq!(expected.headers, found.headers, "{what}");
    assert_eq!(expected.row_numbers, found.row_numbers, "{what}");
    for column in 0..expected.columns.len() {
        assert_eq!(
            texts(expected, column),
            texts(found, column),
            "{what}: column {column}"
        );
    }
}
/// The cells of one column as owned text ("" for an empty cell).
fn texts(table: &SheetTable, column: usize) -> Vec<String> {
    let mut out = Vec::new();
    table.columns[column].for_each(|cell| {
        out.push(match cell {
            CellRef::Text(t) => t.to_string(),
            CellRef::Empty => String::new(),
            other => panic!("a CSV cell is text or empty, found {other:?}"),
        })
    });
    out
}

#[test]
fn quoted_fields_keep_separators_line_breaks_and_doubled_quotes() {
    let table = read(
        "ID,Note\n1,\"a, b\"\n2,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n4,\"\"\n",
        Layout::Plain,
        &["ID", "Note"],
    );
    assert_eq!(texts(&table, 1), ["a, b", "two\nlines", "say \"hi\"", ""]);
    assert_eq!(
        table.columns[1].get(3),
        CellRef::Empty,
        "a quoted empty field is empty"
    );
    assert_eq!(
        table.row_numbers,
        [2, 3, 4, 5],
        "a record with a line break is one row"
    );
}

#[test]
fn quotes_inside_unquoted_fields_and_after_closing_quotes_are_text() {
    // As Excel reads them; polars' reader refused both.
    let table = read(
        "ID,Note\n1,5\" tall\n2,\"ab\"c\n3,\"x\"\"\"y\n",
        Layout::Plain,
        &["ID", "Note"],
    );
    assert_eq!(texts(&table, 1), ["5\" tall", "abc", "x\"y"]);
}

#[test]
fn line_ends_byte_order_mark_and_last_line_without_end() {
    let table = read(
        "\u{feff}ID,Note\r\n1,a\r\n2,b\rc\r\n3,\"q\"\r\n4,d",
        Layout::Plain,
        &["ID", "Note"],
    );
    assert_eq!(
        table.headers,
        ["ID", "Note"],
        "the byte-order mark is not part of the first header"
    );
    assert_eq!(
        texts(&table, 1),
        ["a", "b\rc", "q", "d"],
        "CR before LF ends a line; a lone CR is text"
    );
    let table = read("ID,Note\n1,a\r", Layout::Plain, &["Note"]);
    assert_eq!(texts(&table, 0), ["a"], "a final CR without LF is a line end too");
}

#[test]
fn ragged_records_are_padded_or_cut_to_the_header() {
    let table = read(
        "ID,A,B\n1\n2,x,y,extra,more\n,,,not blank beyond the header\n3,,z\n",
        Layout::Plain,
        &["ID", "B"],
    );
    assert_eq!(texts(&table, 0), ["1", "2", "3"]);
    assert_eq!(texts(&table, 1), ["", "y", "z"]);
    assert_eq!(
        table.row_numbers,
        [2, 3, 5],
        "a record whose only text is past the header's width is blank"
    );
}

#[test]
fn blank_records_are_skipped_but_keep_their_row_numbers() {
    // Text only in a column nobody reads still makes a row.
    let table = read(
        "ID,Note,Other\n1,a,\n\n , ,\n\"  \",,\n,,kept\n2,b,\n",
        Layout::Plain,
        &["ID", "Note"],
    );
    assert_eq!(texts(&table, 0), ["1", "", "2"]);
    assert_eq!(table.row_numbers, [2, 6, 7]);
    // A blank record's cells are taken back from every column, the
    // unescaped text of a quoted field included.
    let table = read(
        "ID,Note\n1,\"a\"\"b\"\n\"\" ,\n2,\"c\"\"d\"\n",
        Layout::Plain,
        &["ID", "Note"],
    );
    assert_eq!(texts(&table, 1), ["a\"b", "c\"d"]);
    assert_eq!(table.row_numbers, [2, 4]);
}

/// A Salesforce report's footer: after a blank line, the report's name,
/// copyright and confidentiality lines, who ran it and the organisation's
/// name. None is a mentor, wherever the reader's regions end (`read` tries
/// chunks of 1 to 64 bytes); rows after a blank line that are not a footer
/// (six lines, or a line of data) are kept.
#[test]
fn a_report_footer_after_a_blank_line_is_not_a_record_wherever_regions_end() {
    // Past the rows read to find the header, so that regions end inside
    // the footer.
    let mut data = String::from("\"Full Name\",\"Industry\",\"Email\"\r\n");
    for i in 0..60 {
        data.push_str(&format!("\"M{i:02}\",\"Retail\",\"m{i}@x.com\"\r\n"));
    }
    data.push_str("\"Ann Lee\",\"Retail\",\"a@x.com\"\r\n\"Bo Cole\",\"Banking\",\"b@y.com\"\r\n");
    let last_two = |table: &SheetTable| texts(table, 0)[60..].to_vec();
    let footer = "\r\n\"Mentors 2025-26\"\r\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\r\n\"Confidential Information - Do Not Distribute\"\r\n\"Generated By:  Kim Lee  18/05/2026 10:41\"\r\n\"Bellmoor University\"\r\n";
    let columns = ["Full Name", "Industry"];
    let table = read(&format!("{data}{footer}"), Layout::Plain, &columns);
    assert_eq!(last_two(&table), ["Ann Lee", "Bo Cole"]);
    assert_eq!(table.not_records, [65, 66, 67, 68, 69]);
    // Blank lines after the footer change nothing.
    let table = read(&format!("{data}{footer}\r\n\r\n"), Layout::Plain, &columns);
    assert_eq!(last_two(&table), ["Ann Lee", "Bo Cole"]);
    // Six lines after the blank line are records, not a footer.
    let six = "\nCy Dean\nDi Eve\nEd Fox\nFi Gay\nGus Hay\nHal Ives\n";
    let table = read(&format!("{data}{six}"), Layout::Plain, &columns);
    assert_eq!(texts(&table, 0).len(), 68);
    // A record of data after a blank line is kept, and the lines before it.
    let late = "\nCy Dean\nDi Eve,Law,d@z.com,x\n";
    let table = read(&format!("{data}{late}"), Layout::Plain, &columns);
    assert_eq!(
        texts(&table, 0)[60..],
        ["Ann Lee", "Bo Cole", "Cy Dean", "Di Eve"]
    );
}

#[test]
fn qualtrics_files_skip_two_records_after_the_header() {
    let table = read(
        "ResponseId,Q1\n\"Response ID\",\"How confident\nare you?\"\n\"{\"\"ImportId\"\":\"\"x\"\"}\",\"{}\"\nR1,4\nR2,5\n",
        Layout::Qualtrics,
        &["ResponseId", "Q1"],
    );
    assert_eq!(texts(&table, 0), ["R1", "R2"]);
    assert_eq!(table.row_numbers, [4, 5]);
    let table = read("ResponseId,Q1\nonly one header row\n", Layout::Qualtrics, &["Q1"]);
    assert!(table.row_numbers.is_empty());
}

#[test]
fn repeated_headers_read_the_first_column_and_all_headers_are_listed() {
    let table = read(" ID ,Note,ID,\n1,a,9,x\n", Layout::Plain, &["ID", "Note"]);
    assert_eq!(table.all_headers, ["ID", "Note", "ID", ""]);
    assert_eq!(table.headers, ["ID", "Note"]);
    assert_eq!(texts(&table, 0), ["1"]);
}

#[test]
fn tab_separated_files_read_tabs() {
    let table = read_delimited(
        "t.tsv",
        b"ID\tNote\n1\ta,b\n".to_vec(),
        b'\t',
        Layout::Plain,
        &Wanted::new(["Note"]),
    )
    .unwrap();
    assert_eq!(texts(&table, 0), ["a,b"]);
}

/// The message reading `bytes` as c.csv in `layout` fails with.
fn read_error(bytes: &[u8], layout: Layout) -> String {
    let wanted = Wanted::new(["ID"]);
    let err = read_delimited("c.csv", bytes.to_vec(), b',', layout, &wanted)
        .unwrap_err()
        .to_string();
    for chunk in CHUNKS {
        let chunked = read_delimited_in_chunks("c.csv", bytes, b',', layout, &wanted, chunk)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert_eq!(err, chunked, "{bytes:?} in chunks of {chunk}");
    }
    err
}

#[test]
fn an_unclosed_quote_names_the_row_it_opens_in() {
    let err = read_error(b"ID,Reg\n1,yes\n\"2,no\n3,yes\n", Layout::Plain);
    assert!(
        err.contains("c.csv: row 3: a quoted field is not closed"),
        "{err}"
    );
    assert!(err.contains("starting at \"2,no 3,yes"), "{err}");
    let err = read_error(b"ID,\"Reg\n1,yes\n", Layout::Plain);
    assert!(err.contains("row 1: a quoted field is not closed"), "{err}");
}

#[test]
fn empty_and_binary_files_are_refused_with_the_fix() {
    for (bytes, expected) in [
        (&b" \n\n"[..], "the file is empty; expected a header row"),
        (&b"ID\n\xE9\x00\n"[..], "not text (a NUL byte at offset 4)"),
    ] {
        let err = read_error(bytes, Layout::Plain);
        assert!(err.contains(expected), "{err}");
    }
}

/// Headers the wanted columns must be found under: quoted names (with a
/// separator, a line break or a doubled quote inside), CRLF line ends.
#[test]
fn wanted_columns_are_found_under_every_header_form() {
    for (header, name) in [
        ("ID,Notes,Score\n", "Score"),
        ("\"ID\",\"Notes\",\"Score\"\n", "Score"),
        ("ID,\"Notes, free text\",Score\n", "Score"),
        ("ID,\"Notes\nsecond line\",Score\n", "Score"),
        ("ID,\"Say \"\"hi\"\"\",Score\n", "Score"),
    ] {
        let text = format!("{header}1,a,5\n2,,7\n");
        let table = read(&text, Layout::Plain, &["ID", name]);
        assert_eq!(table.all_headers.len(), 3, "{header:?}: {:?}", table.all_headers);
        assert_eq!(
            table.headers,
            vec!["ID".to_string(), name.to_string()],
            "{header:?}"
        );
        let mut scores = Vec::new();
        table.columns[1].for_each(|cell| scores.push(cell));
        assert_eq!(scores, [CellRef::Text("5"), CellRef::Text("7")], "{header:?}");
        assert_eq!(table.row_numbers, [2, 3], "{header:?}");
    }
    // CRLF files end each cell before the carriage return.
    let text = "ID,\"Notes, free text\",Score\r\n1,a,5\r\n2,,7\r\n";
    let table = read(text, Layout::Plain, &["ID", "Score"]);
    assert_eq!(table.headers, ["ID", "Score"]);
    let mut scores = Vec::new();
    table.columns[1].for_each(|cell| scores.push(cell));
    assert_eq!(scores, [CellRef::Text("5"), CellRef::Text("7")]);
}

/// A field written the way Excel saves it: quoted when it holds a separator,
/// a quote or a line break, or starts with a quote; quotes doubled inside.
fn excel_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Any table of texts, written with Excel's quoting and either line end,
    /// reads back cell for cell in the wanted columns, with its row numbers.
    #[test]
    fn written_tables_read_back_cell_for_cell(
        rows in proptest::collection::vec(
            proptest::collection::vec("[a-c \",\r\n\u{e9}]{0,6}", 3),
            0..12,
        ),
        crlf in any::<bool>(),
        want in proptest::collection::vec(any::<bool>(), 3),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("A,B,C{end}");
        for row in &rows {
            let fields: Vec<String> = row.iter().map(|f| excel_field(f)).collect();
            text.push_str(&fields.join(","));
            text.push_str(end);
        }
        let names = ["A", "B", "C"];
        let wanted: Vec<&str> = names.iter().zip(&want).filter(|(_, w)| **w).map(|(n, _)| *n).collect();
        let table = read(&text, Layout::Plain, &wanted);
        prop_assert_eq!(&table.headers, &wanted);
        // A row whose every field is blank is not read, nor one that is
        // not a record (the reader's own rule).
        let kept: Vec<(usize, &Vec<String>)> = records(&rows);
        let numbers: Vec<u32> = kept.iter().map(|(i, _)| *i as u32 + 2).collect();
        prop_assert_eq!(&table.row_numbers, &numbers);
        for (k, name) in wanted.iter().enumerate() {
            let column = names.iter().position(|n| n == name).unwrap();
            let expected: Vec<String> = kept.iter().map(|(_, row)| row[column].clone()).collect();
            prop_assert_eq!(texts(&table, k), expected);
        }
    }
}

#[test]
fn an_unclosed_quote_in_a_qualtrics_header_row_names_that_row() {
    let err = read_error(
        b"ResponseId,Q1\n\"Response ID\",\"How\n{ImportId}\n",
        Layout::Qualtrics,
    );
    assert!(err.contains("row 2: a quoted field is not closed"), "{err}");
    let err = read_error(
        b"ResponseId,Q1\n\"Response ID\",\"How?\"\n\"{\"\"ImportId\n",
        Layout::Qualtrics,
    );
    assert!(err.contains("row 3: a quoted field is not closed"), "{err}");
}

/// The cells polars' CSV reader (polars-io, which the build compiles anyway)
/// gives for `text`, all columns as text, or None where it refuses the file.
/// Empty and null fields are both "".
fn polars_cells(text: &str) -> Option<(Vec<String>, Vec<Vec<String>>)> {
    use polars_io::prelude::{CsvParseOptions, CsvReadOptions, SerReader};
    let parse = CsvParseOptions::default()
        .with_missing_is_null(true)
        .with_truncate_ragged_lines(true);
    let frame = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .with_parse_options(parse)
        .into_reader_with_file_handle(std::io::Cursor::new(text.as_bytes().to_vec()))
        .finish()
        .ok()?;
    let headers: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = vec![Vec::new(); frame.height()];
    for column in frame.columns() {
        let strings = column.str().ok()?;
        for (row, value) in strings.iter().enumerate() {
            rows[row].push(value.unwrap_or("").to_string());
        }
    }
    Some((headers, rows))
}

/// A well-formed field: unquoted text (a lone CR allowed) or a quoted
/// field holding anything, quotes doubled.
/// The rows a reader keeps, with their indexes: not blank, not a total or
/// a note (`header::skipped_row`), and not a footer: at most five short
/// lines of words after the last blank row that follows data, with at most
/// five blank rows after them (`ingest::footer`; the reader's own rules).
fn records(rows: &[Vec<String>]) -> Vec<(usize, &Vec<String>)> {
    use mentor_evidence::ingest::{footer, header};
    let filled =
        |row: &Vec<String>| -> Vec<String> { row.iter().filter(|f| !f.trim().is_empty()).cloned().collect() };
    let blank = |row: &Vec<String>| filled(row).is_empty();
    let kept: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let cells = filled(&rows[i]);
            !cells.is_empty() && !header::skipped_row(&cells[0], cells.len().min(4))
        })
        .collect();
    let mut footer_from = None;
    if let Some(&last) = kept.last() {
        let trailing = rows[last + 1..].iter().filter(|row| blank(row)).count();
        let gap = (0..last)
            .rev()
            .find(|&i| blank(&rows[i]))
            .filter(|&gap| kept.iter().any(|&k| k < gap));
        if let Some(gap) = gap {
            let group: Vec<usize> = kept.iter().copied().filter(|&k| k > gap).collect();
            let lines = group.iter().all(|&k| {
                let cells = filled(&rows[k]);
                footer::is_line(&cells[0], cells.len().min(4), 3)
            });
            if lines && group.len() <= footer::MAX_LINES && trailing <= footer::MAX_LINES {
                footer_from = Some(gap);
            }
        }
    }
    kept.into_iter()
        .filter(|&i| footer_from.is_none_or(|gap| i < gap))
        .map(|i| (i, &rows[i]))
        .collect()
}

fn any_field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ab \r\u{e9}]{0,4}",
        "[ab ,\"\n\r]{0,4}".prop_map(|t| format!("\"{}\"", t.replace('"', "\"\""))),
    ]
}

/// Wherever polars reads a well-formed file (quotes only around whole
/// fields; rows ragged or blank, CR or CRLF line ends, the last line with or
/// without one), this reader reads the same headers, keeps the same rows
/// (blank ones skipped, numbered as polars counts them) and the same cells
/// as the value parsers see them (trimmed). (The two differ on purpose where
/// a quote sits inside a field: README, "Delimited files".) Returns whether
/// polars read the file, so the caller can count the cases compared.
fn agrees_with_polars(
    rows: &[Vec<String>],
    crlf: &[bool],
    last_line_end: bool,
) -> Result<bool, TestCaseError> {
    let mut text = String::from("A,B,C\n");
    for (i, row) in rows.iter().enumerate() {
        text.push_str(&row.join(","));
        if i + 1 < rows.len() || last_line_end {
            text.push_str(if crlf[i] { "\r\n" } else { "\n" });
        }
    }
    let Some((headers, rows)) = polars_cells(&text) else {
        return Ok(false);
    };
    prop_assert_eq!(&headers, &["A", "B", "C"]);
    let ours = read(&text, Layout::Plain, &["A", "B", "C"]);
    // Blank rows are skipped, and rows that are not records (a total, a
    // note, a footer line: the reader's own rule, applied to polars' cells).
    let kept: Vec<(u32, &Vec<String>)> = records(&rows)
        .into_iter()
        .map(|(i, row)| (i as u32 + 2, row))
        .collect();
    prop_assert_eq!(
        &ours.row_numbers,
        &kept.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "{:?}",
        text
    );
    // Compared trimmed, as every value parser reads a cell: polars also
    // drops a CR that ends a field inside a line ("a\r,").
    for column in 0..3 {
        let theirs: Vec<&str> = kept.iter().map(|(_, row)| row[column].trim()).collect();
        let ours_trimmed: Vec<String> = texts(&ours, column)
            .iter()
            .map(|t| t.trim().to_string())
            .collect();
        prop_assert_eq!(ours_trimmed, theirs, "column {} of {:?}", column, text);
    }
    Ok(true)
}

#[test]
fn agrees_with_polars_wherever_polars_reads_the_file() {
    let config = ProptestConfig {
        cases: 2000,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let compared = std::cell::Cell::new(0);
    let strategy = (
        proptest::collection::vec(proptest::collection::vec(any_field(), 0..5), 0..6),
        proptest::collection::vec(any::<bool>(), 6),
        any::<bool>(),
    );
    runner
        .run(&strategy, |(rows, crlf, last_line_end)| {
            if agrees_with_polars(&rows, &crlf, last_line_end)? {
                compared.set(compared.get() + 1);
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // polars refuses some generated files (a quote inside a field); a test
    // whose generator drifted so that polars read almost none would pass
    // while comparing nothing.
    assert!(
        compared.get() >= 1000,
        "compared only {} of 2000 cases",
        compared.get()
    );
}

/// The row estimate that columns reserve room for: close above the true
/// count for even rows, and the header rows' bytes are not counted as
/// records (a 10 KB header before one short record).
#[test]
fn rows_estimate_follows_the_first_records_and_leaves_out_the_header() {
    use mentor_evidence::ingest::csv::CsvReader;
    let wanted = Wanted::new(["ID"]);
    let mut text = String::from("ID,Note\n");
    for i in 0..10_000 {
        text.push_str(&format!("{i:05},abcd\n"));
    }
    let reader = CsvReader::open("t", text.as_bytes(), b',', Layout::Plain, &wanted, 4096).unwrap();
    let estimate = reader.rows_estimate(text.len());
    assert!((10_000..=11_200).contains(&estimate), "{estimate}");

    let long_header = format!("ID,{}\n1,a\n", "N".repeat(10_000));
    let reader = CsvReader::open("t", long_header.as_bytes(), b',', Layout::Plain, &wanted, 64).unwrap();
    assert!(reader.rows_estimate(long_header.len()) <= 2);
}

#[test]
fn fields_of_every_length_end_where_they_should_across_64_byte_blocks() {
    // The scanner finds separators and line ends 64 bytes at a time: fields
    // of every length from 0 to 140 put a delimiter, a `\r\n` and a quoted
    // field's closing quote at every offset of a block.
    let mut text = String::from("ID,Note,Quoted\n");
    let mut notes = Vec::new();
    let mut quoted = Vec::new();
    for length in 0..=140 {
        let note = "x".repeat(length);
        let inside = format!("{},\n{}", "q".repeat(length % 67), "r".repeat(length % 5));
        let line_end = if length % 2 == 0 { "\r\n" } else { "\n" };
        text.push_str(&format!("{length},{note},\"{inside}\"{line_end}"));
        notes.push(note);
        quoted.push(inside);
    }
    let table = read(&text, Layout::Plain, &["ID", "Note", "Quoted"]);
    let ids: Vec<String> = (0..=140).map(|length: usize| length.to_string()).collect();
    assert_eq!(texts(&table, 0), ids);
    assert_eq!(texts(&table, 1), notes);
    assert_eq!(texts(&table, 2), quoted);
}

/// Regression from review: the separator is the one every row shares, not
/// the one free text uses most ("CV, LinkedIn, interview prep").
/// A SITS report's pipe-delimited text (SRL output), its department
/// names holding commas: the pipe is the separator.
#[test]
fn a_pipe_delimited_report_is_read_by_its_pipes() {
    let text = "STU_CODE|DPT_NAME|SCE_MOAC\n24000001|Department of Accounting, Finance and Economics|FT\n24000002|Department of Management|PT\n";
    let table = read_delimited(
        "t.txt",
        text.as_bytes().to_vec(),
        mentor_evidence::ingest::csv::FIND_SEPARATOR,
        Layout::Plain,
        &Wanted::new(["STU_CODE", "DPT_NAME"]),
    )
    .unwrap();
    assert_eq!(table.headers, ["STU_CODE", "DPT_NAME"]);
    assert_eq!(
        texts(&table, 1),
        [
            "Department of Accounting, Finance and Economics",
            "Department of Management"
        ]
    );
}

#[test]
fn the_separator_is_the_one_the_rows_share() {
    let text =
        "Student;Date;Notes\nS1;01/10/2025;CV, LinkedIn, interview prep, mock, more\nS2;02/10/2025;ok\n";
    let table = read_delimited(
        "t.csv",
        text.as_bytes().to_vec(),
        mentor_evidence::ingest::csv::FIND_SEPARATOR,
        Layout::Plain,
        &Wanted::new(["Student", "Notes"]),
    )
    .unwrap();
    assert_eq!(table.headers, ["Student", "Notes"]);
    assert_eq!(
        texts(&table, 1),
        ["CV, LinkedIn, interview prep, mock, more", "ok"]
    );
}
