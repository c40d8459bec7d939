//! Shared measurement: indicators, submissions, drafts, review and published cells.

use super::*;
use backbone_core::measure::view::Withheld;
use std::collections::BTreeMap;

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
    assert_eq!(
        ts.store.update_indicator(&staff(), i.id, "third-grade-reading", &change).await.unwrap().name,
        "Third graders reading proficiently"
    );
    let bad_places = ts
        .store
        .set_geographies(
            &staff(),
            i.id,
            &[Geography {
                code: "53206".into(),
                name: "53206".into(),
                level: GeoLevel::Zip,
                parent: Some("nowhere".into()),
            }],
        )
        .await;
    assert!(matches!(bad_places, Err(StoreError::Invalid(_))));
    assert_eq!(ts.store.geographies(i.id).await.unwrap().len(), 2, "the old list stays");
}

async fn submissions_are_idempotent_and_corrections_keep_history(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    let rows = vec![
        obs("2023-24", "northside", "", 410.0, 1000.0),
        obs("2023-24", "northside", "race_ethnicity=Asian", 40.0, 90.0),
    ];
    let s = ts.store.submit_observations(&staff(), i.id, o.id, vec![rows.clone()]).await.unwrap();
    assert_eq!((s.added, s.revised, s.unchanged), (2, 0, 0));
    let s = ts.store.submit_observations(&staff(), i.id, o.id, vec![rows.clone()]).await.unwrap();
    assert_eq!((s.added, s.revised, s.unchanged), (0, 0, 2), "re-importing the same file changes nothing");
    let list = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap();
    assert_eq!(list.len(), 2);
    let total = list.iter().find(|o| o.groups.is_empty()).unwrap().clone();
    assert_eq!(total.value, Some(41.0));

    // Approve, then correct: the correction goes back to "submitted" and the history keeps both.
    assert_eq!(ts.store.review_observations(&staff(), i.id, &[total.id], &Review::Approve, &Silent).await.unwrap(), 1);
    let again = ts.store.review_observations(&staff(), i.id, &[total.id], &Review::Approve, &Silent).await;
    assert!(matches!(again, Err(StoreError::Conflict { .. })), "only submitted numbers are reviewed");
    let s = ts
        .store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "northside", "", 415.0, 1000.0)]])
        .await
        .unwrap();
    assert_eq!(s.revised, 1);
    let now = ts
        .store
        .observations(i.id, &ObservationQuery { indicator: Some("third-grade-reading".into()), ..Default::default() })
        .await
        .unwrap();
    let corrected = now.iter().find(|x| x.id == total.id).unwrap();
    assert_eq!((corrected.numerator, corrected.revision, corrected.status), (415.0, 2, ObservationStatus::Submitted));
    let history = ts.store.observation_history(i.id, total.id).await.unwrap();
    let steps: Vec<(i64, f64, ObservationStatus)> =
        history.iter().map(|h| (h.revision, h.numerator, h.status)).collect();
    assert_eq!(
        steps,
        vec![
            (1, 410.0, ObservationStatus::Submitted),
            (1, 410.0, ObservationStatus::Approved),
            (2, 415.0, ObservationStatus::Submitted)
        ]
    );

    // Returned with a reason.
    let r = ts
        .store
        .review_observations(&staff(), i.id, &[total.id], &Review::Return { reason: " ".into() }, &Silent)
        .await;
    assert!(matches!(r, Err(StoreError::Invalid(_))), "a return needs a reason");
    ts.store
        .review_observations(
            &staff(),
            i.id,
            &[total.id],
            &Review::Return { reason: "The denominator should be all tested students".into() },
            &Silent,
        )
        .await
        .unwrap();
    let back = ts
        .store
        .observations(i.id, &ObservationQuery { status: Some(ObservationStatus::Returned), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(back[0].return_reason.as_deref(), Some("The denominator should be all tested students"));
}

async fn drafts_never_replace_numbers_already_sent(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    let submit = |draft: bool, rows: Vec<ObservationInput>| {
        let store = ts.store.clone();
        let (iid, oid) = (i.id, o.id);
        async move {
            store.submit_batches(&staff(), iid, oid, draft, &mut InMemory::new(vec![rows])).await.unwrap().unwrap()
        }
    };
    submit(false, vec![obs("2023-24", "northside", "", 400.0, 1000.0)]).await;
    assert_eq!(ts.store.approve_all_submitted(&staff(), i.id, o.id, &Silent).await.unwrap(), 1);
    let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
    let published = ts.store.published_cells(i.id, ind.id, &["northside".into()], None).await.unwrap();
    assert_eq!(published.len(), 1);

    let s = submit(
        true,
        vec![obs("2023-24", "northside", "", 405.0, 1000.0), obs("2024-25", "northside", "", 420.0, 1000.0)],
    )
    .await;
    assert_eq!((s.added, s.revised, s.unchanged, s.already_sent), (1, 0, 0, 1));
    let all = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap();
    let approved = all.iter().find(|x| x.period == "2023-24").unwrap();
    assert_eq!(
        (approved.numerator, approved.status),
        (400.0, ObservationStatus::Approved),
        "the approved number stands"
    );
    assert_eq!(
        ts.store.published_cells(i.id, ind.id, &["northside".into()], None).await.unwrap(),
        published,
        "and stays published"
    );
    assert_eq!(ts.store.draft_counts(i.id).await.unwrap(), vec![(o.id, 1)]);

    // A draft may change until it is sent; then it is reviewed like any number.
    let s = submit(true, vec![obs("2024-25", "northside", "", 421.0, 1000.0)]).await;
    assert_eq!((s.added, s.revised), (0, 1));
    assert_eq!(ts.store.send_drafts(&staff(), i.id, o.id).await.unwrap(), 1);
    assert!(ts.store.draft_counts(i.id).await.unwrap().is_empty());
    let sent = ts
        .store
        .observations(i.id, &ObservationQuery { status: Some(ObservationStatus::Submitted), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(sent.len(), 1);
    let steps: Vec<(f64, ObservationStatus)> =
        ts.store.observation_history(i.id, sent[0].id).await.unwrap().iter().map(|h| (h.numerator, h.status)).collect();
    assert_eq!(
        steps,
        vec![
            (420.0, ObservationStatus::Draft),
            (421.0, ObservationStatus::Draft),
            (421.0, ObservationStatus::Submitted)
        ]
    );

    // Importing the same numbers without "draft" sends the drafts too; that is not a correction.
    assert_eq!(submit(true, vec![obs("2025-26", "northside", "", 430.0, 1000.0)]).await.added, 1);
    let s = submit(
        false,
        vec![obs("2025-26", "northside", "", 430.0, 1000.0), obs("2023-24", "northside", "", 400.0, 1000.0)],
    )
    .await;
    assert_eq!((s.added, s.revised, s.drafts_sent, s.unchanged), (0, 0, 1, 1));
    let sent = ts
        .store
        .observations(i.id, &ObservationQuery { status: Some(ObservationStatus::Submitted), ..Default::default() })
        .await
        .unwrap();
    let newest = sent.iter().find(|x| x.period == "2025-26").unwrap();
    assert_eq!(newest.revision, 1, "the same number, sent: still its first revision");
}

async fn a_submission_with_an_unknown_indicator_writes_nothing(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    let mut bad = obs("2023-24", "northside", "", 1.0, 2.0);
    bad.indicator = "nonsense".into();
    let r = ts
        .store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2022-23", "northside", "", 1.0, 2.0)], vec![bad]])
        .await;
    assert!(matches!(r, Err(StoreError::Invalid(_))), "{r:?}");
    assert!(
        ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap().is_empty(),
        "the first batch was rolled back too"
    );
}

async fn approved_cells_sum_over_organisations(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    let other = ts.store.create_organization(&staff(), i.id, &org("Northside Charter Network")).await.unwrap();
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "northside", "", 400.0, 1000.0)]])
        .await
        .unwrap();
    ts.store
        .submit_observations(
            &staff(),
            i.id,
            other.id,
            vec![vec![obs("2023-24", "northside", "", 50.0, 200.0), obs("2022-23", "northside", "", 45.0, 190.0)]],
        )
        .await
        .unwrap();
    let ids: Vec<Id> = ts
        .store
        .observations(i.id, &ObservationQuery::default())
        .await
        .unwrap()
        .iter()
        .filter(|o| o.period == "2023-24")
        .map(|o| o.id)
        .collect();
    ts.store.review_observations(&staff(), i.id, &ids, &Review::Approve, &Silent).await.unwrap();
    let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
    let cells = ts.store.approved_cells(i.id, ind.id).await.unwrap();
    assert_eq!(cells.len(), 1, "the unapproved 2022-23 number is not counted");
    assert_eq!((cells[0].numerator, cells[0].denominator), (450.0, Some(1200.0)));
}

