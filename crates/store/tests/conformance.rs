//! The Store's behaviour, specified once and checked on SQLite and on PostgreSQL.

use backbone_core::indicator::*;
use backbone_core::measure::analytics::{Direction, Unit};
use backbone_core::measure::period::PeriodKind;
use backbone_core::model::*;
use backbone_core::store::AuditQuery;
use backbone_core::store::{ObservationQuery, Review};
use backbone_core::StoreError;
use backbone_store::both_backends;
use backbone_store::testing::TestStore;
use chrono::{Duration, NaiveDate, Utc};

fn staff() -> Actor {
    Actor::system("Test staff")
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn initiative(ts: &TestStore) -> Initiative {
    ts.store
        .create_initiative(
            &staff(),
            &NewInitiative {
                slug: "northside-promise".into(),
                name: "Northside Promise".into(),
                description: "Every Northside child, cradle to career.".into(),
                phase: Phase::InitiatingAction,
                published: false,
            },
        )
        .await
        .unwrap()
}

fn org(name: &str) -> OrganizationInput {
    OrganizationInput {
        name: name.into(),
        sector: Sector::EarlyChildhood,
        budget_band: BudgetBand::From1mTo5m,
        resident_led: false,
        service_area: vec!["53205".into(), "53206".into()],
        website: "https://bright-start.example.org".into(),
        leadership: Some(LeadershipDemographics {
            total: 9,
            people_of_color: 6,
            women: 7,
            community_residents: 4,
            lived_experience: 2,
        }),
    }
}

fn agenda(reason: &str, based_on: i64, vision: &str) -> AgendaInput {
    AgendaInput {
        problem_statement: "Only 31% of Northside third graders read at grade level.".into(),
        shared_vision: vision.into(),
        results: vec![AgendaResult {
            key: "early-grade-reading".into(),
            title: "Children read at grade level by third grade".into(),
            description: String::new(),
            strategies: vec![Strategy {
                key: "summer-reading".into(),
                title: "Summer reading for every K-3 child".into(),
                description: String::new(),
            }],
        }],
        reason: reason.into(),
        based_on,
    }
}

async fn audit_count(ts: &TestStore, initiative_id: Id) -> usize {
    ts.store
        .audit(&AuditQuery { initiative_id: Some(initiative_id), limit: 500, ..Default::default() })
        .await
        .unwrap()
        .len()
}

fn reading_indicator() -> IndicatorInput {
    IndicatorInput {
        key: "third-grade-reading".into(),
        name: "Third graders reading at grade level".into(),
        description: "Share of third graders who meet the standard on the state reading test.".into(),
        numerator_definition: "Third graders meeting the standard".into(),
        denominator_definition: "Third graders tested".into(),
        unit: Unit::Percent,
        direction: Direction::Up,
        period_kind: PeriodKind::SchoolYear,
        source: "State assessment".into(),
        level: Level::Population,
        result_key: Some("early-grade-reading".into()),
        owner_organization_id: None,
        baseline_period: Some("2018-19".into()),
        targets: vec![Target { period: "2027-28".into(), value: 60.0 }],
        suppression_threshold: 10,
        min_gap_change: None,
        published: true,
    }
}

fn obs(period: &str, geography: &str, groups: &str, n: f64, d: f64) -> ObservationInput {
    ObservationInput {
        indicator: "third-grade-reading".into(),
        period: period.into(),
        geography: geography.into(),
        groups: parse_groups(groups).unwrap(),
        numerator: n,
        denominator: Some(d),
    }
}

async fn measurement_setup(ts: &TestStore) -> (Initiative, Organization) {
    let i = initiative(ts).await;
    let o = ts.store.create_organization(&staff(), i.id, &org("Northside Public Schools")).await.unwrap();
    ts.store.create_indicator(&staff(), i.id, &reading_indicator()).await.unwrap();
    ts.store
        .set_geographies(
            &staff(),
            i.id,
            &[
                Geography {
                    code: "northside".into(),
                    name: "Northside".into(),
                    level: GeoLevel::Community,
                    parent: None,
                },
                Geography {
                    code: "53205".into(),
                    name: "53205".into(),
                    level: GeoLevel::Zip,
                    parent: Some("northside".into()),
                },
            ],
        )
        .await
        .unwrap();
    ts.store
        .set_dimensions(
            &staff(),
            i.id,
            &[Dimension {
                key: "race_ethnicity".into(),
                name: "Race or ethnicity".into(),
                values: vec!["Asian".into(), "White".into()],
            }],
        )
        .await
        .unwrap();
    (i, o)
}

both_backends! {
    async fn indicators_have_unique_keys_and_keep_their_definition(ts: TestStore) {
        let (i, _) = measurement_setup(&ts).await;
        let dup = ts.store.create_indicator(&staff(), i.id, &reading_indicator()).await;
        assert!(matches!(dup, Err(StoreError::Conflict { .. })), "{dup:?}");
        let mut bad = reading_indicator();
        bad.key = "kindergarten-readiness".into();
        bad.denominator_definition = String::new();
        bad.baseline_period = Some("2018".into());
        match ts.store.create_indicator(&staff(), i.id, &bad).await {
            Err(StoreError::Invalid(inv)) => {
                assert!(inv.reason_for("denominator_definition").is_some());
                assert!(inv.reason_for("baseline_period").is_some());
            }
            other => panic!("{other:?}"),
        }
        let got = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
        assert_eq!(got.targets, vec![Target { period: "2027-28".into(), value: 60.0 }]);
        assert_eq!(got.unit, Unit::Percent);
        let mut change = reading_indicator();
        change.name = "Third graders reading proficiently".into();
        assert_eq!(ts.store.update_indicator(&staff(), i.id, "third-grade-reading", &change).await.unwrap().name, "Third graders reading proficiently");
        let bad_places = ts.store.set_geographies(&staff(), i.id, &[Geography { code: "53206".into(), name: "53206".into(), level: GeoLevel::Zip, parent: Some("nowhere".into()) }]).await;
        assert!(matches!(bad_places, Err(StoreError::Invalid(_))));
        assert_eq!(ts.store.geographies(i.id).await.unwrap().len(), 2, "the old list stays");
    }

    async fn submissions_are_idempotent_and_corrections_keep_history(ts: TestStore) {
        let (i, o) = measurement_setup(&ts).await;
        let rows = vec![obs("2023-24", "northside", "", 410.0, 1000.0), obs("2023-24", "northside", "race_ethnicity=Asian", 40.0, 90.0)];
        let s = ts.store.submit_observations(&staff(), i.id, o.id, &mut vec![rows.clone()].into_iter()).await.unwrap();
        assert_eq!((s.added, s.revised, s.unchanged), (2, 0, 0));
        let s = ts.store.submit_observations(&staff(), i.id, o.id, &mut vec![rows.clone()].into_iter()).await.unwrap();
        assert_eq!((s.added, s.revised, s.unchanged), (0, 0, 2), "re-importing the same file changes nothing");
        let list = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap();
        assert_eq!(list.len(), 2);
        let total = list.iter().find(|o| o.groups.is_empty()).unwrap().clone();
        assert_eq!(total.value, Some(41.0));

        // Approve, then correct: the correction goes back to "submitted" and the history keeps both.
        assert_eq!(ts.store.review_observations(&staff(), i.id, &[total.id], &Review::Approve).await.unwrap(), 1);
        let again = ts.store.review_observations(&staff(), i.id, &[total.id], &Review::Approve).await;
        assert!(matches!(again, Err(StoreError::Conflict { .. })), "only submitted numbers are reviewed");
        let s = ts.store.submit_observations(&staff(), i.id, o.id, &mut vec![vec![obs("2023-24", "northside", "", 415.0, 1000.0)]].into_iter()).await.unwrap();
        assert_eq!(s.revised, 1);
        let now = ts.store.observations(i.id, &ObservationQuery { indicator: Some("third-grade-reading".into()), ..Default::default() }).await.unwrap();
        let corrected = now.iter().find(|x| x.id == total.id).unwrap();
        assert_eq!((corrected.numerator, corrected.revision, corrected.status), (415.0, 2, ObservationStatus::Submitted));
        let history = ts.store.observation_history(i.id, total.id).await.unwrap();
        let steps: Vec<(i64, f64, ObservationStatus)> = history.iter().map(|h| (h.revision, h.numerator, h.status)).collect();
        assert_eq!(steps, vec![(1, 410.0, ObservationStatus::Submitted), (1, 410.0, ObservationStatus::Approved), (2, 415.0, ObservationStatus::Submitted)]);

        // Returned with a reason.
        let r = ts.store.review_observations(&staff(), i.id, &[total.id], &Review::Return { reason: " ".into() }).await;
        assert!(matches!(r, Err(StoreError::Invalid(_))), "a return needs a reason");
        ts.store.review_observations(&staff(), i.id, &[total.id], &Review::Return { reason: "The denominator should be all tested students".into() }).await.unwrap();
        let back = ts.store.observations(i.id, &ObservationQuery { status: Some(ObservationStatus::Returned), ..Default::default() }).await.unwrap();
        assert_eq!(back[0].return_reason.as_deref(), Some("The denominator should be all tested students"));
    }

    async fn drafts_never_replace_numbers_already_sent(ts: TestStore) {
        let (i, o) = measurement_setup(&ts).await;
        let submit = |draft: bool, rows: Vec<ObservationInput>| {
            let store = ts.store.clone();
            let (iid, oid) = (i.id, o.id);
            async move { store.submit_observations_if(&staff(), iid, oid, draft, &mut vec![rows].into_iter(), &|| true).await.unwrap().unwrap() }
        };
        submit(false, vec![obs("2023-24", "northside", "", 400.0, 1000.0)]).await;
        assert_eq!(ts.store.approve_all_submitted(&staff(), i.id, o.id).await.unwrap(), 1);
        let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
        let published = ts.store.published_cells(i.id, ind.id, &["northside".into()], None).await.unwrap();
        assert_eq!(published.len(), 1);

        let s = submit(true, vec![obs("2023-24", "northside", "", 405.0, 1000.0), obs("2024-25", "northside", "", 420.0, 1000.0)]).await;
        assert_eq!((s.added, s.revised, s.unchanged, s.already_sent), (1, 0, 0, 1));
        let all = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap();
        let approved = all.iter().find(|x| x.period == "2023-24").unwrap();
        assert_eq!((approved.numerator, approved.status), (400.0, ObservationStatus::Approved), "the approved number stands");
        assert_eq!(ts.store.published_cells(i.id, ind.id, &["northside".into()], None).await.unwrap(), published, "and stays published");
        assert_eq!(ts.store.draft_counts(i.id).await.unwrap(), vec![(o.id, 1)]);

        // A draft may change until it is sent; then it is reviewed like any number.
        let s = submit(true, vec![obs("2024-25", "northside", "", 421.0, 1000.0)]).await;
        assert_eq!((s.added, s.revised), (0, 1));
        assert_eq!(ts.store.send_drafts(&staff(), i.id, o.id).await.unwrap(), 1);
        assert!(ts.store.draft_counts(i.id).await.unwrap().is_empty());
        let sent = ts.store.observations(i.id, &ObservationQuery { status: Some(ObservationStatus::Submitted), ..Default::default() }).await.unwrap();
        assert_eq!(sent.len(), 1);
        let steps: Vec<(f64, ObservationStatus)> =
            ts.store.observation_history(i.id, sent[0].id).await.unwrap().iter().map(|h| (h.numerator, h.status)).collect();
        assert_eq!(steps, vec![(420.0, ObservationStatus::Draft), (421.0, ObservationStatus::Draft), (421.0, ObservationStatus::Submitted)]);

        // Importing the same numbers without "draft" sends the drafts too; that is not a correction.
        assert_eq!(submit(true, vec![obs("2025-26", "northside", "", 430.0, 1000.0)]).await.added, 1);
        let s = submit(false, vec![obs("2025-26", "northside", "", 430.0, 1000.0), obs("2023-24", "northside", "", 400.0, 1000.0)]).await;
        assert_eq!((s.added, s.revised, s.drafts_sent, s.unchanged), (0, 0, 1, 1));
        let sent = ts.store.observations(i.id, &ObservationQuery { status: Some(ObservationStatus::Submitted), ..Default::default() }).await.unwrap();
        let newest = sent.iter().find(|x| x.period == "2025-26").unwrap();
        assert_eq!(newest.revision, 1, "the same number, sent: still its first revision");
    }

    async fn a_submission_with_an_unknown_indicator_writes_nothing(ts: TestStore) {
        let (i, o) = measurement_setup(&ts).await;
        let mut bad = obs("2023-24", "northside", "", 1.0, 2.0);
        bad.indicator = "nonsense".into();
        let r = ts.store.submit_observations(&staff(), i.id, o.id, &mut vec![vec![obs("2022-23", "northside", "", 1.0, 2.0)], vec![bad]].into_iter()).await;
        assert!(matches!(r, Err(StoreError::Invalid(_))), "{r:?}");
        assert!(ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap().is_empty(), "the first batch was rolled back too");
    }

    async fn approved_cells_sum_over_organisations(ts: TestStore) {
        let (i, o) = measurement_setup(&ts).await;
        let other = ts.store.create_organization(&staff(), i.id, &org("Northside Charter Network")).await.unwrap();
        ts.store.submit_observations(&staff(), i.id, o.id, &mut vec![vec![obs("2023-24", "northside", "", 400.0, 1000.0)]].into_iter()).await.unwrap();
        ts.store.submit_observations(&staff(), i.id, other.id, &mut vec![vec![obs("2023-24", "northside", "", 50.0, 200.0), obs("2022-23", "northside", "", 45.0, 190.0)]].into_iter()).await.unwrap();
        let ids: Vec<Id> = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap().iter().filter(|o| o.period == "2023-24").map(|o| o.id).collect();
        ts.store.review_observations(&staff(), i.id, &ids, &Review::Approve).await.unwrap();
        let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
        let cells = ts.store.approved_cells(i.id, ind.id).await.unwrap();
        assert_eq!(cells.len(), 1, "the unapproved 2022-23 number is not counted");
        assert_eq!((cells[0].numerator, cells[0].denominator), (450.0, Some(1200.0)));
    }

    async fn approval_publishes_suppressed_and_rolled_up_cells(ts: TestStore) {
        let (i, o) = measurement_setup(&ts).await;
        ts.store.set_geographies(&staff(), i.id, &[
            Geography { code: "northside".into(), name: "Northside".into(), level: GeoLevel::Community, parent: None },
            Geography { code: "53205".into(), name: "53205".into(), level: GeoLevel::Zip, parent: Some("northside".into()) },
            Geography { code: "53206".into(), name: "53206".into(), level: GeoLevel::Zip, parent: Some("northside".into()) },
        ]).await.unwrap();
        let rows = vec![obs("2023-24", "53205", "", 40.0, 100.0), obs("2023-24", "53206", "", 3.0, 6.0)];
        ts.store.submit_observations(&staff(), i.id, o.id, &mut vec![rows].into_iter()).await.unwrap();
        let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
        assert!(ts.store.published_cells(i.id, ind.id, &["northside".into()], None).await.unwrap().is_empty(), "nothing before approval");
        assert_eq!(ts.store.approve_all_submitted(&staff(), i.id, o.id).await.unwrap(), 2);
        let places: Vec<String> = vec!["northside".into(), "53205".into(), "53206".into()];
        let cells = ts.store.published_cells(i.id, ind.id, &places, None).await.unwrap();
        let find = |g: &str| cells.iter().find(|(c, _)| c.geography == g).unwrap().clone();
        let (town, town_hidden) = find("northside");
        assert_eq!((town.numerator, town.denominator, town_hidden), (43.0, Some(106.0), false), "the community is rolled up from its ZIP codes");
        assert!(find("53206").1, "6 students: hidden");
        assert!(find("53205").1, "and its complement, or 43 − 40 would reveal it");
        let all = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap();
        assert!(all.iter().all(|o| o.status == ObservationStatus::Approved));
        let steps: Vec<ObservationStatus> =
            ts.store.observation_history(i.id, all[0].id).await.unwrap().iter().map(|h| h.status).collect();
        assert_eq!(steps, vec![ObservationStatus::Submitted, ObservationStatus::Approved], "approving in bulk keeps each number's history");

        // A correction takes the number out of the published figures until it is approved again.
        let s = ts.store.submit_observations(&staff(), i.id, o.id, &mut vec![vec![obs("2023-24", "53205", "", 41.0, 100.0)]].into_iter()).await.unwrap();
        assert_eq!((s.added, s.revised, s.unchanged), (0, 1, 0));
        let cells = ts.store.published_cells(i.id, ind.id, &places, None).await.unwrap();
        let shown: Vec<&str> = cells.iter().map(|(c, _)| c.geography.as_str()).collect();
        assert_eq!(shown, vec!["53206"], "53205 awaits review, so the community total is incomplete and not shown");
    }

    async fn measurement_travels_with_the_export(ts: TestStore) {
        let (i, o) = measurement_setup(&ts).await;
        ts.store.submit_observations(&staff(), i.id, o.id, &mut vec![vec![obs("2023-24", "northside", "", 400.0, 1000.0)]].into_iter()).await.unwrap();
        let id = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap()[0].id;
        ts.store.review_observations(&staff(), i.id, &[id], &Review::Approve).await.unwrap();
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
    }


    async fn initiatives_have_unique_short_names(ts: TestStore) {
        let i = initiative(&ts).await;
        assert_eq!(ts.store.initiative_by_slug("northside-promise").await.unwrap(), i);
        let again = ts.store.create_initiative(&staff(), &NewInitiative {
            slug: "northside-promise".into(), name: "Other".into(), description: String::new(), phase: Phase::InitiatingAction, published: false,
        }).await;
        match again {
            Err(StoreError::Conflict { field, .. }) => assert_eq!(field, "slug"),
            other => panic!("expected a conflict on slug, got {other:?}"),
        }
        assert!(matches!(ts.store.initiative_by_slug("nowhere").await, Err(StoreError::NotFound("initiative"))));
        let updated = ts.store.update_initiative(&staff(), i.id, &InitiativeUpdate { phase: Some(Phase::OrganizingForImpact), published: Some(true), ..Default::default() }).await.unwrap();
        assert_eq!(updated.phase, Phase::OrganizingForImpact);
        assert!(updated.published);
        assert_eq!(updated.name, "Northside Promise", "fields not sent stay as they were");
    }

    async fn preconditions_keep_their_evidence_and_history(ts: TestStore) {
        let i = initiative(&ts).await;
        let input = PreconditionInput { readiness: Readiness::Emerging, evidence: "Mayor has spoken at two convenings".into() };
        ts.store.set_precondition(&staff(), i.id, PreconditionKind::InfluentialChampion, &input).await.unwrap();
        let input = PreconditionInput { readiness: Readiness::InPlace, evidence: "Mayor co-chairs the steering committee".into() };
        ts.store.set_precondition(&staff(), i.id, PreconditionKind::InfluentialChampion, &input).await.unwrap();
        let p = ts.store.preconditions(i.id).await.unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].readiness, Readiness::InPlace);
        let log = ts.store.audit(&AuditQuery { initiative_id: Some(i.id), entity: Some("precondition".into()), limit: 10, ..Default::default() }).await.unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].before.as_ref().unwrap()["readiness"], "emerging");
        assert_eq!(log[0].after.as_ref().unwrap()["readiness"], "in_place");
    }

    async fn every_agenda_edit_is_a_new_version_and_stale_edits_are_refused(ts: TestStore) {
        let i = initiative(&ts).await;
        assert!(ts.store.current_agenda(i.id).await.unwrap().is_none());
        let v1 = ts.store.create_agenda_version(&staff(), i.id, &agenda("First draft from the kickoff", 0, "Every child reads.")).await.unwrap();
        assert_eq!(v1.number, 1);
        let v2 = ts.store.create_agenda_version(&staff(), i.id, &agenda("Residents asked for equity", 1, "Every child, of every race and ZIP code, reads.")).await.unwrap();
        assert_eq!(v2.number, 2);
        assert_eq!(v2.author_name, "Test staff");
        // Someone still editing version 1 cannot overwrite version 2.
        let stale = ts.store.create_agenda_version(&staff(), i.id, &agenda("Late edit", 1, "Every child reads well.")).await;
        match stale {
            Err(StoreError::Conflict { field, reason }) => {
                assert_eq!(field, "based_on");
                assert!(reason.contains("version 2"), "{reason}");
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        let versions = ts.store.agenda_versions(i.id).await.unwrap();
        assert_eq!(versions.iter().map(|v| v.number).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!(ts.store.agenda_version(i.id, 1).await.unwrap().shared_vision, "Every child reads.");
        assert_eq!(ts.store.current_agenda(i.id).await.unwrap().unwrap().number, 2);
        assert_eq!(ts.store.agenda_version(i.id, 1).await.unwrap().results[0].strategies[0].key, "summer-reading");
    }

    async fn partners_endorse_a_version_once(ts: TestStore) {
        let i = initiative(&ts).await;
        let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
        ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
        let e = ts.store.endorse(&Actor::system("Rosa Delgado"), i.id, 1, &EndorsementInput { organization_id: o.id, note: "Board voted 9-0".into() }).await.unwrap();
        assert_eq!(e.organization_name, "Bright Start Early Learning");
        assert_eq!(e.endorsed_by_name, "Rosa Delgado");
        let twice = ts.store.endorse(&staff(), i.id, 1, &EndorsementInput { organization_id: o.id, note: String::new() }).await;
        assert!(matches!(twice, Err(StoreError::Conflict { .. })), "{twice:?}");
        let missing = ts.store.endorse(&staff(), i.id, 7, &EndorsementInput { organization_id: o.id, note: String::new() }).await;
        assert!(matches!(missing, Err(StoreError::NotFound("agenda version"))), "{missing:?}");
        assert_eq!(ts.store.endorsements(i.id, Some(1)).await.unwrap().len(), 1);
        assert!(ts.store.endorsements(i.id, Some(2)).await.unwrap().is_empty());
    }

    async fn organisation_changes_are_audited_with_before_and_after(ts: TestStore) {
        let i = initiative(&ts).await;
        let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
        assert_eq!(o.service_area, vec!["53205", "53206"]);
        assert_eq!(o.leadership.as_ref().unwrap().people_of_color, 6);
        let mut change = org("Bright Start Early Learning Center");
        change.budget_band = BudgetBand::From5mTo20m;
        let after = ts.store.update_organization(&Actor::system("Kim Tran"), i.id, o.id, &change).await.unwrap();
        assert_eq!(after.budget_band, BudgetBand::From5mTo20m);
        let log = ts.store.audit(&AuditQuery { initiative_id: Some(i.id), entity: Some("organization".into()), limit: 10, ..Default::default() }).await.unwrap();
        assert_eq!(log[0].action, "organization.update");
        assert_eq!(log[0].actor_name, "Kim Tran");
        assert_eq!(log[0].before.as_ref().unwrap()["name"], "Bright Start Early Learning");
        assert_eq!(log[0].after.as_ref().unwrap()["name"], "Bright Start Early Learning Center");
        let dup = ts.store.create_organization(&staff(), i.id, &org("bright start early learning center")).await;
        assert!(matches!(dup, Err(StoreError::Conflict { ref field, .. }) if field == "name"), "{dup:?}");
    }

    async fn invalid_input_writes_nothing(ts: TestStore) {
        let i = initiative(&ts).await;
        let before = audit_count(&ts, i.id).await;
        let mut bad = org("");
        bad.service_area = vec!["ABCDE".into()];
        let err = ts.store.create_organization(&staff(), i.id, &bad).await;
        match err {
            Err(StoreError::Invalid(inv)) => {
                assert_eq!(inv.reason_for("name"), Some("is required"));
                assert!(inv.reason_for("service_area[0]").is_some());
            }
            other => panic!("expected invalid, got {other:?}"),
        }
        let other = ts.store.create_initiative(&staff(), &NewInitiative { slug: "elsewhere".into(), name: "Elsewhere".into(), description: String::new(), phase: Phase::InitiatingAction, published: false }).await.unwrap();
        let foreign = ts.store.create_organization(&staff(), other.id, &org("Elsewhere Org")).await.unwrap();
        let p = PersonInput { name: "Ana".into(), email: String::new(), phone: String::new(), organization_id: Some(foreign.id), title: String::new(), demographics: None };
        assert!(matches!(ts.store.create_person(&staff(), i.id, &p).await, Err(StoreError::Invalid(_))), "an organisation of another initiative");
        assert!(ts.store.organizations(i.id).await.unwrap().is_empty());
        assert!(ts.store.people(i.id).await.unwrap().is_empty());
        assert_eq!(audit_count(&ts, i.id).await, before);
    }

    async fn table_memberships_keep_their_history(ts: TestStore) {
        let i = initiative(&ts).await;
        let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
        let person = |name: &str, org: Option<Id>| PersonInput { name: name.into(), email: String::new(), phone: String::new(), organization_id: org, title: String::new(), demographics: None };
        let ana = ts.store.create_person(&staff(), i.id, &person("Ana Ruiz", Some(o.id))).await.unwrap();
        let resident = ts.store.create_person(&staff(), i.id, &person("DeShawn Miller", None)).await.unwrap();
        assert_eq!(ana.organization_name.as_deref(), Some("Bright Start Early Learning"));
        assert!(resident.organization_id.is_none());
        let t = ts.store.create_table(&staff(), i.id, &TableInput { name: "Early Grade Reading Network".into(), kind: TableKind::ActionNetwork, purpose: "Move 3rd-grade reading".into(), result_key: Some("early-grade-reading".into()) }).await.unwrap();
        let m = ts.store.add_membership(&staff(), i.id, t.id, &MembershipInput { person_id: ana.id, role: MemberRole::Chair, start_date: date("2023-09-01"), end_date: None }).await.unwrap();
        ts.store.add_membership(&staff(), i.id, t.id, &MembershipInput { person_id: resident.id, role: MemberRole::Member, start_date: date("2024-01-15"), end_date: None }).await.unwrap();
        let overlap = ts.store.add_membership(&staff(), i.id, t.id, &MembershipInput { person_id: ana.id, role: MemberRole::Member, start_date: date("2024-03-01"), end_date: None }).await;
        assert!(matches!(overlap, Err(StoreError::Conflict { .. })), "{overlap:?}");
        assert_eq!(ts.store.table(i.id, t.id).await.unwrap().active_members, 2);
        // Ana steps down; her seat stays in the history.
        let yesterday = Utc::now().date_naive() - Duration::days(1);
        let ended = ts.store.update_membership(&staff(), i.id, m.id, &MembershipUpdate { role: None, end_date: Some(yesterday) }).await.unwrap();
        assert_eq!(ended.end_date, Some(yesterday));
        assert_eq!(ended.role, MemberRole::Chair);
        let bad = ts.store.update_membership(&staff(), i.id, m.id, &MembershipUpdate { role: None, end_date: Some(date("2020-01-01")) }).await;
        assert!(matches!(bad, Err(StoreError::Invalid(_))));
        let all = ts.store.memberships(i.id, Some(t.id), None).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(ts.store.table(i.id, t.id).await.unwrap().active_members, 1);
        // She can rejoin later as a member.
        ts.store.add_membership(&staff(), i.id, t.id, &MembershipInput { person_id: ana.id, role: MemberRole::Member, start_date: Utc::now().date_naive(), end_date: None }).await.unwrap();
        assert_eq!(ts.store.memberships(i.id, None, Some(ana.id)).await.unwrap().len(), 2);
    }

    async fn accounts_sessions_and_tokens(ts: TestStore) {
        let i = initiative(&ts).await;
        let u = ts.store.create_user(&staff(), &NewUser { username: "maria.lopez".into(), display_name: "Maria Lopez".into(), password: "long enough secret".into(), server_admin: false }, "$argon2id$hash").await.unwrap();
        let dup = ts.store.create_user(&staff(), &NewUser { username: "Maria.Lopez".into(), display_name: "Other".into(), password: "long enough secret".into(), server_admin: false }, "x").await;
        assert!(matches!(dup, Err(StoreError::Conflict { ref field, .. }) if field == "username"), "{dup:?}");
        let c = ts.store.credentials("MARIA.LOPEZ").await.unwrap().unwrap();
        assert_eq!(c.password_hash, "$argon2id$hash");
        assert_eq!(c.user.id, u.id);

        let now = Utc::now();
        ts.store.create_session("session-hash", u.id, now + Duration::hours(8)).await.unwrap();
        assert_eq!(ts.store.session_user("session-hash", now).await.unwrap().unwrap().id, u.id);
        assert!(ts.store.session_user("session-hash", now + Duration::hours(9)).await.unwrap().is_none(), "expired");
        ts.store.set_password(&staff(), u.id, "$argon2id$new").await.unwrap();
        assert!(ts.store.session_user("session-hash", now).await.unwrap().is_none(), "a new password ends sessions");

        let t = ts.store.create_api_token(&staff(), u.id, "Data upload script", "bbk_abcd", "token-hash").await.unwrap();
        assert_eq!(ts.store.api_token_user("token-hash", now).await.unwrap().unwrap().id, u.id);
        assert!(ts.store.api_tokens(u.id).await.unwrap()[0].last_used_at.is_some());
        ts.store.revoke_api_token(&staff(), u.id, t.id).await.unwrap();
        assert!(ts.store.api_token_user("token-hash", now).await.unwrap().is_none());

        let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
        ts.store.grant_role(&staff(), i.id, &RoleGrantInput { user_id: u.id, role: Role::DataSteward, organization_id: Some(o.id) }).await.unwrap();
        let again = ts.store.grant_role(&staff(), i.id, &RoleGrantInput { user_id: u.id, role: Role::DataSteward, organization_id: Some(o.id) }).await;
        assert!(matches!(again, Err(StoreError::Conflict { .. })));
        assert_eq!(ts.store.grants_for_user(u.id).await.unwrap(), vec![RoleGrant { user_id: u.id, initiative_id: i.id, role: Role::DataSteward, organization_id: Some(o.id) }]);
        ts.store.revoke_role(&staff(), i.id, &RoleGrantInput { user_id: u.id, role: Role::DataSteward, organization_id: Some(o.id) }).await.unwrap();
        assert!(ts.store.grants_for_user(u.id).await.unwrap().is_empty());

        ts.store.create_session("s2", u.id, now + Duration::hours(8)).await.unwrap();
        ts.store.set_user_disabled(&staff(), u.id, true).await.unwrap();
        assert!(ts.store.session_user("s2", now).await.unwrap().is_none(), "a disabled user has no session");
    }

    async fn failed_sign_ins_are_counted_per_account_and_client(ts: TestStore) {
        let now = Utc::now();
        for _ in 0..3 {
            ts.store.record_login_attempt("Maria.Lopez", "10.0.0.7", false, now).await.unwrap();
        }
        ts.store.record_login_attempt("someone", "10.0.0.7", false, now).await.unwrap();
        ts.store.record_login_attempt("maria.lopez", "10.0.0.8", true, now).await.unwrap();
        let since = now - Duration::minutes(15);
        assert_eq!(ts.store.recent_login_failures("maria.lopez", "10.0.0.7", since).await.unwrap(), (3, 4));
        assert_eq!(ts.store.recent_login_failures("maria.lopez", "10.0.0.9", now + Duration::seconds(1)).await.unwrap(), (0, 0));
    }

    async fn an_initiative_exports_and_imports_without_loss(ts: TestStore) {
        let i = initiative(&ts).await;
        let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
        let p = ts.store.create_person(&staff(), i.id, &PersonInput {
            name: "Ana Ruiz".into(), email: "ana@bright-start.example.org".into(), phone: "(555) 010-2233".into(), organization_id: Some(o.id), title: "Director".into(),
            demographics: Some(Demographics { consent: true, race_ethnicity: Some("Hispanic or Latino".into()), gender: Some("Woman".into()), age_band: Some("35-44".into()), primary_language: Some("Spanish".into()), community_resident: Some(true) }),
        }).await.unwrap();
        let t = ts.store.create_table(&staff(), i.id, &TableInput { name: "Steering Committee".into(), kind: TableKind::SteeringCommittee, purpose: String::new(), result_key: None }).await.unwrap();
        ts.store.add_membership(&staff(), i.id, t.id, &MembershipInput { person_id: p.id, role: MemberRole::Chair, start_date: date("2022-01-10"), end_date: Some(date("2023-06-30")) }).await.unwrap();
        ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
        ts.store.endorse(&staff(), i.id, 1, &EndorsementInput { organization_id: o.id, note: "Yes".into() }).await.unwrap();
        ts.store.set_precondition(&staff(), i.id, PreconditionKind::UrgencyForChange, &PreconditionInput { readiness: Readiness::InPlace, evidence: "Reading scores made the front page".into() }).await.unwrap();
        let u = ts.store.create_user(&staff(), &NewUser { username: "ana".into(), display_name: "Ana Ruiz".into(), password: "long enough secret".into(), server_admin: false }, "h").await.unwrap();
        ts.store.grant_role(&staff(), i.id, &RoleGrantInput { user_id: u.id, role: Role::DataSteward, organization_id: Some(o.id) }).await.unwrap();

        let doc = ts.store.export_initiative(i.id).await.unwrap();
        let copy = ts.store.import_initiative(&staff(), &doc, Some("northside-copy")).await.unwrap();
        assert_ne!(copy.id, i.id);
        let again = ts.store.export_initiative(copy.id).await.unwrap();

        // Same content; only the ids and the import's own audit entry differ.
        assert_eq!(again.initiative.name, doc.initiative.name);
        assert_eq!(again.preconditions, doc.preconditions);
        assert_eq!(again.agenda_versions.iter().map(|v| (&v.results, &v.reason, v.created_at)).collect::<Vec<_>>(),
                   doc.agenda_versions.iter().map(|v| (&v.results, &v.reason, v.created_at)).collect::<Vec<_>>());
        let strip_org = |o: &Organization| (o.name.clone(), o.sector, o.budget_band, o.service_area.clone(), o.leadership.clone(), o.created_at);
        assert_eq!(again.organizations.iter().map(strip_org).collect::<Vec<_>>(), doc.organizations.iter().map(strip_org).collect::<Vec<_>>());
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
        assert!(matches!(ts.store.import_initiative(&staff(), &doc, Some("northside-copy")).await, Err(StoreError::Conflict { .. })));
        assert_eq!(ts.store.list_initiatives().await.unwrap().len(), 2);
        assert_eq!(ts.store.people(copy.id).await.unwrap().len(), people_before);
    }
}
