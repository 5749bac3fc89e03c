//! The canonical fields of the mentor bank and the meeting log, and the
//! headers each is known by (docs/init.md lists them); the cohort's are in
//! `cohort_fields`.

use super::cells::ValueKind;

/// A canonical field and the headers it is known by: whole headers
/// (`synonyms`), words a header holds (`words`: every word of one set, a
/// word ending in `*` as the start of a word), words that rule a header out
/// (`avoid`), and the values its column holds.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub synonyms: &'static [&'static str],
    pub words: &'static [&'static [&'static str]],
    pub avoid: &'static [&'static str],
    pub value: ValueKind,
}

pub(super) const fn field(
    name: &'static str,
    required: bool,
    synonyms: &'static [&'static str],
    (words, avoid, value): (
        &'static [&'static [&'static str]],
        &'static [&'static str],
        ValueKind,
    ),
) -> Field {
    Field {
        name,
        required,
        synonyms,
        words,
        avoid,
        value,
    }
}

use ValueKind::*;

/// The mentor bank's fields (a CRM report or a hand-kept workbook).
pub const MENTORS: [Field; 6] = [
    field(
        "mentor_id",
        true,
        &[
            "mentor id",
            "mentor ref",
            "mentor number",
            "mentor code",
            "mentor name",
            "mentor",
            "id",
        ],
        (
            &[
                &["mentor", "id"],
                &["mentor", "code"],
                &["mentor", "ref*"],
                &["mentor", "name"],
                &["mentor", "number"],
                &["contact", "id"],
                &["record", "id"],
                &["volunteer", "ref*"],
                &["volunteer", "id"],
                &["volunteer", "code"],
                &["contact"],
                &["full", "name"],
                &["name"],
            ],
            &[
                "modify", "checksum", "modified", "email", "phone", "first", "last", "surname", "forename",
                "old", "owner",
            ],
            Reference,
        ),
    ),
    field(
        "organisation",
        false,
        &[
            "organisation",
            "organization",
            "company",
            "employer",
            "firm",
            "account name",
        ],
        (
            &[
                &["organisation"],
                &["organization"],
                &["company*"],
                &["employer"],
                // Raiser's Edge: CnPrBs_Org_Name, the primary business.
                &["org", "name"],
                &["firm"],
            ],
            &["phone", "email", "address", "size", "type"],
            Text,
        ),
    ),
    field(
        "sector",
        false,
        &["sector", "industry", "industry sector"],
        (&[&["sector"], &["industry"]], &[], Label),
    ),
    field(
        "source",
        false,
        &[
            "recruited via",
            "recruitment source",
            "how recruited",
            "source",
            "referral",
        ],
        (
            &[
                // Over a CRM's own "Contact Source" or HubSpot's "Original
                // Source" (how the record came in).
                &["recruit*", "via"],
                &["recruit*"],
                &["source*"],
                &["how", "join*"],
                &["referr*"],
                &["referral"],
                &["hear"],
                &["found", "via"],
                &["route", "in"],
                &["campaign"],
                &["channel"],
            ],
            &[],
            Label,
        ),
    ),
    field(
        "capacity",
        false,
        &["mentee capacity", "capacity", "max mentees", "maximum mentees"],
        (
            &[
                &["capacity"],
                &["max*", "mentee*"],
                &["mentees"],
                &["slots"],
                // Chronus: "Mentoring Connections Limit".
                &["connections", "limit"],
                &["mentee*", "limit"],
                // A sign-up question: "How many students would you be able to mentor?"
                &["how", "many", "mentor"],
            ],
            &[],
            Number,
        ),
    ),
    field(
        "trained",
        false,
        &[
            "trained",
            "mentor training",
            "trained on",
            "training completed",
            "training",
        ],
        (
            &[
                &["mentor*", "train*"],
                &["mentor*", "briefing"],
                &["train*"],
                &["briefing"],
                &["induction"],
            ],
            // A safeguarding or DBS check is not the mentor training.
            &["dbs", "safeguarding"],
            Flag,
        ),
    ),
];

/// The meeting log's fields (a co-ordinator's log, a Forms "log your
/// meeting" export, a CRM activity report, a booking system's export).
pub const MEETINGS: [Field; 6] = [
    field(
        "student_id",
        true,
        &[
            "student",
            "student id",
            "student number",
            "mentee",
            "mentee id",
            "personal identifier",
        ],
        (
            &[
                &["student", "id"],
                &["student", "no"],
                &["student", "number"],
                &["student", "ref*"],
                &["student", "code"],
                &["attendee", "id"],
                &["attendee", "ref*"],
                &["mentee", "id"],
                &["learner*"],
                &["mentee"],
            ],
            &["name", "email"],
            Reference,
        ),
    ),
    field(
        "mentor_id",
        false,
        &[
            "mentor",
            "mentor id",
            "mentor ref",
            "mentor number",
            "mentor code",
        ],
        (
            &[
                &["mentor"],
                &["host", "ref*"],
                &["host", "id"],
                &["host", "code"],
                &["volunteer", "ref*"],
            ],
            &["mentoring"],
            Reference,
        ),
    ),
    field(
        "date",
        true,
        &[
            "meeting date",
            "date of meeting",
            "session date",
            "met on",
            // Zoom's participant report: the participant's own join, not
            // the meeting's "Start Time".
            "join time",
            "date",
        ],
        (
            &[
                &["date"],
                &["actual", "start"],
                &["slot", "start"],
                &["start*"],
                &["when"],
                &["scheduled"],
            ],
            &[
                "modified",
                "created",
                "completion",
                "due",
                "birth",
                "start time",
                "end",
                // Acuity's "Date Scheduled": when it was booked.
                "date scheduled",
                "rescheduled",
                "booked",
                // SimplyBook.me's "Record date": when the booking was made.
                "record",
            ],
            Date,
        ),
    ),
    field(
        "duration",
        false,
        &["length", "duration", "minutes", "duration minutes", "time spent"],
        (
            &[
                &["duration"],
                &["length*"],
                &["how", "long"],
                &["minutes"],
                &["mins"],
                &["time", "spent"],
                &["hours"],
            ],
            &["seconds"],
            Duration,
        ),
    ),
    field(
        "ends",
        false,
        &[
            "end date & time",
            "end date time",
            "end time",
            "end date",
            "ends",
            "end",
            // Zoom's participant report.
            "leave time",
        ],
        (
            &[&["end", "time"], &["end", "date"], &["finish*"], &["ended"]],
            &["end of", "weekend"],
            Date,
        ),
    ),
    field(
        "kind",
        false,
        &["type", "meeting type", "session type", "kind", "activity"],
        (
            &[
                // Bookings' "Service": the kind of appointment booked.
                &["service"],
                &["meeting", "type"],
                &["session", "type"],
                &["type"],
                &["kind"],
                &["categor*"],
                &["activity"],
                &["format"],
                &["how", "met"],
            ],
            &["attendee", "fee", "mode"],
            Label,
        ),
    ),
];
