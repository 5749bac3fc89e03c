//! The value-parsing rules of inputs.md, one test per rule.

use chrono::{NaiveDate, NaiveDateTime};
use mentor_evidence::config::DateOrder;
use mentor_evidence::ingest::values::*;
use mentor_evidence::ingest::{Cell, CellRef};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

#[test]
fn missing_value_tokens_are_missing() {
    for token in ["", "  ", "N/A", "NA", "n/a", "-", "null", " NULL "] {
        assert_eq!(clean_text(token), None, "{token:?}");
        assert_eq!(
            parse_date(&text(token), DateOrder::Dmy, false),
            Parsed::Missing,
            "{token:?}"
        );
    }
    assert_eq!(clean_text("  Law "), Some("Law"));
}

#[test]
fn flags_true_false_and_dates() {
    // "checked": an Airtable checkbox, ticked.
    for t in ["y", "Yes", "TRUE", "t", "1", "x", "X", "✓", "✔", "checked"] {
        assert_eq!(
            parse_flag(&text(t), DateOrder::Dmy, false),
            Parsed::Value(true),
            "{t}"
        );
    }
    for f in ["n", "No", "false", "F", "0"] {
        assert_eq!(
            parse_flag(&text(f), DateOrder::Dmy, false),
            Parsed::Value(false),
            "{f}"
        );
    }
    assert_eq!(parse_flag(&Cell::Empty, DateOrder::Dmy, false), Parsed::Missing);
    assert_eq!(
        parse_flag(&text("05/10/2026"), DateOrder::Dmy, false),
        Parsed::Value(true)
    );
    assert_eq!(
        parse_flag(&Cell::Number(1.0), DateOrder::Dmy, false),
        Parsed::Value(true)
    );
    assert_eq!(
        parse_flag(&Cell::Bool(false), DateOrder::Dmy, false),
        Parsed::Value(false)
    );
    assert_eq!(
        parse_flag(&text("maybe"), DateOrder::Dmy, false),
        Parsed::Invalid("maybe".into())
    );
    assert!(matches!(
        parse_flag(&Cell::Number(2.0), DateOrder::Dmy, false),
        Parsed::Invalid(_)
    ));
}

#[test]
fn flag_or_date_keeps_the_date() {
    let dt = NaiveDateTime::new(d(2026, 10, 5), chrono::NaiveTime::MIN);
    assert_eq!(
        parse_flag_or_date(&Cell::Date(dt), DateOrder::Dmy, false),
        Parsed::Value((true, Some(d(2026, 10, 5))))
    );
    assert_eq!(
        parse_flag_or_date(&text("yes"), DateOrder::Dmy, false),
        Parsed::Value((true, None))
    );
    assert_eq!(
        parse_flag_or_date(&text("05/10/2026"), DateOrder::Dmy, false),
        Parsed::Value((true, Some(d(2026, 10, 5))))
    );
    assert_eq!(
        parse_flag_or_date(&Cell::Number(46_300.0), DateOrder::Dmy, false),
        Parsed::Value((true, Some(d(2026, 10, 5)))),
        "a date serial"
    );
}

/// Regression: a 1 in a flag-or-date column (a ticked box saved as a number
/// or as text) is "yes" without a date; it was read as serial day 1, so the
/// student's registration date became 1900-01-01.
#[test]
fn flag_or_date_one_is_a_flag_not_a_date() {
    for cell in [Cell::Number(1.0), text("1"), Cell::Bool(true)] {
        assert_eq!(
            parse_flag_or_date(&cell, DateOrder::Dmy, false),
            Parsed::Value((true, None)),
            "{cell:?}"
        );
    }
    for cell in [Cell::Number(0.0), text("0"), text("no")] {
        assert_eq!(
            parse_flag_or_date(&cell, DateOrder::Dmy, false),
            Parsed::Value((false, None)),
            "{cell:?}"
        );
    }
    assert!(matches!(
        parse_flag_or_date(&Cell::Number(7.0), DateOrder::Dmy, false),
        Parsed::Invalid(_)
    ));
}

#[test]
fn excel_serial_dates_1900_and_1904() {
    // 46300 = 2026-10-05 in the 1900 system; the same day is 44838 in the 1904 system.
    assert_eq!(serial_to_date(46300.0, false), Some(d(2026, 10, 5)));
    assert_eq!(serial_to_date(44838.0, true), Some(d(2026, 10, 5)));
    assert_eq!(serial_to_date(46300.75, false), Some(d(2026, 10, 5)));
    assert_eq!(serial_to_date(1.0, false), Some(d(1900, 1, 1)));
    assert_eq!(serial_to_date(59.0, false), Some(d(1900, 2, 28)));
    assert_eq!(serial_to_date(60.0, false), None, "Excel's fictional 1900-02-29");
    assert_eq!(serial_to_date(61.0, false), Some(d(1900, 3, 1)));
    assert_eq!(serial_to_date(0.0, true), Some(d(1904, 1, 1)));
    assert_eq!(serial_to_date(-1.0, false), None);
    assert_eq!(
        parse_date(&Cell::Number(46300.0), DateOrder::Dmy, false),
        Parsed::Value(d(2026, 10, 5))
    );
    assert_eq!(
        parse_date(&Cell::Number(44838.0), DateOrder::Dmy, true),
        Parsed::Value(d(2026, 10, 5))
    );
}