async fn approval_publishes_suppressed_and_rolled_up_cells(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
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
                Geography {
                    code: "53206".into(),
                    name: "53206".into(),
                    level: GeoLevel::Zip,
                    parent: Some("northside".into()),
                },
            ],
        )
        .await
        .unwrap();
    let rows = vec![obs("2023-24", "53205", "", 40.0, 100.0), obs("2023-24", "53206", "", 3.0, 6.0)];
    ts.store.submit_observations(&staff(), i.id, o.id, vec![rows]).await.unwrap();
    let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
    assert!(
        ts.store.published_cells(i.id, ind.id, &["northside".into()], None).await.unwrap().is_empty(),
        "nothing before approval"
    );
    assert_eq!(ts.store.approve_all_submitted(&staff(), i.id, o.id, &Silent).await.unwrap(), 2);
    let places: Vec<String> = vec!["northside".into(), "53205".into(), "53206".into()];
    let cells = ts.store.published_cells(i.id, ind.id, &places, None).await.unwrap();
    let find = |g: &str| cells.iter().find(|(c, _)| c.geography == g).unwrap().clone();
    let (town, town_withheld) = find("northside");
    assert_eq!(
        (town.numerator, town.denominator, town_withheld),
        (43.0, Some(106.0), None),
        "the community is rolled up from its ZIP codes"
    );
    assert_eq!(find("53206").1, Some(Withheld::Everything), "6 students: hidden");
    assert_eq!(find("53205").1, Some(Withheld::Everything), "and its complement, or 43 − 40 would reveal it");
    let all = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap();
    assert!(all.iter().all(|o| o.status == ObservationStatus::Approved));
    let steps: Vec<ObservationStatus> =
        ts.store.observation_history(i.id, all[0].id).await.unwrap().iter().map(|h| h.status).collect();
    assert_eq!(
        steps,
        vec![ObservationStatus::Submitted, ObservationStatus::Approved],
        "approving in bulk keeps each number's history"
    );

    // A correction changes nothing that is published until it is approved: the community's
    // total stays 43 of 106, and staff see the correction waiting.
    let s = ts
        .store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "53205", "", 41.0, 100.0)]])
        .await
        .unwrap();
    assert_eq!((s.added, s.revised, s.unchanged), (0, 1, 0));
    let published = |cells: Vec<(CellSum, Option<Withheld>)>| {
        cells.into_iter().map(|(c, w)| (c.geography, c.numerator, w.is_some())).collect::<Vec<_>>()
    };
    let before = published(cells.clone());
    assert_eq!(published(ts.store.published_cells(i.id, ind.id, &places, None).await.unwrap()), before);
    let corrected = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap();
    let pending = corrected.iter().find(|o| o.geography == "53205").unwrap();
    assert!(pending.correction_pending());
    assert_eq!(pending.approved.map(|a| a.numerator), Some(40.0), "the published value is the approved one");
    // Returning it leaves the published number as it was ...
    ts.store
        .review_observations(
            &staff(),
            i.id,
            &[pending.id],
            &Review::Return { reason: "Check the count".into() },
            &Silent,
        )
        .await
        .unwrap();
    assert_eq!(published(ts.store.published_cells(i.id, ind.id, &places, None).await.unwrap()), before);
    // ... and approving a correction publishes it.
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "53205", "", 42.0, 100.0)]])
        .await
        .unwrap();
    ts.store.approve_all_submitted(&staff(), i.id, o.id, &Silent).await.unwrap();
    let cells = ts.store.published_cells(i.id, ind.id, &places, None).await.unwrap();
    let town = cells.iter().find(|(c, _)| c.geography == "northside").unwrap();
    assert_eq!(town.0.numerator, 45.0);
}

