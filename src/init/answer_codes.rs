//! LimeSurvey's answer codes: a wave exported with "Answer codes" holds
//! `AO01` .. `AO05` (`A1` .. `A5` before LimeSurvey 3) where the other
//! export holds the answers' texts. The codes number the answers in the
//! order they were set up, which for an agreement or likelihood question
//! is the order of its scale; init scores them so and says to check.

/// The number a LimeSurvey answer code carries: `AO03` is 3, `A1` is 1.
pub fn answer_code(answer: &str) -> Option<u32> {
    let a = answer.trim();
    let digits = a.strip_prefix("AO").or_else(|| a.strip_prefix('A'))?;
    if digits.is_empty() || digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=20).contains(n))
}

/// Answer codes, each with its number.
pub type Codes = Vec<(u32, String)>;

/// The answer codes among `answers`, each with its number, in order.
pub fn codes(answers: &[String]) -> Codes {
    let mut codes: Vec<(u32, String)> = answers
        .iter()
        .filter_map(|a| Some((answer_code(a)?, a.trim().to_string())))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// The comment above the codes init scores.
pub const CHECK: &str =
    "# check: LimeSurvey's answer codes, scored in the order the answers were set up (AO01 the first)";