#[test]
fn iso_and_uk_text_dates() {
    let dmy = |s: &str| parse_date(&text(s), DateOrder::Dmy, false);
    let want = Parsed::Value(d(2026, 10, 5));
    for s in [
        "2026-10-05",
        "2026-10-05T14:30",
        "2026-10-05 14:30:00",
        "05/10/2026",
        "5/10/2026",
        "5.10.2026",
        "5 Oct 2026",
        "5 October 2026",
        "05/10/2026 09:15",
        // Teams' attendance reports.
        "05/10/26, 12:58:26",
    ] {
        assert_eq!(dmy(s), want, "{s}");
    }
    assert_eq!(parse_date(&text("10/05/2026"), DateOrder::Mdy, false), want);
    assert_eq!(dmy("29/02/2028"), Parsed::Value(d(2028, 2, 29)));
    assert_eq!(dmy("9999-12-31"), Parsed::Value(d(9999, 12, 31)));
}

#[test]
fn impossible_dates_are_errors_never_guesses() {
    let dmy = |s: &str| parse_date(&text(s), DateOrder::Dmy, false);
    for s in [
        "31/02/2026",
        "2026-13-01",
        "13/13/2026",
        "31/02/26",
        "05/10/026",
        "1899-12-31",
        "2026-02-29",
        "29/02/2027",
        "5/10/10000",
        "next Tuesday",
        "32 Oct 2026",
    ] {
        assert!(
            matches!(dmy(s), Parsed::Invalid(_)),
            "{s} should be invalid, got {:?}",
            dmy(s)
        );
    }
    // Month-first with a day-first-only date.
    assert!(matches!(
        parse_date(&text("25/12/2026"), DateOrder::Mdy, false),
        Parsed::Invalid(_)
    ));
}

#[test]
fn ids_lose_dot_zero_and_keep_leading_zeros() {
    assert_eq!(cell_text(&Cell::Number(12345.0)).as_deref(), Some("12345"));
    assert_eq!(cell_text(&text(" 0012345 ")).as_deref(), Some("0012345"));
    assert_eq!(cell_text(&Cell::Number(1.5)).as_deref(), Some("1.5"));
    assert_eq!(number_text(1.0), "1");
    assert_eq!(cell_text(&Cell::Error("#N/A".into())), None);
}

#[test]
fn numbers_accept_percent_text() {
    assert_eq!(parse_number(&text("85")), Parsed::Value(85.0));
    assert_eq!(parse_number(&text("85%")), Parsed::Value(85.0));
    assert_eq!(parse_number(&Cell::Number(72.5)), Parsed::Value(72.5));
    assert_eq!(parse_number(&text("N/A")), Parsed::Missing);
    assert!(matches!(parse_number(&text("eighty")), Parsed::Invalid(_)));
}

/// A stacked column (CSV text, spreadsheet cells, a file without the column)
/// reads the same cell by index as in order and by range of rows; empty CSV
/// fields are empty cells.
#[test]
fn stacked_cell_columns_read_the_same_in_order_by_range_and_by_index() {
    use mentor_evidence::ingest::{CellColumn, CellRef, Layout};

    // Column "c" of a CSV file (the key column keeps every row).
    let csv_column = |text: &str| -> CellColumn {
        let mut table = crate::csv_reader::read(text, Layout::Plain, &["c"]);
        table.columns.remove(0)
    };
    let mut column = csv_column("k,c\n1,a\n2,\n3,\"\"\n4,\" b \"\n");
    column.push_empty(2);
    column.append(CellColumn::from_cells(vec![
        Cell::Number(3.0),
        Cell::Text("c".into()),
    ]));
    column.append(CellColumn::empty(0));
    column.push_empty(1);
    column.append(csv_column("k,c\n5,d\n6,\n"));

    let expected = [
        CellRef::Text("a"),
        CellRef::Empty,
        CellRef::Empty,
        CellRef::Text(" b "),
        CellRef::Empty,
        CellRef::Empty,
        CellRef::Number(3.0),
        CellRef::Text("c"),
        CellRef::Empty,
        CellRef::Text("d"),
        CellRef::Empty,
    ];
    assert_eq!(column.len(), expected.len());
    let mut visited = Vec::new();
    column.for_each(|cell| visited.push(cell));
    assert_eq!(visited, expected);
    // Ranges within a part, across parts, starting or ending inside one,
    // empty, and past the end.
    for rows in [0..2, 1..8, 3..4, 2..11, 5..5, 9..20, 11..12] {
        let mut picked = Vec::new();
        column.for_each_in(rows.clone(), |cell| picked.push(cell));
        let wanted = &expected[rows.start.min(expected.len())..rows.end.min(expected.len())];
        assert_eq!(picked, wanted, "rows {rows:?}");
    }
    for (row, cell) in expected.iter().enumerate() {
        assert_eq!(column.get(row), *cell, "row {row}");
    }
    assert_eq!(column.get(expected.len()), CellRef::Empty, "past the end");
}