/// Every published cell of the indicator, by (period, place, groups), with what is withheld.
async fn every_published_cell(
    ts: &TestStore,
    i: &Initiative,
    indicator_id: Id,
    places: &[Geography],
) -> BTreeMap<(String, String, String), (f64, Option<f64>, Option<Withheld>)> {
    let mut out = BTreeMap::new();
    for p in places {
        let cells = ts
            .store
            .published_cells(i.id, indicator_id, std::slice::from_ref(&p.code), Some("race_ethnicity"))
            .await
            .unwrap();
        for (c, w) in cells {
            out.insert((c.period, c.geography, c.groups), (c.numerator, c.denominator, w));
        }
    }
    out
}

/// What the disclosure engine decides from every approved number, from scratch.
async fn decided_from_scratch(
    ts: &TestStore,
    i: &Initiative,
    indicator: &Indicator,
    places: &[Geography],
) -> BTreeMap<(String, String, String), (f64, Option<f64>, Option<Withheld>)> {
    let mut cells = ts.store.approved_cells(i.id, indicator.id).await.unwrap();
    let dimensions = ts.store.dimensions(i.id).await.unwrap();
    backbone_core::measure::view::roll_up_places(&mut cells, places);
    let withheld = backbone_core::measure::view::withheld_cells(indicator, &cells, places, &dimensions);
    cells
        .into_iter()
        .map(|c| {
            let w = withheld.get(&(c.period.clone(), c.geography.clone(), c.groups.clone())).copied();
            ((c.period, c.geography, c.groups), (c.numerator, c.denominator, w))
        })
        .collect()
}

