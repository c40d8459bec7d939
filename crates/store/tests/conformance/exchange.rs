//! Whole initiatives exported and imported without loss.

use super::*;

async fn measurement_travels_with_the_export(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "northside", "", 400.0, 1000.0)]])
        .await
        .unwrap();
    let id = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap()[0].id;
    ts.store.review_observations(&staff(), i.id, &[id], &Review::Approve, &Silent).await.unwrap();
    // Activities travel too, with their organisation rewired.
    ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
    let camp = backbone_core::activities::ActivityInput {
        organization_id: o.id,
        name: "Summer Reading Camp".into(),
        description: String::new(),
        kind: backbone_core::activities::ActivityKind::Program,
        status: backbone_core::activities::ActivityStatus::Active,
        population: "Rising second graders".into(),
        age_min: Some(6),
        age_max: Some(8),
        places: vec!["53205".into()],
        capacity: None,
        strategy_keys: vec!["summer-reading".into()],
        indicator_keys: vec!["third-grade-reading".into()],
        starts_on: None,
        ends_on: None,
    };
    let a = ts.store.create_activity(&staff(), i.id, &camp).await.unwrap();
    let promise = backbone_core::commitments::CommitmentInput {
        organization_id: Some(o.id),
        person_id: None,
        title: "Open the camp to rising third graders".into(),
        details: String::new(),
        due_on: date("2026-06-01"),
        strategy_key: Some("summer-reading".into()),
        indicator_key: None,
        activity_id: Some(a.id),
        table_id: None,
        meeting_id: None,
        decision_id: None,
    };
    let c = ts.store.create_commitment(&staff(), i.id, &promise).await.unwrap();
    let done = backbone_core::commitments::StatusChange {
        status: backbone_core::commitments::CommitmentStatus::Done,
        reason: String::new(),
        due_on: None,
    };
    ts.store.change_commitment_status(&staff(), i.id, c.id, &done).await.unwrap();
    let doc = ts.store.export_initiative(i.id).await.unwrap();
    assert_eq!(doc.observations.len(), 1);
    assert_eq!(doc.observations[0].history.len(), 2);
    let copy = ts.store.import_initiative(&staff(), &doc, Some("northside-copy")).await.unwrap();
    let again = ts.store.export_initiative(copy.id).await.unwrap();
    assert_eq!(again.indicators.len(), 1);
    assert_eq!(again.geographies, doc.geographies);
    assert_eq!(again.dimensions, doc.dimensions);
    assert_eq!(again.observations[0].history, doc.observations[0].history);
    assert_eq!(again.observations[0].status, ObservationStatus::Approved);
    assert_eq!(again.observations[0].organization_id, again.organizations[0].id);
    assert_eq!(again.activities.len(), 1);
    assert_eq!(again.activities[0].organization_id, again.organizations[0].id);
    assert_eq!((again.activities[0].name.as_str(), again.activities[0].age_max), ("Summer Reading Camp", Some(8)));
    let (was, is) = (&doc.commitments[0], &again.commitments[0]);
    assert_eq!(is.history, was.history, "the whole history travels");
    assert_eq!((is.commitment.status, is.commitment.done_on), (was.commitment.status, was.commitment.done_on));
    assert_eq!(is.commitment.activity_id, Some(again.activities[0].id));
}

