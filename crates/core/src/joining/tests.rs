use super::*;

fn asking() -> JoinRequestInput {
    JoinRequestInput { name: "Rosa Méndez".into(), phone: "(555) 201-3344".into(), ..Default::default() }
}

#[test]
fn a_request_needs_a_name_and_a_way_to_answer() {
    assert!(asking().validate().is_ok());
    let nobody = JoinRequestInput { name: "Rosa".into(), ..Default::default() };
    let inv = nobody.validate().unwrap_err();
    assert_eq!(inv.reason_for("email"), Some("give an e-mail address or a phone number so we can answer"));
    let bad = JoinRequestInput { email: "rosa@".into(), phone: "call me".into(), ..asking() };
    let inv = bad.validate().unwrap_err();
    assert!(inv.reason_for("email").is_some() && inv.reason_for("phone").is_some());
    let unnamed = JoinRequestInput { name: "  ".into(), ..asking() };
    assert!(unnamed.validate().unwrap_err().reason_for("name").is_some());
}

#[test]
fn declining_says_why_and_a_decision_is_never_waiting() {
    let d = |status, note: &str| JoinDecision { status, note: note.into(), role: MemberRole::Member, start_date: None };
    assert!(d(JoinStatus::Welcomed, "").validate().is_ok());
    assert!(d(JoinStatus::Declined, "").validate().unwrap_err().reason_for("note").is_some());
    assert!(d(JoinStatus::Declined, "The table is full until the spring").validate().is_ok());
    assert!(d(JoinStatus::Waiting, "").validate().unwrap_err().reason_for("status").is_some());
}

#[test]
fn the_sender_is_told_only_that_it_was_received() {
    let r = JoinRequest {
        id: 1,
        table_id: 7,
        table_name: "Resident Table".into(),
        name: "Rosa Méndez".into(),
        email: Some("rosa@example.org".into()),
        phone: None,
        neighborhood: None,
        message: String::new(),
        language: "es".into(),
        status: JoinStatus::Waiting,
        note: None,
        person_id: None,
        decided_at: None,
        created_at: Utc::now(),
    };
    let receipt = serde_json::to_value(JoinReceipt::from(&r)).unwrap();
    assert!(receipt.get("email").is_none() && receipt.get("name").is_none());
    assert_eq!(receipt["status"], "waiting");
}