async fn approving_a_few_numbers_publishes_exactly_what_a_full_recompute_would(ts: TestStore) {
    // A town of two districts of three ZIP codes each; the first partner reports every ZIP code
    // by race and in total for two years (the districts and the town are rolled up), with many
    // small groups, so suppression has much to do.
    let (i, district) = measurement_setup(&ts).await;
    let charter = ts.store.create_organization(&staff(), i.id, &org("Northside Charter Network")).await.unwrap();
    let mut input = reading_indicator();
    input.submitters = vec![district.id, charter.id];
    ts.store.update_indicator(&staff(), i.id, "third-grade-reading", &input).await.unwrap();
    let place = |code: &str, level: GeoLevel, parent: Option<&str>| Geography {
        code: code.into(),
        name: code.into(),
        level,
        parent: parent.map(str::to_string),
    };
    let mut places = vec![
        place("town", GeoLevel::Community, None),
        place("north", GeoLevel::District, Some("town")),
        place("south", GeoLevel::District, Some("town")),
    ];
    for (n, zip) in ["53201", "53202", "53203", "53204", "53205", "53206"].iter().enumerate() {
        places.push(place(zip, GeoLevel::Zip, Some(if n < 3 { "north" } else { "south" })));
    }
    ts.store.set_geographies(&staff(), i.id, &places).await.unwrap();
    let races = ["Asian", "Black", "Latino", "White"];
    ts.store
        .set_dimensions(
            &staff(),
            i.id,
            &[Dimension {
                key: "race_ethnicity".into(),
                name: "Race or ethnicity".into(),
                values: races.iter().map(|r| r.to_string()).collect(),
            }],
        )
        .await
        .unwrap();
    let mut seed = 11u64;
    let mut next = |hi: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % hi
    };
    let mut rows = Vec::new();
    for period in ["2022-23", "2023-24"] {
        for zip in &places[3..] {
            let (mut n, mut d) = (0.0, 0.0);
            for race in races {
                let size = (3 + next(40)) as f64;
                let met = next(size as u64 + 1) as f64;
                rows.push(obs(period, &zip.code, &format!("race_ethnicity={race}"), met, size));
                n += met;
                d += size;
            }
            rows.push(obs(period, &zip.code, "", n, d));
        }
    }
    ts.store.submit_observations(&staff(), i.id, district.id, vec![rows]).await.unwrap();
    let tracker = Tracker::new();
    assert_eq!(ts.store.approve_all_submitted(&staff(), i.id, district.id, &tracker).await.unwrap(), 60);
    let s = tracker.snapshot();
    assert_eq!((s.stage, s.done, s.total), (Stage::Done, 60, Some(60)), "the tracker ends done, every number counted");
    let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
    let first = every_published_cell(&ts, &i, ind.id, &places).await;
    assert_eq!(first, decided_from_scratch(&ts, &i, &ind, &places).await);
    assert_eq!(
        first.len(),
        2 * 9 * 5,
        "every place, rolled up where it has no numbers of its own, by race and in total"
    );
    assert!(first.values().any(|(.., w)| w.is_some()), "some cells are withheld");

    // The second partner adds to a few cells of one year: a small group made larger, a new
    // number of its own for a district (which is then no longer only rolled up), and the totals.
    let few = vec![
        obs("2023-24", "53201", "race_ethnicity=Asian", 1.0, 2.0),
        obs("2023-24", "53201", "", 1.0, 2.0),
        obs("2023-24", "53204", "race_ethnicity=Black", 30.0, 40.0),
        obs("2023-24", "53204", "", 30.0, 40.0),
    ];
    ts.store.submit_observations(&staff(), i.id, charter.id, vec![few]).await.unwrap();
    let tracker = Tracker::new();
    assert_eq!(ts.store.approve_all_submitted(&staff(), i.id, charter.id, &tracker).await.unwrap(), 4);
    let s = tracker.snapshot();
    assert_eq!((s.stage, s.done, s.total), (Stage::Done, 4, Some(4)));
    let incremental = every_published_cell(&ts, &i, ind.id, &places).await;
    assert_ne!(incremental, first, "the approval changed what is published");
    assert_eq!(incremental, decided_from_scratch(&ts, &i, &ind, &places).await, "as the engine decides from scratch");
    // Reviewing one number at a time takes the same path.
    let s = ts
        .store
        .submit_observations(&staff(), i.id, charter.id, vec![vec![obs("2023-24", "north", "", 5.0, 9.0)]])
        .await
        .unwrap();
    assert_eq!(s.added, 1);
    let north = ts
        .store
        .observations(i.id, &ObservationQuery { status: Some(ObservationStatus::Submitted), ..Default::default() })
        .await
        .unwrap();
    ts.store.review_observations(&staff(), i.id, &[north[0].id], &Review::Approve, &Silent).await.unwrap();
    let reviewed = every_published_cell(&ts, &i, ind.id, &places).await;
    assert_eq!(reviewed, decided_from_scratch(&ts, &i, &ind, &places).await);
    // A full recompute (the breakdown set again, unchanged) changes nothing.
    let dimensions = ts.store.dimensions(i.id).await.unwrap();
    ts.store.set_dimensions(&staff(), i.id, &dimensions).await.unwrap();
    assert_eq!(every_published_cell(&ts, &i, ind.id, &places).await, reviewed);

    // History is kept for every approval: each number's submitted state, then its approval.
    let approved = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap();
    assert_eq!(approved.len(), 65);
    for o in approved.iter().filter(|o| o.organization_id == charter.id) {
        let steps: Vec<ObservationStatus> =
            ts.store.observation_history(i.id, o.id).await.unwrap().iter().map(|h| h.status).collect();
        assert_eq!(steps, vec![ObservationStatus::Submitted, ObservationStatus::Approved]);
    }
}

