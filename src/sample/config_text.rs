//! The evidence.toml that reads the sample.

use super::*;

pub(super) fn evidence_toml(cal: &Calendar, with_history: bool, format: SampleFormat) -> String {
    let (cohort, mentors, post) = match format {
        SampleFormat::Xlsx => (
            "cohort.xlsx\"\nsheet = \"Year 2",
            "mentors.xlsx",
            "survey-post.xlsx",
        ),
        SampleFormat::Csv => ("cohort.csv", "mentors.csv", "survey-post.csv"),
    };
    format!(
        r#"# mentor-evidence configuration for the synthetic sample programme.
# Paths are relative to this file. Reference: README.md "Configuration".

[programme]
name = "Professional Mentoring Programme"
institution = "Example University"
period = "{period}"
start = {start}
as_of = {as_of}
{history}
[inputs.cohort]
path = "{cohort}"
[inputs.cohort.columns]
student_id = "Student ID"
email = "University email"
department = "School"
registered = "Signed up"
training_completed = "Training completed"
quiz_score = "Quiz score (%)"
mentor_id = "Mentor ID"
matched_on = "Matched on"
meet_greet_attended = "Meet & greet"
ceremony_attended = "Celebration"
withdrawn_on = "Withdrawn on"
placement_applied = "Applied for placement"
placement_secured = "Placement secured"

[inputs.mentors]
path = "{mentors}"
[inputs.mentors.columns]
mentor_id = "Mentor ID"
organisation = "Organisation"
sector = "Sector"
source = "Recruited via"
capacity = "Mentee capacity"
trained = "Trained"

[inputs.meetings]
path = "meetings.csv"
[inputs.meetings.columns]
student_id = "Student"
mentor_id = "Mentor"
date = "Meeting date"
duration = "Length"
kind = "Type"
[inputs.meetings.kinds]
one_to_one = ["One-to-one", "1:1", "Monthly catch-up"]
meet_and_greet = ["Meet and greet"]
workplace_visit = ["Workplace visit"]
celebration = ["Celebration"]

[[inputs.surveys]]
wave = "pre"
path = "survey-pre.csv"
format = "qualtrics"
student_id = "ExternalReference"
[inputs.surveys.items]
{pre_items}
[[inputs.surveys]]
wave = "post"
path = "{post}"
format = "forms"
email = "Email"
[inputs.surveys.items]
{post_items}
[survey]
compare = ["pre", "post"]
[survey.responses]
"Strongly disagree" = 1
"Disagree" = 2
"Neither agree nor disagree" = 3
"Agree" = 4
"Strongly agree" = 5

[[survey.scales]]
name = "Confidence"
items = ["conf1", "conf2", "conf3"]
min_answered = 2

[[survey.scales]]
name = "Resilience"
items = ["res1", "res2", "res3"]
reverse = ["res3"]
min_answered = 2

[survey.placement_intent]
item = "intent"
responses = {{ "Very unlikely" = 1, "Unlikely" = 2, "Not sure" = 3, "Likely" = 4, "Very likely" = 5 }}
intends_at_least = 4

[target_groups]
"Low participation area (POLAR4 Q1-2)" = {{ column = "POLAR4 quintile", in = ["1", "2"] }}
"First in family" = {{ column = "First generation", in = ["Y"] }}
"Black, Asian and minority ethnic" = {{ column = "Ethnicity group", in = ["Asian", "Black", "Mixed", "Other"] }}

[engagement]
quiz_pass_mark = 70
monthly_minimum = 1
sustained_meetings = 3
expected_months = 6
at_risk_days = 45
lapsed_days = 90

# Mentor sectors aligned with each school: do aligned pairs last longer?
[matching.aligned]
{aligned}
# Participants against non-participants alike on these columns (Type 3 evidence).
[comparison]
treated = "matched"
match_on = ["POLAR4 quintile", "First generation", "Ethnicity group", "Commuter"]
balance_on = ["Year 1 average"]
outcomes = ["placement_applied", "placement_secured"]
smd_threshold = 0.1
min_matched = 20
# Fixed before the programme: matched groups that still differ here differ elsewhere too.
negative_controls = ["Year 1 work experience"]
[comparison.coarsen]
"Year 1 average" = [0, 45, 50, 55, 60, 65, 70, 100.5]

[disclosure]
rule = "hesa"

[output]
dir = "report"
internal = false

# The team's own words under the sections of the same title (narrative.md).
[report]
narrative = "narrative.md"
"#,
        period = cal.period,
        cohort = cohort,
        mentors = mentors,
        post = post,
        history = if with_history {
            "history = \"history\"\n"
        } else {
            ""
        },
        start = cal.start,
        as_of = cal.as_of,
        pre_items = surveys::ITEMS
            .iter()
            .map(|(id, code, _)| format!("{id} = \"{code}\"\n"))
            .collect::<String>(),
        aligned = people::ALIGNED
            .iter()
            .map(|(school, sectors)| {
                let sectors: Vec<String> = sectors.iter().map(|s| format!("\"{s}\"")).collect();
                format!("\"{school}\" = [{}]\n", sectors.join(", "))
            })
            .collect::<String>(),
        post_items = surveys::ITEMS
            .iter()
            .map(|(id, _, text)| format!("{id} = \"{text}\"\n"))
            .collect::<String>(),
    )
}
