//! The cohort's canonical fields and the headers each is known by.

use super::cells::ValueKind::*;
use super::fields::{Field, field};

/// The cohort's fields (inputs.md), in configuration order. Wordings of
/// SITS, Tribal, Unit4, HEAT and Dynamics 365 exports (docs/init.md).
pub const COHORT: [Field; 13] = [
    field(
        "student_id",
        true,
        &[
            "student id",
            "student number",
            "student no",
            "student ref",
            "student reference",
            "student code",
            "sid",
            "id",
            "student",
            // The Open University's "Personal Identifier" (PI).
            "personal identifier",
            "identifier",
            // HESA's institution's own student identifier, and HUSID.
            "ownstu",
            "husid",
            // PeopleSoft Campus Solutions' person id.
            "emplid",
        ],
        (
            &[
                &["student", "id"],
                &["student", "number"],
                &["student", "no"],
                &["student", "code"],
                &["student", "ref*"],
                &["learner", "ref*"],
                &["learner", "id"],
                &["learner", "number"],
                &["person", "code"],
                &["stu", "code"],
                &["banner", "id"],
                &["university", "id"],
                &["uni", "id"],
                &["matric*"],
                &["enrol*", "number"],
            ],
            &[
                "email",
                "name",
                "heat",
                "course",
                "route",
                "scj",
                "spr",
                "programme",
            ],
            UniqueId,
        ),
    ),
    field(
        "email",
        false,
        &[
            "email",
            "university email",
            "email address",
            "student email",
            "e mail",
            "stu caem",
            "uniemail",
            "stu inem",
        ],
        (
            &[&["email"], &["e", "mail"]],
            // A mentor's email is not the student's.
            &["parent", "personal", "home", "mentor"],
            Email,
        ),
    ),
    field(
        "department",
        false,
        &[
            "department",
            "school",
            // Workday Student's school or department.
            "academic unit",
            "faculty",
            "academic school",
            "dept",
            "dpt name",
            // PeopleSoft Campus Solutions' academic organisation.
            "acad org",
            "academic organization",
            "academic organisation",
            // Tribal ebs (further education colleges' HE provision).
            "curriculum area",
        ],
        (
            &[
                &["department"],
                &["curriculum", "area"],
                &["dept"],
                &["school"],
                &["faculty"],
                &["division"],
                &["academic", "unit"],
            ],
            &[
                "meal*",
                "free",
                "previous",
                "type",
                "code",
                "leaving",
                "secondary",
            ],
            Label,
        ),
    ),
    field(
        "registered",
        true,
        &[
            "registered",
            "signed up",
            "sign up",
            "sign up date",
            "registration",
            "registration date",
            "registered on",
            "enrolled",
            "opted in",
        ],
        (
            &[
                &["regist*", "mentor*"],
                &["regist*", "programme"],
                &["regist*", "scheme"],
                &["reg", "date"],
                &["sign", "up"],
                &["signed"],
                &["signup"],
                &["opted"],
                &["opt", "in"],
                &["regist*"],
                &["application", "date"],
                &["applied", "on"],
            ],
            &[
                "course",
                "status",
                "number",
                "code",
                "id",
                "scj",
                "spr",
                "route",
                "year",
                "placement",
            ],
            FlagOrDate,
        ),
    ),
    field(
        "training_completed",
        false,
        &[
            "training completed",
            "completed training",
            "online training",
            "training",
        ],
        (
            &[
                &["training"],
                &["elearning"],
                &["e", "learning"],
                &["online", "module"],
                &["module", "complete*"],
                &["induction", "complete*"],
                &["induction"],
                &["module"],
            ],
            &["mentor"],
            Flag,
        ),
    ),
    field(
        "quiz_score",
        false,
        &["quiz score", "quiz mark", "quiz result", "quiz"],
        (
            &[&["quiz"], &["test", "score"], &["knowledge", "check"]],
            &[],
            Number,
        ),
    ),
    field(
        "mentor_id",
        false,
        &[
            "mentor id",
            "mentor",
            "mentor ref",
            "mentor number",
            "mentor code",
        ],
        (
            &[&["mentor"], &["assigned", "mentor"], &["matched", "with"]],
            // "Mentor email" is a mentor's key when the bank is keyed by
            // email (Mentorloop): not avoided, and the values decide.
            &["mentoring", "training", "status", "meeting*", "event", "date"],
            Reference,
        ),
    ),
    field(
        "matched_on",
        false,
        &[
            "matched on",
            "match date",
            "date matched",
            "matched date",
            "matched",
        ],
        (
            &[&["match*"], &["paired"], &["pairing"], &["allocated"]],
            &[],
            Date,
        ),
    ),
    field(
        "meet_greet_attended",
        false,
        &[
            "meet greet",
            "meet and greet",
            "meet greet attended",
            "attended meet and greet",
            "m g",
        ],
        (
            &[
                &["meet", "greet"],
                &["met", "greet*"],
                &["welcome"],
                &["launch"],
                &["meet", "your", "mentor"],
            ],
            &[],
            Flag,
        ),
    ),
    field(
        "ceremony_attended",
        false,
        &[
            "celebration",
            "ceremony",
            "celebration attended",
            "ceremony attended",
            "celebration event",
        ],
        (
            &[
                &["celebrat*"],
                &["ceremony"],
                &["awards"],
                &["graduation", "event"],
            ],
            &[],
            Flag,
        ),
    ),
    field(
        "withdrawn_on",
        false,
        &[
            "withdrawn on",
            "withdrawn",
            "withdrawal date",
            "date withdrawn",
            "withdrew",
        ],
        (
            &[
                &["withdr*"],
                &["left", "programme"],
                &["left", "scheme"],
                &["exit", "date"],
                &["dropped", "out"],
            ],
            &["reason"],
            FlagOrDate,
        ),
    ),
    field(
        "placement_applied",
        false,
        &[
            "applied for placement",
            "applied for a placement",
            "placement applied",
            "placement application",
            "applied",
        ],
        (
            &[&["placement", "appl*"], &["internship", "appl*"], &["applied"]],
            &["date"],
            Flag,
        ),
    ),
    field(
        "placement_secured",
        false,
        &[
            "placement secured",
            "secured placement",
            "secured a placement",
            "placement obtained",
            "placement offer",
        ],
        (
            &[
                &["placement", "secur*"],
                &["placement", "confirm*"],
                &["placement", "obtain*"],
                &["placement", "offer*"],
                &["got", "placement"],
                &["secured"],
            ],
            &["date"],
            Flag,
        ),
    ),
];
