//! Meeting kinds: which column of a log says what a meeting was, and the
//! canonical kind init proposes for each of its labels.

use super::fold::fold;
use crate::ingest::preview::SheetPreview;

/// The canonical meeting kinds init proposes for the log's labels, by the
/// words they contain, in this order (the first that fits; a label fitting
/// none is left out: such meetings count as `other`, each label one
/// `unknown_meeting_kind` finding).
const KIND_WORDS: [(&str, &[&str]); 7] = [
    (
        "meet_and_greet",
        &[
            "meet and greet",
            "meet greet",
            "meet your mentor",
            "welcome",
            "introduction",
            "intro",
            "launch",
        ],
    ),
    (
        "celebration",
        &["celebration", "ceremony", "awards", "graduation"],
    ),
    (
        "networking",
        &[
            "networking",
            "mixer",
            "industry event",
            "careers fair",
            "trade show",
            "show",
            "conference",
            "event together",
        ],
    ),
    (
        "workplace_visit",
        &["workplace", "site visit", "office visit", "shadowing", "visit"],
    ),
    (
        "skills_training",
        &[
            "skills",
            "workshop",
            "cv",
            "linkedin",
            "mock interview",
            "assessment centre",
            "mock",
            "interview",
            "clinic",
            "training",
        ],
    ),
    // Not with the mentor: the programme team's own contacts, group sessions.
    (
        "other",
        &[
            "other",
            "something else",
            "group",
            "drop in",
            "team",
            "staff",
            "admin",
            "coordinator",
            "co ordinator",
            // Contact without meeting ("Emails only").
            "emails only",
            "email only",
        ],
    ),
    (
        "one_to_one",
        &[
            "one to one",
            "1 1",
            "1 2 1",
            "121",
            "catch up",
            "check in",
            "mentoring",
            "session",
            "call",
            "teams",
            "zoom",
            "phone",
            "coffee",
            "walk talk",
            "walk and talk",
            "meeting",
            "in person",
            "online",
            "goal setting",
            "face to face",
            "f2f",
            "video",
        ],
    ),
];

/// Ways of meeting, not what a meeting was ("In Person", "PushFar Video").
const MODES: [&str; 16] = [
    "in person",
    "face to face",
    "f2f",
    "virtual",
    "online",
    "video",
    "phone",
    "telephone",
    "call",
    "teams",
    "zoom",
    "remote",
    "hybrid",
    "skype",
    "google meet",
    "webex",
];

/// Words of a header a person types what a meeting was about under
/// ("Meeting Title", "Subject", "Topic").
const TITLE_WORDS: [&str; 7] = [
    "title",
    "subject",
    "topic",
    "purpose",
    "agenda",
    "description",
    "summary",
];

/// Whether a header is a typed title.
pub fn is_title(header: &str) -> bool {
    fold(header).split(' ').any(|w| TITLE_WORDS.contains(&w))
}

/// Whether each label says how people met, none what the meeting was.
fn only_modes(labels: &[String]) -> bool {
    !labels.is_empty()
        && labels.iter().all(|l| {
            let folded = format!(" {} ", fold(l));
            MODES.iter().any(|m| folded.contains(&format!(" {m} ")))
        })
}

/// Whether each label is a booking's status (Booked, Cancelled), none a kind.
pub fn only_statuses(labels: &[String]) -> bool {
    const STATUSES: [&str; 10] = [
        "booked",
        "cancelled",
        "canceled",
        "completed",
        "confirmed",
        "attended",
        "no show",
        "rescheduled",
        "pending",
        "declined",
    ];
    !labels.is_empty() && labels.iter().all(|l| STATUSES.contains(&fold(l).as_str()))
}

/// Whether each label is a participant's role (Webex's and Zoom's "Host",
/// "Attendee"), none a kind.
fn only_roles(labels: &[String]) -> bool {
    const ROLES: [&str; 12] = [
        "host",
        "co host",
        "cohost",
        "attendee",
        "participant",
        "panelist",
        "presenter",
        "guest",
        "organiser",
        "organizer",
        "alternative host",
        "internal",
    ];
    !labels.is_empty() && labels.iter().all(|l| ROLES.contains(&fold(l).as_str()))
}

