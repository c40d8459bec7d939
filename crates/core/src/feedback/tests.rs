use super::*;

fn input(matches: Agreement, comment: &str) -> FeedbackInput {
    FeedbackInput { matches, comment: comment.into(), name: String::new(), contact: String::new() }
}

#[test]
fn a_number_that_does_not_match_asks_for_what_the_person_sees() {
    assert!(input(Agreement::Yes, "").validate().is_ok(), "agreeing needs no words");
    let err = input(Agreement::No, "  ").validate().unwrap_err();
    assert!(err.reason_for("comment").unwrap().contains("what you see"));
    let mut i = input(Agreement::Partly, "The reading room at the library has a waiting list.");
    i.contact = "not an address".into();
    assert!(i.validate().unwrap_err().reason_for("contact").is_some());
    let spam = input(Agreement::No, "http://a http://b http://c");
    assert!(spam.validate().unwrap_err().reason_for("comment").unwrap().contains("links"));
}

#[test]
fn only_staff_see_how_to_reach_the_sender_and_why_a_message_was_declined() {
    let f = Feedback {
        id: 1,
        indicator_key: "third-grade-reading".into(),
        matches: Agreement::No,
        comment: "Our school lost its reading specialist".into(),
        name: None,
        contact: Some("parent@example.org".into()),
        language: "en".into(),
        status: FeedbackStatus::Published,
        moderation_note: Some("ok".into()),
        reply: None,
        created_at: chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap(),
    };
    let public = f.clone().shown(false);
    assert_eq!((public.contact, public.moderation_note), (None, None));
    assert_eq!(f.clone().shown(true), f);
    let declined = ModerationInput { status: FeedbackStatus::Declined, note: String::new() };
    assert!(declined.validate().unwrap_err().reason_for("note").is_some(), "declining says why");
}
