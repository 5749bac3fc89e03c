//! Disclosure control rules of outputs.md.

use mentor_evidence::disclosure::{round_hesa, threshold_count};
use mentor_evidence::metrics::model::Count;

#[test]
fn hesa_rounds_to_nearest_five_halves_up() {
    let cases = [
        (0, 0),
        (1, 0),
        (2, 0),
        (3, 5),
        (4, 5),
        (5, 5),
        (7, 5),
        (8, 10),
        (12, 10),
        (13, 15),
        (22, 20),
        (23, 25),
        (598, 600),
    ];
    for (raw, rounded) in cases {
        assert_eq!(round_hesa(raw), rounded, "{raw}");
    }
}

#[test]
fn hesa_rounding_is_idempotent_and_monotone() {
    let mut previous = 0;
    for raw in 0..500 {
        let r = round_hesa(raw);
        assert_eq!(round_hesa(r), r);
        assert!(r >= previous);
        previous = r;
    }
}

#[test]
fn threshold_hides_small_counts() {
    assert_eq!(threshold_count(0, 5), Count::Exact(0));
    assert_eq!(threshold_count(1, 5), Count::Below(5));
    assert_eq!(threshold_count(4, 5), Count::Below(5));
    assert_eq!(threshold_count(5, 5), Count::Exact(5));
    assert_eq!(Count::Below(5).text(), "<5");
}
