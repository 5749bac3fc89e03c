//! Metrics: the figures of metrics.md computed from validated inputs. Polars
//! lazy queries (one small function per query family, the only `collect()`s)
//! produce the plain model of `model.rs`; no polars type leaves this module.

pub mod comparison;
pub mod continuity;
pub mod departments;
mod evidence;
pub mod frame;
pub mod groups;
pub mod history;
pub mod match_wait;
pub mod matching;
pub mod meetings;
pub mod mentor_bank;
pub mod model;
pub mod outcomes;
pub mod pair_factors;
pub mod pairs;
pub mod pooling;
pub mod relationships;
pub mod surveys;
pub mod trend;
pub mod uptake;

use crate::config::{Config, DisclosureRule};
use crate::error::{Error, Result};
use crate::ingest::TableInfo;
use crate::validate::Validated;
use history::SCHEMA_VERSION;
use model::{DataQualityRecord, DisclosureRecord, InputRecord, Metrics, ProgrammeRecord};

/// The computed metrics and the per-pair records behind them (internal only).
#[derive(Debug, Clone)]
pub struct Computed {
    /// Unrounded metrics.
    pub metrics: Metrics,
    /// Per-pair records (with cohort rows, for internal/pairs.csv).
    pub pairs: Vec<pairs::Pair>,
    /// Per cohort row, the other mentors its meeting log names (internal only).
    pub other_mentors: continuity::OtherMentors,
}

/// Computes every metric of the run (unrounded: disclosure control comes after).
pub fn compute(config: &Config, validated: &Validated) -> Result<Computed> {
    let membership = groups::membership(&validated.cohort, &config.target_groups);
    // Independent families are tasks of rayon's pool: surveys and the mentor
    // bank read only their own inputs, beside the cohort and meeting queries,
    // which split again once the meeting aggregates exist.
    let ((survey, mentors), chained) = rayon::join(
        || {
            rayon::join(
                || surveys::survey_metrics(config, &validated.cohort, &validated.surveys, &membership),
                || {
                    validated
                        .mentors
                        .as_ref()
                        .map(|m| mentor_bank::mentor_bank(&m.mentors, &validated.cohort, &m.cohort_rows))
                },
            )
        },
        || cohort_and_meeting_metrics(config, validated, &membership),
    );
    let chained = chained?;
    let lasting = lasting_metrics(config, validated, &membership, &chained.pairs);
    let mut metrics = Metrics {
        schema_version: SCHEMA_VERSION,
        published: false,
        programme: ProgrammeRecord {
            name: config.programme.name.clone(),
            institution: config.programme.institution.clone(),
            period: config.programme.period.clone(),
            start: config.programme.start.to_string(),
        },
        as_of: config.programme.as_of.to_string(),
        disclosure: DisclosureRecord {
            rule: config.disclosure.rule,
            threshold: (config.disclosure.rule == DisclosureRule::Threshold)
                .then_some(config.disclosure.threshold),
            withheld: None,
            secondary: None,
            audited: None,
        },
        inputs: input_records(validated),
        groups: membership.names.clone(),
        uptake: chained.uptake,
        departments: chained.departments,
        relationships: chained.relationships,
        timeline: chained.timeline,
        compliance: chained.compliance,
        retention: chained.retention,
        match_wait: lasting.match_wait,
        continuity: lasting.continuity,
        pair_factors: lasting.pair_factors,
        retention_alignment: lasting.retention_alignment,
        mentors,
        survey_waves: survey.waves,
        scales: survey.scales,
        items: survey.items,
        item_texts: item_texts(&validated.surveys),
        paired: survey.paired,
        attrition: survey.attrition,
        intent: survey.intent,
        intent_paired: survey.intent_paired,
        outcomes: chained.outcomes,
        comparison: chained.comparison.comparison,
        balance: chained.comparison.balance,
        dose: chained.comparison.dose,
        pooling: Vec::new(),
        trend: Vec::new(),
        history_skipped: Vec::new(),
        data_quality: DataQualityRecord {
            errors: exact(validated.quality.errors()),
            warnings: exact(validated.quality.warnings()),
            by_rule: validated
                .quality
                .by_rule()
                .into_iter()
                .map(|(rule, n)| (rule, exact(n)))
                .collect(),
            by_input: validated
                .quality
                .summary()
                .into_iter()
                .map(|c| model::QualityCount {
                    input: c.input,
                    rule: c.rule,
                    severity: c.severity,
                    findings: exact(c.count),
                })
                .collect(),
        },
    };
    metrics.pooling = pooling::pooling_records(&metrics);
    Ok(Computed {
        metrics,
        pairs: chained.pairs,
        other_mentors: lasting.other_mentors,
    })
}

