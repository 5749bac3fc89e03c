//! The meeting log as canonical typed columns: student, mentor, date,
//! duration in minutes and canonical kind (labels mapped through
//! `[inputs.meetings.kinds]`; a blank kind is one_to_one).

use chrono::{NaiveDate, NaiveDateTime};

use super::keep::retain_by;
use super::mapping::{BlockReader, Mapper, TextMemo};
use super::values::{self, ReadRules};
use super::{Id, Loaded, OpenInput, Origin};
use crate::config::{MeetingKind, MeetingsSpec};
use crate::error::Result;
use rustc_hash::FxHashMap;

/// Canonical meeting-log columns.
#[derive(Debug, Clone, Default)]
pub struct Meetings {
    /// Where each row was read; emptied once validation has made its
    /// findings (`release_validation_columns`).
    pub origins: Vec<Origin>,
    /// Emptied once validation knows each meeting's cohort row.
    pub student_id: Vec<Option<Id>>,
    pub date: Vec<Option<NaiveDate>>,
    /// Duration in minutes, when logged and readable.
    pub minutes: Vec<Option<f64>>,
    pub kind: Vec<MeetingKind>,
    /// The mentor the log names (as written), when the column is configured.
    pub mentor_id: Option<super::coded::Labels>,
    /// (row, label) of each meeting whose kind label no mapping names (the
    /// meeting is then `other`), in row order. Rows are those of the log as
    /// read: `retain` leaves this list alone, so read it before any rows
    /// are dropped.
    pub unmapped_labels: Vec<(usize, String)>,
    /// The kind column's header, for findings.
    pub kind_column: Option<String>,
}

impl Meetings {
    /// Number of rows (every row has a kind, one-to-one when blank).
    pub fn len(&self) -> usize {
        self.kind.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.kind.is_empty()
    }

    /// Frees the columns only validation reads: the student ids (once each
    /// meeting's cohort row is known) and the rows' origins (once the
    /// findings are made). At two million meetings that is 64 MB the
    /// metrics then reuse instead of fresh pages the kernel must zero.
    pub fn release_validation_columns(&mut self) {
        self.student_id = Vec::new();
        self.origins = Vec::new();
    }

    /// Keeps the rows whose mask entry is true.
    pub fn retain(&mut self, keep: &[bool]) {
        retain_by(&mut self.origins, keep);
        retain_by(&mut self.student_id, keep);
        retain_by(&mut self.date, keep);
        retain_by(&mut self.minutes, keep);
        if let Some(mentors) = &mut self.mentor_id {
            mentors.retain(keep);
        }
        retain_by(&mut self.kind, keep);
    }
}

/// Label -> kind: the configured labels (trimmed, case-insensitive, the first
/// kind naming a label wins), then the canonical ids themselves.
///
/// A log has millions of rows and a handful of labels, each written the same
/// way every time: each label as written is lower-cased and looked up once,
/// then remembered (a `TextMemo`, bounded in case the column holds free text).
pub struct KindLabels {
    /// Lower-cased label -> kind.
    by_label: FxHashMap<String, MeetingKind>,
    /// Label as written -> its kind, None when no mapping names it.
    seen: TextMemo<Option<MeetingKind>>,
}

impl KindLabels {
    /// From `[inputs.meetings.kinds]`, plus the canonical ids themselves.
    pub fn new(spec: &MeetingsSpec) -> KindLabels {
        let mut by_label: FxHashMap<String, MeetingKind> = MeetingKind::ALL
            .iter()
            .map(|k| (k.id().to_string(), *k))
            .collect();
        // BTreeMap order: the first kind naming a label wins, as documented.
        for (kind, labels) in spec.kinds.iter().rev() {
            for label in labels {
                by_label.insert(label.trim().to_lowercase(), *kind);
            }
        }
        KindLabels {
            by_label,
            seen: TextMemo::bounded(),
        }
    }

    /// The kind a label maps to, if any.
    pub fn kind_of(&mut self, label: &str) -> Option<MeetingKind> {
        let by_label = &self.by_label;
        self.seen.get_or(label, || {
            by_label.get(values::lowercase(label.trim()).as_ref()).copied()
        })
    }
}