async fn a_total_no_longer_rolled_up_is_no_longer_published(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "53205", "", 40.0, 100.0)]])
        .await
        .unwrap();
    ts.store.approve_all_submitted(&staff(), i.id, o.id, &Silent).await.unwrap();
    let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
    let town = vec!["northside".to_string()];
    let rolled = ts.store.published_cells(i.id, ind.id, &town, None).await.unwrap();
    assert_eq!(rolled.iter().map(|(c, _)| c.numerator).collect::<Vec<_>>(), [40.0], "its only ZIP code, rolled up");
    // A second ZIP code without numbers: the community's number can no longer be worked out.
    let mut places = ts.store.geographies(i.id).await.unwrap();
    places.push(Geography {
        code: "53206".into(),
        name: "53206".into(),
        level: GeoLevel::Zip,
        parent: Some("northside".into()),
    });
    ts.store.set_geographies(&staff(), i.id, &places).await.unwrap();
    assert!(ts.store.published_cells(i.id, ind.id, &town, None).await.unwrap().is_empty());
    assert_eq!(ts.store.published_cells(i.id, ind.id, &["53205".to_string()], None).await.unwrap().len(), 1);
}

/// Runs `sql` straight on the test's database, past the Store, as a script or a hand-written
/// query would.
async fn run_sql(ts: &TestStore, sql: &str) -> Result<(), sqlx::Error> {
    match &ts.schema {
        Some(schema) => {
            let options: sqlx::postgres::PgConnectOptions = ts.url.parse()?;
            let pool = sqlx::PgPool::connect_with(options.options([("search_path", schema.as_str())])).await?;
            sqlx::raw_sql(sql).execute(&pool).await.map(drop)
        }
        None => {
            let pool = sqlx::SqlitePool::connect(&ts.url).await?;
            sqlx::raw_sql(sql).execute(&pool).await.map(drop)
        }
    }
}