/// Completion times: the plain forms and the ones only the general path
/// reads (an unreadable time is midnight of the date).
#[test]
fn completion_times_plain_and_general_forms() {
    use mentor_evidence::ingest::values::parse_datetime;
    let at = |s: &str| parse_datetime(&text(s), DateOrder::Dmy, false);
    let t = |h, m, s| d(2026, 10, 20).and_hms_opt(h, m, s);
    assert_eq!(at("2026-10-20 16:35:00"), t(16, 35, 0));
    assert_eq!(at("2026-10-20T16:35"), t(16, 35, 0));
    assert_eq!(at("20/10/2026 16:35"), t(16, 35, 0));
    assert_eq!(at("2026-10-20  16:35"), None, "two spaces: not a date and time");
    assert_eq!(at("2026-10-20 9:05"), t(9, 5, 0), "one-digit hour");
    assert_eq!(at("2026-10-20 24:00"), t(0, 0, 0), "no such time: midnight");
    assert_eq!(at("2026-10-20"), t(0, 0, 0));
    assert_eq!(at("31/02/2026 10:00"), None);
    // Written dates with a time after them (Acuity, PeopleGrove).
    assert_eq!(at("October 20, 2026 16:35"), t(16, 35, 0));
    assert_eq!(at("20 Oct 2026 16:35"), t(16, 35, 0));
    assert_eq!(at("Oct 20, 2026 4:35 PM"), t(16, 35, 0));
    let mdy = |s: &str| parse_date(&text(s), DateOrder::Mdy, false);
    assert_eq!(mdy("Nov 18, 2025 2:00 PM"), Parsed::Value(d(2025, 11, 18)));
}

/// Texts stored end to end: rows read back, missing rows stay missing,
/// lower-casing (ASCII and not), and retain keeps the chosen rows in order.
#[test]
fn texts_column_reads_back_and_retains() {
    use mentor_evidence::ingest::texts::Texts;
    let mut texts = Texts::with_capacity(4, 16);
    texts.push_lowercase(Some("Ann@Uni.AC.uk"));
    texts.push_lowercase(None);
    texts.push_lowercase(Some("bo@uni.ac.uk"));
    texts.push_lowercase(Some("ÉLODIE@uni.ac.uk"));
    assert_eq!(
        texts.iter().collect::<Vec<_>>(),
        [
            Some("ann@uni.ac.uk"),
            None,
            Some("bo@uni.ac.uk"),
            Some("élodie@uni.ac.uk")
        ]
    );
    assert_eq!(texts.get(4), None, "past the end");
    let mut with_empty = texts.clone();
    with_empty.push(Some(""));
    with_empty.push(Some("x"));
    assert_eq!(with_empty.get(4), None, "an empty text reads as missing");
    assert_eq!(with_empty.get(5), Some("x"));
    // A missing row kept between texts moved forward; rows past the mask stay.
    with_empty.retain(&[false, true, false, true]);
    assert_eq!(
        with_empty.iter().collect::<Vec<_>>(),
        [None, Some("élodie@uni.ac.uk"), None, Some("x")]
    );
    texts.retain(&[true, false, false, true]);
    assert_eq!(texts.len(), 2);
    assert_eq!(
        texts.iter().collect::<Vec<_>>(),
        [Some("ann@uni.ac.uk"), Some("élodie@uni.ac.uk")]
    );
}

/// Dictionary-coded labels: texts that lower-case alike share one code, a
/// missing cell has none, and the codes follow first appearance, also when
/// the column is read in blocks of rows.
#[test]
fn lowercase_labels_share_a_code_per_distinct_value() {
    use mentor_evidence::config::DateOrder;
    use mentor_evidence::ingest::coder::TextCoder;
    use mentor_evidence::ingest::mapping::Mapper;

    let raw = csv_input(
        "cohort",
        "ID,Group\n1,A\n2, a \n3,\n4,B\n5,A\n6,N/A\n",
        &["ID", "Group"],
    );
    let m = Mapper::new(&raw, ReadRules::new(DateOrder::Dmy));
    let column = m.required("group", "Group").unwrap();
    let mut coder = TextCoder::lowercase(6);
    m.code_texts(&column, &block_of(&raw, 0..2), &mut coder);
    m.code_texts(&column, &block_of(&raw, 2..6), &mut coder);
    let labels = coder.into_labels();
    assert_eq!(labels.values(), ["a", "b"]);
    assert_eq!(
        labels.codes().collect::<Vec<_>>(),
        [Some(0), Some(0), None, Some(1), Some(0), None]
    );
    assert_eq!(labels.get(3), Some("b"));
    assert_eq!(labels.get(2), None);
    let mut kept = labels.clone();
    kept.retain(&[false, true, true, true, false, true]);
    assert_eq!(kept.codes().collect::<Vec<_>>(), [Some(0), None, Some(1), None]);
}