async fn an_initiative_exports_and_imports_without_loss(ts: TestStore) {
    let i = initiative(&ts).await;
    let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
    let p = ts
        .store
        .create_person(
            &staff(),
            i.id,
            &PersonInput {
                name: "Ana Ruiz".into(),
                email: "ana@bright-start.example.org".into(),
                phone: "(555) 010-2233".into(),
                organization_id: Some(o.id),
                title: "Director".into(),
                demographics: Some(Demographics {
                    consent: true,
                    race_ethnicity: Some("Hispanic or Latino".into()),
                    gender: Some("Woman".into()),
                    age_band: Some("35-44".into()),
                    primary_language: Some("Spanish".into()),
                    community_resident: Some(true),
                    lived_experience: Some(false),
                }),
            },
        )
        .await
        .unwrap();
    let t = ts
        .store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: "Steering Committee".into(),
                kind: TableKind::SteeringCommittee,
                purpose: String::new(),
                result_key: None,
                joining: Default::default(),
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
                person_id: p.id,
                role: MemberRole::Chair,
                start_date: date("2022-01-10"),
                end_date: Some(date("2023-06-30")),
            },
        )
        .await
        .unwrap();
    ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
    ts.store.endorse(&staff(), i.id, 1, &EndorsementInput { organization_id: o.id, note: "Yes".into() }).await.unwrap();
    ts.store
        .set_precondition(
            &staff(),
            i.id,
            PreconditionKind::UrgencyForChange,
            &PreconditionInput { readiness: Readiness::InPlace, evidence: "Reading scores made the front page".into() },
        )
        .await
        .unwrap();
    let u = ts
        .store
        .create_user(
            &staff(),
            &NewUser {
                username: "ana".into(),
                display_name: "Ana Ruiz".into(),
                password: "long enough secret".into(),
                server_admin: false,
            },
            "h",
        )
        .await
        .unwrap();
    ts.store
        .grant_role(
            &staff(),
            i.id,
            &RoleGrantInput { user_id: u.id, role: Role::DataSteward, organization_id: Some(o.id) },
        )
        .await
        .unwrap();

    let doc = ts.store.export_initiative(i.id).await.unwrap();
    let copy = ts.store.import_initiative(&staff(), &doc, Some("northside-copy")).await.unwrap();
    assert_ne!(copy.id, i.id);
    let again = ts.store.export_initiative(copy.id).await.unwrap();

    // Same content; only the ids and the import's own audit entry differ.
    assert_eq!(again.initiative.name, doc.initiative.name);
    assert_eq!(again.preconditions, doc.preconditions);
    assert_eq!(
        again.agenda_versions.iter().map(|v| (&v.results, &v.reason, v.created_at)).collect::<Vec<_>>(),
        doc.agenda_versions.iter().map(|v| (&v.results, &v.reason, v.created_at)).collect::<Vec<_>>()
    );
    let strip_org = |o: &Organization| {
        (o.name.clone(), o.sector, o.budget_band, o.service_area.clone(), o.leadership.clone(), o.created_at)
    };
    assert_eq!(
        again.organizations.iter().map(strip_org).collect::<Vec<_>>(),
        doc.organizations.iter().map(strip_org).collect::<Vec<_>>()
    );
    assert_eq!(again.people[0].demographics, doc.people[0].demographics);
    assert_eq!(again.people[0].organization_id, Some(again.organizations[0].id));
    assert_eq!(again.memberships[0].end_date, Some(date("2023-06-30")));
    assert_eq!(again.memberships[0].person_name, "Ana Ruiz");
    assert_eq!(again.endorsements[0].organization_name, "Bright Start Early Learning");
    assert_eq!(again.roles[0].organization_id, Some(again.organizations[0].id));
    assert_eq!(again.roles[0].user_id, u.id, "users are matched by username");
    assert_eq!(again.audit.len(), doc.audit.len() + 1);
    assert_eq!(again.audit.last().unwrap().action, "initiative.import");

    // A broken document is refused whole.
    let mut broken = doc.clone();
    broken.memberships[0].person_id = 999_999;
    let err = ts.store.import_initiative(&staff(), &broken, Some("northside-broken")).await;
    assert!(matches!(err, Err(StoreError::Invalid(_))), "{err:?}");
    assert!(matches!(ts.store.initiative_by_slug("northside-broken").await, Err(StoreError::NotFound(_))));
    // Importing onto a taken short name is refused and leaves nothing behind.
    let people_before = ts.store.people(copy.id).await.unwrap().len();
    assert!(matches!(
        ts.store.import_initiative(&staff(), &doc, Some("northside-copy")).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(ts.store.list_initiatives().await.unwrap().len(), 2);
    assert_eq!(ts.store.people(copy.id).await.unwrap().len(), people_before);
}

both_backends!(measurement_travels_with_the_export, an_initiative_exports_and_imports_without_loss);

/// Charters and plans to turn a curve travel with the initiative: every version, the
/// endorsements, and which commitment each action became, pointing at the copy's records.
async fn charters_and_curve_plans_travel_with_the_initiative(ts: TestStore) {
    let today = Utc::now().date_naive();
    let doc = backbone_demo::demo_initiative(today);
    assert!(!doc.charters.is_empty() && !doc.curve_plans.is_empty());
    let i = ts.store.import_initiative(&staff(), &doc, None).await.unwrap();
    let out = ts.store.export_initiative(i.id).await.unwrap();
    let charter = |d: &backbone_core::exchange::InitiativeExport| {
        d.charters
            .iter()
            .map(|c| {
                let table = d.tables.iter().find(|t| t.id == c.version.table_id).unwrap().name.clone();
                let who: Vec<String> = c.endorsements.iter().map(|e| e.person_name.clone()).collect();
                (table, c.version.version, c.version.conflict.clone(), c.version.reason.clone(), who)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(charter(&out), charter(&doc));
    let plans = |d: &backbone_core::exchange::InitiativeExport| {
        d.curve_plans
            .iter()
            .map(|p| {
                let org = |id: Option<Id>| id.map(|o| d.organizations.iter().find(|x| x.id == o).unwrap().name.clone());
                let versions: Vec<_> = p
                    .versions
                    .iter()
                    .map(|v| {
                        let actions: Vec<_> =
                            v.actions.iter().map(|a| (a.key.clone(), org(a.organization_id), a.due_on)).collect();
                        (v.version, v.story.clone(), v.what_works.clone(), actions, v.reason.clone(), v.created_at)
                    })
                    .collect();
                let committed: Vec<_> = p
                    .committed
                    .iter()
                    .map(|c| {
                        let title = d
                            .commitments
                            .iter()
                            .find(|x| x.commitment.id == c.commitment_id)
                            .unwrap()
                            .commitment
                            .title
                            .clone();
                        (c.action_key.clone(), title)
                    })
                    .collect();
                (p.indicator_key.clone(), versions, committed)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(plans(&out), plans(&doc));
    // And the imported plan is the store's own: its action is still a commitment.
    let imported = ts.store.curve_plans(i.id, "third-grade-reading").await.unwrap();
    let c = ts.store.commitment(i.id, imported[0].committed[0].commitment_id).await.unwrap();
    assert!(c.title.starts_with("Align Power Hour"));
}

both_backends!(charters_and_curve_plans_travel_with_the_initiative);