/// Maps the raw meeting log to canonical columns.
pub fn map_meetings(spec: &MeetingsSpec, input: OpenInput, rules: ReadRules) -> Result<Loaded<Meetings>> {
    let columns = &spec.columns;
    let OpenInput { shape, file_rows } = input;
    let m = Mapper::new(&shape, rules);
    let student = m.required("student_id", &columns.student_id)?;
    let date = m.required("date", &columns.date)?;
    // A pair is the student and the cohort's mentor (metrics.md); the log's
    // mentor only tells where it names another (mentor continuity).
    let mentor = m.optional("mentor_id", columns.mentor_id.as_ref())?;
    let duration = m.optional("duration", columns.duration.as_ref())?;
    // Without a duration, the minutes from the start to the end.
    let ends = match &duration {
        None => m.optional("ends", columns.ends.as_ref())?,
        Some(_) => None,
    };
    let kind = m.optional("kind", columns.kind.as_ref())?;

    // The columns are read a block of rows at a time.
    let rows = file_rows.rows_estimate();
    let mut student_id = Vec::with_capacity(rows);
    let mut dates = Vec::with_capacity(rows);
    let mut minutes = Vec::with_capacity(rows);
    let mut kinds = KindColumn::new(spec, rows);
    let mut mentors = None;
    let (mut date_memo, mut minutes_memo) = (TextMemo::bounded(), TextMemo::bounded());
    let mut starts: Vec<Option<NaiveDateTime>> = Vec::new();
    let mut end_times: Vec<Option<NaiveDateTime>> = Vec::new();
    let m = &m;
    let mut readers: Vec<BlockReader<'_>> = vec![
        Box::new(|r| m.ids(&student, r, &mut student_id)),
        Box::new(|r| m.dates(&date, r, &mut dates, &mut date_memo)),
    ];
    match &duration {
        Some(c) => readers.push(Box::new(|r| m.durations(c, r, &mut minutes, &mut minutes_memo))),
        None => readers.push(Box::new(|b| minutes.resize(minutes.len() + b.len(), None))),
    }
    let order = spec.date_order;
    if let Some(c) = &ends {
        let (date, starts, end_times) = (&date, &mut starts, &mut end_times);
        readers.push(Box::new(move |r| {
            m.read_each(date, r, |cell, d| values::parse_datetime(cell, order, d), starts)
        }));
        readers.push(Box::new(move |r| {
            m.read_each(c, r, |cell, d| values::parse_datetime(cell, order, d), end_times)
        }));
    }
    match &kind {
        Some(c) => readers.push(Box::new(|r| m.for_each_text(c, r, |text| kinds.push(text)))),
        None => readers.push(Box::new(|b| (0..b.len()).for_each(|_| kinds.push(None)))),
    }
    if let Some(c) = &mentor {
        let coder = mentors.insert(super::coder::TextCoder::mentor_keys(rows));
        readers.push(Box::new(move |r| m.code_mentor_ids(c, r, coder)));
    }
    let read = m.read_in_blocks(file_rows, readers)?;
    if ends.is_some() {
        minutes = minutes_between(&starts, &end_times);
    }
    let meetings = Meetings {
        origins: read.origins,
        student_id,
        date: dates,
        minutes,
        kind: kinds.kinds,
        mentor_id: mentors.map(super::coder::TextCoder::into_labels),
        unmapped_labels: kinds.unmapped,
        kind_column: columns.kind.clone(),
    };
    Ok(Loaded {
        info: read.info,
        table: meetings,
        problems: m.take_problems(),
    })
}

/// Each meeting's minutes from its start to its end, where both are known
/// (a start with no time of day counts from midnight, and a length outside
/// 1..720 minutes is then `duration_out_of_range`).
fn minutes_between(starts: &[Option<NaiveDateTime>], ends: &[Option<NaiveDateTime>]) -> Vec<Option<f64>> {
    starts
        .iter()
        .zip(ends)
        .map(|(start, end)| Some((*end)?.signed_duration_since((*start)?).num_seconds() as f64 / 60.0))
        .collect()
}

/// The meeting kind column being read: each meeting's kind (an empty label
/// is a one-to-one meeting), and the (row, label) of every label the
/// configuration does not map; only those labels are copied.
struct KindColumn {
    kinds_by_label: KindLabels,
    kinds: Vec<MeetingKind>,
    unmapped: Vec<(usize, String)>,
}

impl KindColumn {
    fn new(spec: &MeetingsSpec, rows: usize) -> KindColumn {
        KindColumn {
            kinds_by_label: KindLabels::new(spec),
            kinds: Vec::with_capacity(rows),
            unmapped: Vec::new(),
        }
    }

    /// Appends the next row's label (None: empty).
    fn push(&mut self, text: Option<&str>) {
        match text {
            None => self.kinds.push(MeetingKind::OneToOne),
            Some(text) => match self.kinds_by_label.kind_of(text) {
                Some(k) => self.kinds.push(k),
                None => {
                    self.unmapped.push((self.kinds.len(), text.to_string()));
                    self.kinds.push(MeetingKind::Other);
                }
            },
        }
    }
}
