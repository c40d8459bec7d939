use super::*;

fn pct(n: f64, d: f64) -> (f64, Option<f64>) {
    (n, Some(d))
}

#[test]
fn a_rate_that_moved_more_than_ten_points_is_an_outlier() {
    // 62% → 75%: thirteen points.
    assert_eq!(outlier(Unit::Percent, pct(75.0, 100.0), Some(pct(62.0, 100.0))), Some(Outlier::RateMoved));
    // 62% → 70%: eight points, an ordinary year.
    assert_eq!(outlier(Unit::Percent, pct(70.0, 100.0), Some(pct(62.0, 100.0))), None);
    // Down counts too.
    assert_eq!(outlier(Unit::Percent, pct(40.0, 100.0), Some(pct(62.0, 100.0))), Some(Outlier::RateMoved));
    // A rate per 1,000 is a share too: 30 → 150 per 1,000 is twelve points.
    assert_eq!(outlier(Unit::RatePer1000, pct(150.0, 1000.0), Some(pct(30.0, 1000.0))), Some(Outlier::RateMoved));
    assert_eq!(outlier(Unit::RatePer1000, pct(45.0, 1000.0), Some(pct(30.0, 1000.0))), None);
}

#[test]
fn a_rate_over_a_group_that_changed_size_more_than_twice_is_an_outlier() {
    // The same 62%, but counted over 300 children instead of 1,000: a different group.
    assert_eq!(outlier(Unit::Percent, pct(186.0, 300.0), Some(pct(620.0, 1000.0))), Some(Outlier::BaseChanged));
    assert_eq!(outlier(Unit::Percent, pct(372.0, 600.0), Some(pct(620.0, 1000.0))), None);
}

#[test]
fn a_count_that_more_than_doubled_or_halved_by_ten_or_more_is_an_outlier() {
    assert_eq!(outlier(Unit::Count, (250.0, None), Some((100.0, None))), Some(Outlier::ValueChanged));
    assert_eq!(outlier(Unit::Count, (40.0, None), Some((100.0, None))), Some(Outlier::ValueChanged));
    assert_eq!(outlier(Unit::Count, (180.0, None), Some((100.0, None))), None);
    // Small counts move a lot without meaning anything.
    assert_eq!(outlier(Unit::Count, (7.0, None), Some((3.0, None))), None);
    // From nothing to many is worth a look; from nothing to a few is not.
    assert_eq!(outlier(Unit::Count, (25.0, None), Some((0.0, None))), Some(Outlier::ValueChanged));
    assert_eq!(outlier(Unit::Count, (4.0, None), Some((0.0, None))), None);
}

#[test]
fn an_average_that_more_than_doubled_is_an_outlier() {
    // Average award: $1,000 → $2,500.
    assert_eq!(
        outlier(Unit::Currency, pct(250_000.0, 100.0), Some(pct(100_000.0, 100.0))),
        Some(Outlier::ValueChanged)
    );
    assert_eq!(outlier(Unit::Score, pct(330.0, 100.0), Some(pct(300.0, 100.0))), None);
}

#[test]
fn a_number_never_approved_before_is_never_flagged() {
    assert_eq!(outlier(Unit::Percent, pct(99.0, 100.0), None), None);
    assert_eq!(outlier(Unit::Count, (1e9, None), None), None);
}

#[test]
fn a_review_number_shows_its_change_from_the_approved_value() {
    let n = ReviewNumber {
        id: 7,
        submission_id: 1,
        indicator_id: 2,
        indicator_key: "kinder_ready".into(),
        unit: Unit::Percent,
        period: "2025-26".into(),
        geography: "riverbend".into(),
        groups: Default::default(),
        numerator: 75.0,
        denominator: Some(100.0),
        status: ObservationStatus::Submitted,
        return_reason: None,
        revision: 2,
        previous: Some(Approved { numerator: 124.0, denominator: Some(200.0) }),
    };
    assert_eq!(n.value(), Some(75.0));
    assert_eq!(n.previous_value(), Some(62.0));
    assert_eq!(n.change(), Some(13.0));
    assert_eq!(n.outlier(), Some(Outlier::RateMoved));
    let new = ReviewNumber { previous: None, ..n };
    assert_eq!((new.change(), new.outlier()), (None, None));
}

#[test]
fn cursors_survive_a_link() {
    let c = NumberCursor { indicator_id: 3, id: 99 };
    assert_eq!(NumberCursor::decode(&c.encode()), Some(c.clone()));
    assert_eq!(NumberCursor::decode("3.99.tract.12.5"), Some(c), "a link made before arrival order");
    let s = SubmissionCursor { id: 4 };
    assert_eq!(SubmissionCursor::decode(&s.encode()), Some(s));
    assert_eq!(NumberCursor::decode("x"), None);
    assert_eq!(SubmissionCursor::decode("x"), None);
}

#[test]
fn drafts_are_not_a_queue_filter_and_returning_needs_a_reason() {
    let f = NumberFilter { status: ObservationStatus::Draft, ..Default::default() };
    assert!(f.validate().unwrap_err().reason_for("status").is_some());
    assert!(NumberFilter::default().validate().is_ok());
    let r = SubmissionDecision::Return { reason: "  ".into() };
    assert!(r.validate().unwrap_err().reason_for("reason").is_some());
    assert!(SubmissionDecision::Approve.validate().is_ok());
    assert_eq!(page_size(None), DEFAULT_PAGE);
    assert_eq!(page_size(Some(0)), 1);
    assert_eq!(page_size(Some(10_000)), MAX_PAGE);
}
