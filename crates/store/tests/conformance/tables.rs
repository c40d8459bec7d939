//! Tables and the history of who sat where.

use super::*;

async fn table_memberships_keep_their_history(ts: TestStore) {
    let i = initiative(&ts).await;
    let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
    let person = |name: &str, org: Option<Id>| PersonInput {
        name: name.into(),
        email: String::new(),
        phone: String::new(),
        organization_id: org,
        title: String::new(),
        demographics: None,
    };
    let ana = ts.store.create_person(&staff(), i.id, &person("Ana Ruiz", Some(o.id))).await.unwrap();
    let resident = ts.store.create_person(&staff(), i.id, &person("DeShawn Miller", None)).await.unwrap();
    assert_eq!(ana.organization_name.as_deref(), Some("Bright Start Early Learning"));
    assert!(resident.organization_id.is_none());
    let t = ts
        .store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: "Early Grade Reading Network".into(),
                kind: TableKind::ActionNetwork,
                purpose: "Move 3rd-grade reading".into(),
                result_key: Some("early-grade-reading".into()),
                joining: Default::default(),
            },
        )
        .await
        .unwrap();
    let m = ts
        .store
        .add_membership(
            &staff(),
            i.id,
            t.id,
            &MembershipInput {
                person_id: ana.id,
                role: MemberRole::Chair,
                start_date: date("2023-09-01"),
                end_date: None,
            },
        )
        .await
        .unwrap();
    ts.store
        .add_membership(
            &staff(),
            i.id,
            t.id,
            &MembershipInput {
                person_id: resident.id,
                role: MemberRole::Member,
                start_date: date("2024-01-15"),
                end_date: None,
            },
        )
        .await
        .unwrap();
    let overlap = ts
        .store
        .add_membership(
            &staff(),
            i.id,
            t.id,
            &MembershipInput {
                person_id: ana.id,
                role: MemberRole::Member,
                start_date: date("2024-03-01"),
                end_date: None,
            },
        )
        .await;
    assert!(matches!(overlap, Err(StoreError::Conflict { .. })), "{overlap:?}");
    assert_eq!(ts.store.table(i.id, t.id).await.unwrap().active_members, 2);
    // Ana steps down today: from today she is no longer at the table; her seat stays in the history.
    let today = Utc::now().date_naive();
    let ended = ts
        .store
        .update_membership(&staff(), i.id, m.id, &MembershipUpdate { role: None, end_date: Some(today) })
        .await
        .unwrap();
    assert_eq!(ended.end_date, Some(today));
    assert!(!ended.is_current(today), "a membership ended today is no longer current");
    assert!(ended.is_current(today - Duration::days(1)));
    assert_eq!(ended.role, MemberRole::Chair);
    let bad = ts
        .store
        .update_membership(&staff(), i.id, m.id, &MembershipUpdate { role: None, end_date: Some(date("2020-01-01")) })
        .await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))));
    let all = ts.store.memberships(i.id, Some(t.id), None).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(ts.store.table(i.id, t.id).await.unwrap().active_members, 1);
    // She can rejoin as a member, even the day she stepped down.
    ts.store
        .add_membership(
            &staff(),
            i.id,
            t.id,
            &MembershipInput {
                person_id: ana.id,
                role: MemberRole::Member,
                start_date: Utc::now().date_naive(),
                end_date: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(ts.store.memberships(i.id, None, Some(ana.id)).await.unwrap().len(), 2);
}

both_backends!(table_memberships_keep_their_history);