async fn the_database_keeps_every_numbers_keys(ts: TestStore) {
    // On PostgreSQL these are statement and row triggers (migrations 0036, 0041), not foreign
    // keys, so that an import of millions checks its keys once: they must refuse the same things.
    let (i, o) = measurement_setup(&ts).await;
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "northside", "", 410.0, 1000.0)]])
        .await
        .unwrap();
    assert_eq!(ts.store.approve_all_submitted(&staff(), i.id, o.id, &Silent).await.unwrap(), 1, "a revision kept");
    let number = ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap().remove(0);
    let indicator = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
    let insert = |indicator_id: Id, organization_id: Id, submission_id: &str| {
        format!(
            "INSERT INTO observations (indicator_id, period, geography, groups, organization_id, numerator, status,
                 revision, updated_at, updated_by, submission_id)
             VALUES ({indicator_id}, '2024-25', 'northside', '', {organization_id}, 1, 'submitted', 1,
                 '2026-12-07T12:00:00Z', 'script', {submission_id})"
        )
    };
    let submission = format!("(SELECT submission_id FROM observations WHERE id = {})", number.id);
    for (what, sql) in [
        ("a number of an indicator that does not exist", insert(987_654, o.id, "NULL")),
        ("a number of an organisation that does not exist", insert(indicator.id, 987_654, "NULL")),
        ("a number of a submission that does not exist", insert(indicator.id, o.id, "987654")),
        (
            "a number moved to a submission that does not exist",
            format!("UPDATE observations SET submission_id = 987654 WHERE id = {}", number.id),
        ),
        ("deleting a submission that numbers name", format!("DELETE FROM submissions WHERE id = {submission}")),
        ("deleting an indicator with numbers", format!("DELETE FROM indicators WHERE id = {}", indicator.id)),
        ("deleting an organisation with numbers", format!("DELETE FROM organizations WHERE id = {}", o.id)),
        ("deleting a number with history", format!("DELETE FROM observations WHERE id = {}", number.id)),
    ] {
        match run_sql(&ts, &sql).await {
            Err(sqlx::Error::Database(e)) => assert!(e.is_foreign_key_violation(), "{what}: {e}"),
            other => panic!("{what} is refused: {other:?}"),
        }
    }
    // The keys that exist are taken.
    run_sql(&ts, &insert(indicator.id, o.id, &submission)).await.unwrap();
    assert_eq!(ts.store.observations(i.id, &ObservationQuery::default()).await.unwrap().len(), 2);
}

both_backends!(
    the_database_keeps_every_numbers_keys,
    indicators_have_unique_keys_and_keep_their_definition,
    submissions_are_idempotent_and_corrections_keep_history,
    drafts_never_replace_numbers_already_sent,
    a_submission_with_an_unknown_indicator_writes_nothing,
    approved_cells_sum_over_organisations,
    approval_publishes_suppressed_and_rolled_up_cells,
    approving_a_few_numbers_publishes_exactly_what_a_full_recompute_would,
    a_total_no_longer_rolled_up_is_no_longer_published
);