/// Columns append their cell problems a block of rows at a time; the
/// problems still come out by row, then field, whichever column was read
/// first and however the rows were split into blocks.
#[test]
fn cell_problems_come_out_by_row_whichever_column_is_read_first() {
    use mentor_evidence::config::DateOrder;
    use mentor_evidence::ingest::mapping::{Mapper, TextMemo};

    let raw = csv_input(
        "meetings",
        "ID,Date,Minutes\n1,soon,lots\n2,05/10/2026,60\n3,31/02/2026,??\n",
        &["ID", "Date", "Minutes"],
    );
    let order = |minutes_first: bool, blocks: &[std::ops::Range<usize>]| {
        let m = Mapper::new(&raw, ReadRules::new(DateOrder::Dmy));
        let date = m.required("date", "Date").unwrap();
        let minutes = m.required("duration", "Minutes").unwrap();
        let (mut dates, mut durations) = (Vec::new(), Vec::new());
        for rows in blocks {
            let block = block_of(&raw, rows.clone());
            if minutes_first {
                m.durations(&minutes, &block, &mut durations, &mut TextMemo::bounded());
                m.dates(&date, &block, &mut dates, &mut TextMemo::bounded());
            } else {
                m.dates(&date, &block, &mut dates, &mut TextMemo::bounded());
                m.durations(&minutes, &block, &mut durations, &mut TextMemo::bounded());
            }
        }
        assert_eq!(dates.len(), 3);
        assert_eq!(durations, [None, Some(60.0), None]);
        m.take_problems()
            .iter()
            .map(|p| (p.row, p.field))
            .collect::<Vec<_>>()
    };
    let expected = [(0, "date"), (0, "duration"), (2, "date"), (2, "duration")];
    let whole: std::ops::Range<usize> = 0..3;
    for blocks in [vec![whole], vec![0..1, 1..3], vec![0..2, 2..3]] {
        assert_eq!(order(true, &blocks), expected, "{blocks:?}");
        assert_eq!(order(false, &blocks), expected, "{blocks:?}");
    }
}

/// Dates and durations remember the value of each text read before: a
/// repeated text reads the same in every block, and a repeated unreadable
/// text is a problem every time it appears.
#[test]
fn repeated_texts_read_the_same_and_unreadable_ones_are_reported_each_time() {
    use mentor_evidence::config::DateOrder;
    use mentor_evidence::ingest::mapping::{Mapper, TextMemo};

    let raw = csv_input(
        "meetings",
        "Date,Minutes\n05/10/2026,90\n05/10/2026,1.5 hours\nsoon,lots\n05/10/2026,90\nsoon,lots\n,1.5 hours\n",
        &["Date", "Minutes"],
    );
    let m = Mapper::new(&raw, ReadRules::new(DateOrder::Dmy));
    let date = m.required("date", "Date").unwrap();
    let minutes = m.required("duration", "Minutes").unwrap();
    let (mut dates, mut durations) = (Vec::new(), Vec::new());
    let (mut date_memo, mut minutes_memo) = (TextMemo::bounded(), TextMemo::bounded());
    for rows in [0..2, 2..4, 4..6] {
        let block = block_of(&raw, rows);
        m.dates(&date, &block, &mut dates, &mut date_memo);
        m.durations(&minutes, &block, &mut durations, &mut minutes_memo);
    }
    let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 5);
    assert_eq!(dates, [day, day, None, day, None, None]);
    assert_eq!(
        durations,
        [Some(90.0), Some(90.0), None, Some(90.0), None, Some(90.0)]
    );
    let problems: Vec<_> = m
        .take_problems()
        .iter()
        .map(|p| (p.row, p.field, p.found.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (2, "date", "soon".to_string()),
            (2, "duration", "lots".to_string()),
            (4, "date", "soon".to_string()),
            (4, "duration", "lots".to_string()),
        ]
    );
}

