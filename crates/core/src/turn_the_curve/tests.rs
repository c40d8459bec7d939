use super::*;

fn action(key: &str, ratings: [Rating; 4]) -> Action {
    Action {
        key: key.into(),
        title: format!("Do {key}"),
        organization_id: Some(7),
        due_on: Some("2027-03-01".parse().unwrap()),
        leverage: ratings[0],
        feasibility: ratings[1],
        specificity: ratings[2],
        values: ratings[3],
    }
}

fn input() -> CurvePlanInput {
    CurvePlanInput {
        table_id: 3,
        story: vec![Cause { text: "Chronic absence in K–2".into(), force: Force::Hindering }],
        partners: vec![PartnerRole { organization_id: None, name: "Parents".into(), role: "Read at home".into() }],
        what_works: vec![Idea {
            text: "Attendance nudges by text".into(),
            evidence: String::new(),
            cost: IdeaCost::LowCost,
        }],
        actions: vec![action("nudges", [Rating::High; 4])],
        reason: String::new(),
    }
}

fn plan(actions: Vec<Action>) -> CurvePlan {
    CurvePlan {
        id: 1,
        indicator_key: "third-grade-reading".into(),
        table_id: 3,
        table_name: "Early Grade Reading".into(),
        current: CurvePlanVersion {
            id: 1,
            plan_id: 1,
            version: 1,
            story: input().story,
            partners: vec![],
            what_works: vec![],
            actions,
            reason: String::new(),
            author_name: "Staff".into(),
            created_at: Utc::now(),
        },
        versions: 1,
        committed: vec![],
    }
}

#[test]
fn a_plan_starts_from_the_story_behind_the_curve_and_later_versions_say_why() {
    assert!(input().validate(true).is_ok());
    assert_eq!(input().validate(false).unwrap_err().reason_for("reason"), Some("is required"));
    let no_story = CurvePlanInput { story: vec![], ..input() };
    assert!(no_story.validate(true).unwrap_err().reason_for("story").is_some());
}

#[test]
fn each_step_says_which_item_is_wrong() {
    let mut bad = input();
    bad.partners.push(PartnerRole { organization_id: None, name: " ".into(), role: "Lend books".into() });
    bad.actions.push(action("nudges", [Rating::Low; 4]));
    bad.actions.push(Action {
        key: "Not A Key".into(),
        due_on: Some("1999-01-01".parse().unwrap()),
        ..action("x", [Rating::Low; 4])
    });
    let inv = bad.validate(true).unwrap_err();
    assert!(inv.reason_for("partners[1].name").is_some());
    assert_eq!(inv.reason_for("actions[1].key"), Some("\"nudges\" names another action of this plan"));
    assert!(inv.reason_for("actions[2].key").is_some());
    assert!(inv.reason_for("actions[2].due_on").is_some());
}

#[test]
fn actions_are_read_strongest_first() {
    let p = plan(vec![
        action("weak", [Rating::Low, Rating::High, Rating::Low, Rating::Medium]),
        action("strong", [Rating::High, Rating::High, Rating::Medium, Rating::High]),
        action("middle", [Rating::Medium; 4]),
    ]);
    let order: Vec<&str> = p.current.ranked_actions().iter().map(|a| a.key.as_str()).collect();
    assert_eq!(order, ["strong", "middle", "weak"]);
    assert_eq!(p.current.actions[1].score(), 11);
}

#[test]
fn an_action_becomes_a_commitment_toward_the_indicator_once_someone_and_a_date_are_named() {
    let mut p = plan(vec![action("nudges", [Rating::High; 4])]);
    let c = commitment_for(&p, "nudges").unwrap();
    assert_eq!(
        (c.organization_id, c.indicator_key.as_deref(), c.table_id),
        (Some(7), Some("third-grade-reading"), Some(3))
    );
    assert!(c.validate().is_ok());
    p.committed.push(CommittedAction { action_key: "nudges".into(), commitment_id: 9 });
    assert_eq!(
        commitment_for(&p, "nudges").unwrap_err().reason_for("action_key"),
        Some("this action is already a commitment")
    );
    let undated = plan(vec![Action { due_on: None, organization_id: None, ..action("later", [Rating::Low; 4]) }]);
    let inv = commitment_for(&undated, "later").unwrap_err();
    assert!(inv.reason_for("due_on").is_some() && inv.reason_for("organization_id").is_some());
    assert!(commitment_for(&undated, "missing").is_err());
}