/// A platform's log whose type column says only how people met (in person,
/// video) and whose typed titles say what the meeting was (a workplace
/// visit): the titles are the kind. `kind` is the column mapped so far.
pub fn prefer_title(sheet: &SheetPreview, mapped: &mut [(&'static str, Option<String>)]) {
    let column_labels = |header: &str| super::written::distinct(sheet, header);
    let Some(slot) = mapped.iter().position(|(f, _)| *f == "kind") else {
        return;
    };
    // In place of a type that says how or whether people met; without a
    // type, only a title of a few repeated labels that name kinds (Zoom's
    // "Topic": "PBMP 1:1 mentoring"), never one per meeting that names
    // people (Outlook's "Mentoring - Jane Smith / A. Patel").
    let replaces = match &mapped[slot].1 {
        Some(current) => {
            let labels = column_labels(current);
            only_modes(&labels) || only_statuses(&labels) || only_roles(&labels)
        }
        None => true,
    };
    if !replaces {
        return;
    }
    let untyped = mapped[slot].1.is_none();
    let fits = |labels: &[String]| {
        labels.len() >= 2
            && (!untyped
                || (labels.len() <= 30
                    && labels.len() * 5 <= sheet.rows.len()
                    && labels.iter().any(|l| kind_by_words(l, |_| true).is_some())))
    };
    let taken: Vec<String> = mapped.iter().filter_map(|(_, h)| h.clone()).collect();
    let title = sheet
        .headers
        .iter()
        .find(|h| is_title(h) && !taken.contains(h) && fits(&column_labels(h)));
    if let Some(title) = title {
        mapped[slot].1 = Some(title.clone());
    }
}

/// The first kind `allowed` lets through whose words `label` holds.
fn kind_by_words(label: &str, allowed: impl Fn(&str) -> bool) -> Option<&'static str> {
    let folded = format!(" {} ", fold(label));
    KIND_WORDS
        .iter()
        .filter(|(kind, _)| allowed(kind))
        .find(|(_, words)| words.iter().any(|w| folded.contains(&format!(" {w} "))))
        .map(|(kind, _)| *kind)
}

/// Titles a team typed for its own tests ("TEST - please ignore").
fn is_test(label: &str) -> bool {
    fold(label)
        .split(' ')
        .any(|w| w == "test" || w == "ignore" || w == "dummy")
}

/// Each canonical kind with the labels (quoted) proposed for it. A label
/// fitting no kind is left out (it counts as `other`). In typed titles
/// every meeting with one's mentor is a one-to-one whatever its topic (a
/// CV review, a mock interview), unless it names a visit, a welcome or a
/// celebration; a tester's title, and a meeting of peers, is `other`.
pub fn propose(labels: &[String], typed: bool) -> Vec<(&'static str, Vec<String>)> {
    if labels.len() > if typed { 120 } else { 40 } {
        return Vec::new();
    }
    let mut assigned: Vec<(&str, Vec<String>)> = Vec::new();
    for label in labels {
        let by_words = kind_by_words(label, |kind| {
            !typed || ["meet_and_greet", "celebration", "workplace_visit"].contains(&kind)
        });
        // A catch-up with peers ("Peer Catch-up") is not with one's mentor.
        let peers = fold(label).split(' ').any(|w| w == "peer" || w == "peers");
        let kind = match by_words {
            _ if peers => Some("other"),
            Some(kind) => Some(kind),
            None if typed && is_test(label) => Some("other"),
            None if typed => Some("one_to_one"),
            None => None,
        };
        if let Some(kind) = kind {
            match assigned.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, list)) => list.push(super::written::quote(label)),
                None => assigned.push((kind, vec![super::written::quote(label)])),
            }
        }
    }
    assigned
}