/// Coded texts past the first few (compared in turn) go through the hash
/// map and still share a code when they lower-case alike.
#[test]
fn many_coded_texts_share_codes_past_the_first_few() {
    use mentor_evidence::config::DateOrder;
    use mentor_evidence::ingest::coder::TextCoder;
    use mentor_evidence::ingest::mapping::Mapper;

    let names: Vec<String> = (0..12).map(|i| format!("Dept{i}")).collect();
    let mut text = String::from("ID,Dept\n");
    for (row, name) in names.iter().chain(&names).enumerate() {
        // The second time round, upper-cased.
        let shown = if row < names.len() {
            name.clone()
        } else {
            name.to_uppercase()
        };
        text.push_str(&format!("{row},{shown}\n"));
    }
    let raw = csv_input("cohort", &text, &["ID", "Dept"]);
    let m = Mapper::new(&raw, ReadRules::new(DateOrder::Dmy));
    let column = m.required("dept", "Dept").unwrap();
    let mut coder = TextCoder::lowercase(24);
    m.code_texts(&column, &block_of(&raw, 0..24), &mut coder);
    let labels = coder.into_labels();
    let expected: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(labels.values(), expected.as_slice());
    let codes: Vec<Option<u32>> = (0..12u32).chain(0..12).map(Some).collect();
    assert_eq!(labels.codes().collect::<Vec<_>>(), codes);
}

/// A column's text room is reserved once its first rows show their
/// length: none before, the expected rows at the bytes per row so far plus a
/// tenth after, and no more while that is enough.
#[test]
fn texts_reserve_at_the_length_of_the_first_rows() {
    use mentor_evidence::ingest::texts::Texts;
    let mut texts = Texts::for_rows(1000);
    texts.reserve_like_so_far(1000);
    assert_eq!(texts.text_capacity(), 0, "nothing held yet");
    for n in 0..10 {
        // 36 bytes each, then a missing row.
        texts.push(Some(&format!("student.number{n:04}@uni.example.ac.uk")));
    }
    texts.push(None);
    texts.reserve_like_so_far(1000);
    // 360 bytes over 11 rows: 33 bytes a row (rounded up), 33,000 + 3,300.
    assert_eq!(texts.text_capacity(), 36_300);
    let before = texts.text_capacity();
    texts.push(Some("x@uni.example.ac.uk"));
    texts.reserve_like_so_far(1000);
    assert_eq!(texts.text_capacity(), before, "enough room: unchanged");
    texts.reserve_like_so_far(5);
    assert_eq!(texts.text_capacity(), before, "fewer rows expected than held");
}

#[test]
fn texts_longer_than_the_first_rows_move_to_the_new_estimate_not_double() {
    use mentor_evidence::ingest::texts::Texts;
    let mut texts = Texts::for_rows(1000);
    for n in 0..10 {
        texts.push(Some(&format!("s{n:03}@x.uk"))); // 9 bytes
    }
    texts.reserve_like_so_far(1000);
    assert_eq!(texts.text_capacity(), 9_900, "9 bytes a row, plus a tenth");
    // Longer rows: 20 bytes a row on average over 100 rows.
    for n in 10..100 {
        texts.push(Some(&format!("student{n:03}@uni.ac.uk")));
    }
    texts.reserve_like_so_far(1000);
    // 1,890 bytes over 100 rows: 19 a row (rounded up), 19,000 + 1,900.
    assert_eq!(texts.text_capacity(), 20_900);
    // A small rise (2,160 bytes over 110 rows: 20 a row, 22,000 wanted)
    // moves to a quarter more room, so moves stay few; growing the String
    // itself doubled it to 41,800 and copied all 20,900 bytes of room.
    for n in 100..110 {
        texts.push(Some(&format!("a.longer.name.{n:03}@uni.ac.uk")));
    }
    texts.reserve_like_so_far(1000);
    assert_eq!(texts.text_capacity(), 26_125, "20,900 and a quarter");
    assert_eq!(texts.get(0), Some("s000@x.uk"));
    assert_eq!(texts.get(99), Some("student099@uni.ac.uk"));
    assert_eq!(texts.get(109), Some("a.longer.name.109@uni.ac.uk"));
    assert_eq!(texts.len(), 110);
}

#[test]
fn texts_pushed_past_the_sample_grow_to_the_estimate_for_every_expected_row() {
    use mentor_evidence::ingest::texts::Texts;
    // The column estimates its own room once 1,024 rows are in and its
    // buffer is full: the mappers only push.
    let mut texts = Texts::for_rows(5000);
    let mut expected = Vec::new();
    for n in 0..5000 {
        // 10 bytes for the first 1,024 rows, then 12.
        let text = if n < 1024 {
            format!("s{n:04}@x.uk")
        } else {
            format!("s{n:06}@x.uk")
        };
        texts.push_lowercase(Some(&text));
        expected.push(text);
    }
    // The buffer, doubled from 10 bytes while small, is full at 10,240
    // bytes when row 1,025 comes: 10 bytes a row for 5,000 rows plus a
    // tenth, 55,000. The longer rows fill that at row 4,755 (12 bytes a
    // row, 66,000 wanted), and it moves to a quarter more, 68,750.
    // Doubling would have gone on to 81,920.
    assert_eq!(texts.text_capacity(), 68_750);
    assert_eq!(texts.len(), 5000);
    assert!(
        texts
            .iter()
            .zip(&expected)
            .all(|(read, pushed)| read == Some(pushed.as_str()))
    );
}