/// The cohort and meeting-log metrics, which build on each other.
struct Chained {
    uptake: Vec<model::UptakeRecord>,
    departments: Vec<model::UptakeRecord>,
    outcomes: Vec<model::OutcomeRecord>,
    pairs: Vec<pairs::Pair>,
    relationships: Vec<model::RelationshipRecord>,
    retention: Vec<model::RetentionRecord>,
    compliance: Vec<model::ComplianceRecord>,
    timeline: Vec<model::TimelineRecord>,
    comparison: comparison::ComparisonMetrics,
}

/// Uptake, outcomes, pairs and relationship metrics: meeting aggregates feed
/// the cohort frame, which feeds uptake and the pairs.
fn cohort_and_meeting_metrics(
    config: &Config,
    validated: &Validated,
    membership: &groups::Membership,
) -> Result<Chained> {
    let aggregates = validated
        .meetings
        .as_ref()
        .map(|valid| meetings::aggregate(valid, membership, validated.cohort.len()));
    // The polars queries on the cohort frame beside the per-pair records
    // and the matched comparison.
    let (queried, ((pairs, (relationships, retention), timeline), compared)) = rayon::join(
        || cohort_queries(config, validated, membership, aggregates.as_ref()),
        || {
            rayon::join(
                || pair_metrics(config, validated, membership, aggregates.as_ref()),
                || matched_comparison(config, validated, membership, aggregates.as_ref()),
            )
        },
    );
    let Queried {
        outcomes,
        uptake,
        departments,
    } = queried?;
    let comparison = compared?;
    let (relationships, compliance) = relationships?;
    Ok(Chained {
        uptake,
        departments,
        outcomes,
        pairs,
        relationships,
        retention,
        compliance,
        timeline,
        comparison,
    })
}

/// What makes relationships last (metrics.md §7), beyond departments.
struct Lasting {
    match_wait: Vec<model::MatchWaitRecord>,
    continuity: Option<model::ContinuityRecord>,
    other_mentors: continuity::OtherMentors,
    pair_factors: Vec<model::PairFactorRecord>,
    retention_alignment: Vec<model::RetentionRecord>,
}

/// The wait, continuity, pair factors and aligned pairs' retention, as
/// tasks beside each other (they only read the pairs and inputs).
fn lasting_metrics(
    config: &Config,
    validated: &Validated,
    membership: &groups::Membership,
    pairs: &[pairs::Pair],
) -> Lasting {
    // The pair factors need the meeting log (sustained pairs).
    let pairs: &[pairs::Pair] = if validated.meetings.is_some() { pairs } else { &[] };
    let mentors = validated.mentors.as_ref();
    let sources = pair_factors::Sources {
        cohort: &validated.cohort,
        bank_rows: mentors.map_or(&[], |m| m.cohort_rows.as_slice()),
        sector: mentors.and_then(|m| m.mentors.sector.as_ref()),
        source: mentors.and_then(|m| m.mentors.source.as_ref()),
        matching: config.matching.as_ref(),
        sustained_meetings: config.engagement.sustained_meetings,
    };
    let ((match_wait, continuity), (pair_factors, retention_alignment)) = rayon::join(
        || {
            rayon::join(
                || match_wait::match_wait(&validated.cohort, membership),
                || {
                    validated
                        .meetings
                        .as_ref()
                        .and_then(|m| continuity::continuity(&validated.cohort, m))
                },
            )
        },
        || {
            rayon::join(
                || pair_factors::pair_factors(pairs, &sources),
                || {
                    pair_factors::aligned(pairs, &sources)
                        .map(|aligned| {
                            let rows = validated.cohort.len();
                            let membership = pair_factors::alignment_membership(pairs, &aligned, rows);
                            relationships::retention_records(
                                pairs,
                                &membership,
                                config.programme.as_of,
                                config.engagement.expected_months,
                            )
                        })
                        .unwrap_or_default()
                },
            )
        },
    );
    let (continuity, other_mentors) =
        continuity.map_or((None, Vec::new()), |(record, list)| (Some(record), list));
    Lasting {
        match_wait,
        continuity,
        other_mentors,
        pair_factors,
        retention_alignment,
    }
}

/// The matched comparison, when `[comparison]` is configured.
fn matched_comparison(
    config: &Config,
    validated: &Validated,
    membership: &groups::Membership,
    aggregates: Option<&meetings::MeetingAggregates>,
) -> Result<comparison::ComparisonMetrics> {
    match (&config.comparison, &validated.comparison) {
        (Some(spec), Some(inputs)) => comparison::comparison_metrics(
            spec,
            &config.mapped_outcomes(),
            &validated.cohort,
            inputs,
            membership,
            aggregates,
        ),
        _ => Ok(comparison::ComparisonMetrics::default()),
    }
}

/// The records of `cohort_queries`.
struct Queried {
    outcomes: Vec<model::OutcomeRecord>,
    uptake: Vec<model::UptakeRecord>,
    departments: Vec<model::UptakeRecord>,
}