/// Lower-cased texts: ASCII in place, other text by Unicode rules.
#[test]
fn lowercase_texts_ascii_and_unicode() {
    use mentor_evidence::ingest::texts::Texts;
    let mut texts = Texts::default();
    for text in [
        Some("Bob.Smith@X.AC.UK"),
        None,
        Some("ÉLODIE@X.FR"),
        Some("ann@x"),
    ] {
        texts.push_lowercase(text);
    }
    let read: Vec<Option<&str>> = texts.iter().collect();
    assert_eq!(
        read,
        [
            Some("bob.smith@x.ac.uk"),
            None,
            Some("élodie@x.fr"),
            Some("ann@x")
        ]
    );
}

/// Survey answers are dictionary-coded as they are read: every response
/// reads back as written, each distinct cell is stored once (texts past the
/// first eight through the hash map), and empty cells have no code.
#[test]
fn answers_read_back_and_store_each_distinct_cell_once() {
    use mentor_evidence::ingest::CellRef;
    use mentor_evidence::ingest::answers::AnswerCoder;
    let texts: Vec<String> = (0..12).map(|i| format!("label {i}")).collect();
    let mut cells: Vec<CellRef<'_>> = Vec::new();
    for round in 0..3 {
        for text in &texts {
            cells.push(CellRef::Text(text));
        }
        cells.push(CellRef::Empty);
        cells.push(CellRef::Number(4.0 + round as f64 % 2.0));
        cells.push(CellRef::Text(" label 1"));
    }
    let mut coder = AnswerCoder::with_capacity(cells.len());
    for cell in &cells {
        coder.push(*cell);
    }
    let answers = coder.into_answers();
    assert_eq!(answers.len(), cells.len());
    for (row, cell) in cells.iter().enumerate() {
        assert_eq!(answers.get(row), *cell, "row {row}");
    }
    // 12 labels, " label 1" (a different text), 4 and 5.
    assert_eq!(answers.values().len(), 15);
    assert_eq!(answers.code(12), None, "an empty cell has no code");
    assert_eq!(
        answers.code(0),
        answers.code(15),
        "a repeated label shares its code"
    );
    assert_eq!(
        answers.code(11),
        answers.code(26),
        "so does one past the first eight"
    );
    assert_eq!(answers.get(cells.len()), CellRef::Empty, "past the end");
}

/// A CSV text read as the whole of input `input`, wanting `columns`.
fn csv_input(input: &str, text: &str, columns: &[&str]) -> mentor_evidence::ingest::RawTable {
    let table = crate::csv_reader::read(text, mentor_evidence::ingest::Layout::Plain, columns);
    mentor_evidence::ingest::RawTable::from_sheets(input, vec![("t.csv".to_string(), table)])
}

/// Rows `rows` of a table read by `csv_input`, as one block for the mappers.
fn block_of(
    raw: &mentor_evidence::ingest::RawTable,
    rows: std::ops::Range<usize>,
) -> mentor_evidence::ingest::mapping::Block<'_> {
    mentor_evidence::ingest::mapping::Block::new(&raw.columns, rows, 0, false)
}

/// A coded column's memo never forgets a text (its code must stay unique);
/// a parsed values' memo keeps short texts only, and only so many.
#[test]
fn memos_keep_what_their_kind_allows() {
    use mentor_evidence::ingest::memo::TextMemo;
    let long = "x".repeat(33);
    let mut bounded = TextMemo::bounded();
    let mut unbounded = TextMemo::unbounded();
    for memo in [&mut bounded, &mut unbounded] {
        memo.insert(&long, u32::MAX);
        for i in 0..5000u32 {
            memo.insert(&i.to_string(), i);
        }
    }
    assert_eq!(bounded.get(&long), None, "32 bytes at most");
    assert_eq!(bounded.get("4095"), Some(4095));
    assert_eq!(bounded.get("4096"), None, "4,096 texts at most");
    assert_eq!(unbounded.get(&long), Some(u32::MAX));
    assert!((0..5000u32).all(|i| unbounded.get(&i.to_string()) == Some(i)));
    // Looked up the first time, remembered after.
    let mut calls = 0;
    let mut memo = TextMemo::bounded();
    for _ in 0..3 {
        assert_eq!(
            memo.get_or("one", || {
                calls += 1;
                1
            }),
            1
        );
    }
    assert_eq!(calls, 1);
}

#[test]
fn two_digit_years_are_this_century_below_70() {
    let dmy = |s: &str| parse_date(&text(s), DateOrder::Dmy, false);
    assert_eq!(dmy("02/12/25"), Parsed::Value(d(2025, 12, 2)));
    assert_eq!(dmy("2.12.69"), Parsed::Value(d(2069, 12, 2)));
    assert_eq!(dmy("02/12/70"), Parsed::Value(d(1970, 12, 2)));
    assert_eq!(
        parse_date(&text("12/02/25"), DateOrder::Mdy, false),
        Parsed::Value(d(2025, 12, 2))
    );
}

#[test]
fn excel_text_dates_ordinals_and_weekdays() {
    let dmy = |s: &str| parse_date(&text(s), DateOrder::Dmy, false);
    for s in [
        "14-Oct-25",
        "14-Oct-2025",
        "14 Oct 25",
        "14th October 2025",
        "Tue 14 Oct 2025",
        "Tuesday, 14 October 2025",
        "Oct 14, 2025",
    ] {
        assert_eq!(dmy(s), Parsed::Value(d(2025, 10, 14)), "{s}");
    }
    assert!(matches!(dmy("14-Foo-25"), Parsed::Invalid(_)));
    assert!(matches!(dmy("32nd Oct 2025"), Parsed::Invalid(_)));
}

#[test]
fn zoned_date_times_are_uk_calendar_dates() {
    let dmy = |s: &str| parse_date(&text(s), DateOrder::Dmy, false);
    assert_eq!(dmy("2025-10-14T09:30:00Z"), Parsed::Value(d(2025, 10, 14)));
    // 23:30 UTC in British Summer Time is 00:30 the next day in the UK.
    assert_eq!(dmy("2025-10-14T23:30:00Z"), Parsed::Value(d(2025, 10, 15)));
    // In winter the UK keeps UTC.
    assert_eq!(dmy("2025-12-01T23:30:00.000Z"), Parsed::Value(d(2025, 12, 1)));
    // BST ends at 01:00 UTC on the last Sunday of October (26 Oct 2025).
    assert_eq!(dmy("2025-10-25T23:30:00Z"), Parsed::Value(d(2025, 10, 26)));
    assert_eq!(dmy("2025-10-26T23:30:00Z"), Parsed::Value(d(2025, 10, 26)));
    // An offset is taken off first: 01:30+02:00 is 23:30 UTC the day before.
    assert_eq!(dmy("2025-12-02T01:30:00+02:00"), Parsed::Value(d(2025, 12, 1)));
    assert!(matches!(dmy("2025-12-02T01:30:00+2"), Parsed::Invalid(_)));
}

#[test]
fn dates_without_a_year_are_placed_in_the_reporting_period() {
    let mut rules = ReadRules::new(DateOrder::Dmy);
    rules.period = Some((d(2025, 9, 29), d(2026, 4, 30)));
    let read = |s: &str| rules.rescue_date(CellRef::Text(s), parse_date(&text(s), rules.order, false));
    assert_eq!(read("1st Dec"), Parsed::Value(d(2025, 12, 1)));
    assert_eq!(read("14 Jan"), Parsed::Value(d(2026, 1, 14)));
    assert_eq!(read("Feb 3rd"), Parsed::Value(d(2026, 2, 3)));
    assert_eq!(read("01/12"), Parsed::Value(d(2025, 12, 1)));
    // Outside the period in every year: an error, never a guess.
    assert!(matches!(read("1st Aug"), Parsed::Invalid(_)));
    // Two years would fit: never a guess either.
    rules.period = Some((d(2025, 1, 1), d(2026, 12, 31)));
    let read = |s: &str| rules.rescue_date(CellRef::Text(s), parse_date(&text(s), rules.order, false));
    assert!(matches!(read("1st Dec"), Parsed::Invalid(_)));
}

#[test]
fn missing_words_are_missing_in_typed_columns() {
    let rules = ReadRules::new(DateOrder::Dmy);
    for word in [
        "TBC",
        "pending",
        " Pending ",
        "Not known",
        "Prefer not to say",
        "unknown",
    ] {
        let cell = text(word);
        let flag = rules.rescue((&cell).into(), parse_flag(&cell, DateOrder::Dmy, false));
        assert_eq!(flag, Parsed::Missing, "{word}");
        let date = rules.rescue_date((&cell).into(), parse_date(&cell, DateOrder::Dmy, false));
        assert_eq!(date, Parsed::Missing, "{word}");
    }
    // Other words stay errors.
    let cell = text("maybe");
    assert!(matches!(
        rules.rescue((&cell).into(), parse_flag(&cell, DateOrder::Dmy, false)),
        Parsed::Invalid(_)
    ));
    // A configured list replaces the defaults.
    let mut own = ReadRules::new(DateOrder::Dmy);
    own.missing_words = vec!["awaiting".to_string()];
    let cell = text("Awaiting");
    assert_eq!(
        own.rescue((&cell).into(), parse_flag(&cell, DateOrder::Dmy, false)),
        Parsed::Missing
    );
    let cell = text("TBC");
    assert!(matches!(
        own.rescue((&cell).into(), parse_flag(&cell, DateOrder::Dmy, false)),
        Parsed::Invalid(_)
    ));
}