/// Outcomes, uptake and uptake by department: their conditions counted per
/// group in one polars group_by over the cohort frame and the membership
/// table (target groups, then departments).
fn cohort_queries(
    config: &Config,
    validated: &Validated,
    membership: &groups::Membership,
    aggregates: Option<&meetings::MeetingAggregates>,
) -> Result<Queried> {
    let frame = frame::cohort_frame(&validated.cohort, aggregates)
        .map_err(|e| Error::compute("the cohort frame", e))?;
    let thresholds = uptake::Thresholds {
        quiz_pass_mark: config.engagement.quiz_pass_mark,
        sustained_meetings: config.engagement.sustained_meetings,
    };
    let stages = uptake::available_stages(&frame);
    let outcomes = outcomes::available_outcomes(&frame);
    let mut conditions = uptake::stage_counts(&frame, thresholds);
    conditions.extend(outcomes::outcome_counts(&outcomes));
    let departments =
        departments::department_membership(&validated.cohort, config.disclosure.smallest_rate_denominator());
    // Departments after the target groups (All eligible counted once).
    let mut combined = membership.clone();
    if let Some(d) = &departments {
        combined.names.extend(d.names[1..].iter().cloned());
        combined.members.extend(d.members[1..].iter().cloned());
    }
    let mut counts = frame::counts_by_group(&frame, &combined, conditions)
        .map_err(|e| Error::compute("the uptake funnel and outcomes", e))?;
    let by_department: Vec<Vec<u64>> = std::iter::once(counts[0].clone())
        .chain(counts.drain(membership.names.len()..))
        .map(|mut group| {
            group.truncate(stages.len());
            group
        })
        .collect();
    let (stage_counts, outcome_counts): (Vec<Vec<u64>>, Vec<Vec<u64>>) = counts
        .into_iter()
        .map(|mut group| {
            let outcome = group.split_off(stages.len());
            (group, outcome)
        })
        .unzip();
    Ok(Queried {
        outcomes: outcomes::outcomes(&outcomes, &outcome_counts, membership),
        uptake: uptake::uptake(&stages, &stage_counts, membership),
        departments: departments
            .map(|d| uptake::uptake(&stages, &by_department, &d))
            .unwrap_or_default(),
    })
}

/// Relationship, retention and compliance records per pair, and the timeline.
type PairMetrics = (
    Vec<pairs::Pair>,
    (
        Result<(Vec<model::RelationshipRecord>, Vec<model::ComplianceRecord>)>,
        Vec<model::RetentionRecord>,
    ),
    Vec<model::TimelineRecord>,
);

/// The pairs and the figures built on them, and the timeline.
fn pair_metrics(
    config: &Config,
    validated: &Validated,
    membership: &groups::Membership,
    aggregates: Option<&meetings::MeetingAggregates>,
) -> PairMetrics {
    let as_of = config.programme.as_of;
    let empty = meetings::MeetingAggregates::default();
    let pairs = pairs::pairs(
        &validated.cohort,
        aggregates.unwrap_or(&empty),
        as_of,
        &config.engagement,
    );
    let records = if validated.cohort.mentor_id.is_some() && aggregates.is_some() {
        let (relationships, retention) = rayon::join(
            || {
                relationships::relationship_records(&pairs, membership)
                    .map_err(|e| Error::compute("the relationships by group", e))
            },
            || relationships::retention_records(&pairs, membership, as_of, config.engagement.expected_months),
        );
        (relationships, retention)
    } else {
        (Ok((Vec::new(), Vec::new())), Vec::new())
    };
    let timeline = aggregates
        .map(|a| relationships::timeline_records(a, membership))
        .unwrap_or_default();
    (pairs, records, timeline)
}

fn exact(n: usize) -> model::Count {
    model::Count::Exact(n as u64)
}

fn input_records(validated: &Validated) -> Vec<InputRecord> {
    let record = |info: &TableInfo, used: usize| InputRecord {
        name: info.input.clone(),
        files: info.files.clone(),
        rows_read: exact(info.rows_read),
        rows_used: exact(used),
    };
    let mut records = vec![record(&validated.cohort_info, validated.cohort.len())];
    if let Some(mentors) = &validated.mentors {
        records.push(record(&mentors.info, mentors.mentors.mentor_id.len()));
    }
    if let Some(meetings) = &validated.meetings {
        records.push(record(&meetings.info, meetings.meetings.len()));
    }
    for wave in &validated.surveys {
        records.push(record(&wave.info, wave.student_row.len()));
    }
    records
}

/// Each item's question text, from the first wave (in configuration order)
/// that asks it.
fn item_texts(waves: &[crate::validate::surveys::ValidWave]) -> Vec<model::ItemText> {
    let mut texts: Vec<model::ItemText> = Vec::new();
    for wave in waves {
        for (item, text) in &wave.texts {
            if !texts.iter().any(|t| &t.item == item) {
                texts.push(model::ItemText {
                    item: item.clone(),
                    text: text.clone(),
                });
            }
        }
    }
    texts
}