#[test]
fn durations_in_words() {
    for (words, minutes) in [
        ("an hour", 60.0),
        ("An hour.", 60.0),
        ("half an hour", 30.0),
        ("about 40 mins", 40.0),
        ("approx. 40 minutes", 40.0),
        ("1h", 60.0),
        ("2 hrs", 120.0),
        ("90 mins", 90.0),
        ("1 hour 15", 75.0),
        ("1hr15", 75.0),
        ("45", 45.0),
        ("an hour and a half", 90.0),
        ("one and a half hours", 90.0),
        ("1 and a half hours", 90.0),
        ("quarter of an hour", 15.0),
        ("three quarters of an hour", 45.0),
        ("forty five minutes", 45.0),
        ("two hours", 120.0),
        ("1:30 hrs", 90.0),
        ("~45 mins", 45.0),
        // Teams' attendance reports.
        ("45m 12s", 45.2),
        ("1h 2m 30s", 62.5),
        ("30s", 0.5),
        // A form's bands: their midpoints.
        ("30-45 minutes", 37.5),
        ("30-45 mins", 37.5),
        ("1-2 hours", 90.0),
        ("1 to 2 hours", 90.0),
        ("20 \u{2013} 40 min", 30.0),
    ] {
        assert_eq!(parse_duration_text(words), Some(minutes), "{words}");
    }
    for bad in [
        "Under 30 minutes",
        "Half a day or more",
        "45-30 mins",
        "hours",
        "didn't meet",
        "an hour or two",
        "10 5 mins",
        "1:75",
    ] {
        assert_eq!(parse_duration_text(bad), None, "{bad}");
    }
}

#[test]
fn bare_durations_in_hours() {
    use mentor_evidence::config::DurationUnit;
    assert_eq!(
        parse_duration_in(&text("0.75"), DurationUnit::Hours),
        Parsed::Value(45.0)
    );
    assert_eq!(
        parse_duration_in(&Cell::Number(1.5), DurationUnit::Hours),
        Parsed::Value(90.0)
    );
    // Words keep their own unit.
    assert_eq!(
        parse_duration_in(&text("45 mins"), DurationUnit::Hours),
        Parsed::Value(45.0)
    );
    assert_eq!(
        parse_duration_in(&text("1 hour 15"), DurationUnit::Hours),
        Parsed::Value(75.0)
    );
}

/// Regressions from review: a total is a total, a name is a record; a
/// fraction after "and a" adds; a clock takes only a unit after it; Excel's
/// "Sep-25" is no day of September.
#[test]
fn totals_and_names_fractions_clocks_and_month_years() {
    use mentor_evidence::ingest::header::{NotARecord, not_a_record};
    for total in [
        "Total",
        "TOTALS",
        "Grand Totals (65 records)",
        "Subtotal",
        "Total: 45",
        "Total (68)",
        "Total signed up",
    ] {
        assert_eq!(not_a_record(total, 3), Some(NotARecord::Total), "{total}");
    }
    for record in [
        "Total Fitness",
        "Totally Local Ltd",
        "Mary Anne van Dyke",
        "é \"éc",
    ] {
        assert_eq!(not_a_record(record, 1), None, "{record}");
    }
    assert_eq!(
        not_a_record("Figures exclude students who left before October", 1),
        Some(NotARecord::Note)
    );
    assert_eq!(parse_duration_text("2 and a quarter hours"), Some(135.0));
    assert_eq!(parse_duration_text("one and a quarter hours"), Some(75.0));
    assert_eq!(parse_duration_text("10:30am"), None);
    assert_eq!(parse_duration_text("1:30 hrs"), Some(90.0));
    let period = (d(2025, 9, 1), d(2026, 8, 31));
    assert_eq!(yearless_in_period("Sep-25", DateOrder::Dmy, period), None);
    assert_eq!(
        yearless_in_period("25 Sep", DateOrder::Dmy, period),
        Some(d(2025, 9, 25))
    );
}

/// Round 7 (issue 27): a wave's configured missing answer longer than 40
/// characters ("Not applicable – my degree doesn't offer a placement year")
/// was never compared, so it stayed a likert_out_of_range warning.
#[test]
fn a_long_configured_missing_answer_is_missing() {
    let mut rules = ReadRules::new(DateOrder::Dmy);
    let long = "Not applicable – my degree doesn't offer a placement year";
    assert!(!rules.is_missing_word(CellRef::Text(long)));
    rules.missing_words.push(long.to_lowercase());
    assert!(rules.is_missing_word(CellRef::Text(long)));
    assert!(rules.is_missing_word(CellRef::Text(" TBC ")));
}
