use super::*;
use std::collections::BTreeMap;

fn rate(about: Id, level: CollaborationLevel, trust: u8) -> PartnerRating {
    PartnerRating {
        about,
        level,
        reliability: Some(trust),
        mission: Some(trust),
        openness: Some(trust),
        power: Some(2),
        involvement: Some(3),
        resources: Some(1),
    }
}

fn answer(org: Id, ratings: Vec<PartnerRating>) -> SurveyResponse {
    SurveyResponse {
        round_id: 1,
        organization_id: org,
        ratings,
        submitted_at: chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap(),
        submitted_by: "Staff".into(),
    }
}

use CollaborationLevel::*;

#[test]
fn a_star_is_fully_centralized_and_a_complete_network_not_at_all() {
    // 1 works with 2, 3, 4 and 5; they do not work with each other.
    let orgs = [1, 2, 3, 4, 5];
    let star = [answer(1, (2..=5).map(|o| rate(o, Coordination, 4)).collect())];
    let r = results(1, "Spring", &orgs, &star, &BTreeMap::new());
    assert_eq!(r.ties, 4);
    assert!((r.density - 0.4).abs() < 1e-9, "4 of 10 possible ties");
    assert!((r.centralization - 1.0).abs() < 1e-9);
    let hub = r.nodes.iter().find(|n| n.organization_id == 1).unwrap();
    assert!((hub.betweenness - 1.0).abs() < 1e-9, "every path between the others passes through the hub");
    assert_eq!(hub.degree_centrality, 1.0);
    assert_eq!(r.reciprocity, None, "only the hub answered");
    let complete: Vec<SurveyResponse> = orgs
        .iter()
        .map(|&a| answer(a, orgs.iter().filter(|&&b| b != a).map(|&b| rate(b, Cooperation, 3)).collect()))
        .collect();
    let r = results(1, "Spring", &orgs, &complete, &BTreeMap::new());
    assert_eq!((r.density, r.centralization, r.reciprocity), (1.0, 0.0, Some(1.0)));
    assert!(r.nodes.iter().all(|n| n.betweenness == 0.0));
}

#[test]
fn awareness_is_no_tie_and_isolates_and_components_are_found() {
    let orgs = [1, 2, 3, 4, 5, 6];
    let answers = [
        answer(1, vec![rate(2, Integration, 4), rate(3, Awareness, 2)]),
        answer(4, vec![rate(5, Cooperation, 3)]),
        answer(5, vec![rate(4, NoRelationship, 1)]),
    ];
    let r = results(1, "Spring", &orgs, &answers, &BTreeMap::new());
    assert_eq!(r.edges, [(1, 2), (4, 5)]);
    assert_eq!(r.components, [vec![1, 2], vec![4, 5]]);
    assert_eq!(r.isolates, [3, 6], "knowing of each other is not working together");
    assert_eq!(r.respondents, 3);
    assert!((r.response_rate - 0.5).abs() < 1e-9);
    assert_eq!(r.reciprocity, Some(0.0), "4 and 5 both answered, only 4 named the tie");
}

#[test]
fn scores_about_an_organisation_need_three_raters() {
    let orgs = [1, 2, 3, 4, 5];
    let two = [answer(2, vec![rate(1, Cooperation, 4)]), answer(3, vec![rate(1, Cooperation, 2)])];
    let r = results(1, "Spring", &orgs, &two, &BTreeMap::new());
    let one = r.nodes.iter().find(|n| n.organization_id == 1).unwrap();
    assert_eq!((one.trust, one.value, one.raters), (None, None, 2), "two ratings could be told apart");
    assert_eq!(r.trust_percent, Some(75.0), "the network's trust still counts them: mean 3 of 4");
    let mut three = two.to_vec();
    three.push(answer(4, vec![rate(1, Coordination, 3)]));
    let r = results(1, "Spring", &orgs, &three, &BTreeMap::new());
    let one = r.nodes.iter().find(|n| n.organization_id == 1).unwrap();
    assert_eq!((one.trust, one.value), (Some(3.0), Some(2.0)));
}

#[test]
fn introductions_pair_organisations_that_reach_the_same_people_but_do_not_work_together() {
    let orgs = [1, 2, 3, 4];
    let reach = |places: &[&str], strategies: &[&str]| Reach {
        places: places.iter().map(|s| s.to_string()).collect(),
        strategies: strategies.iter().map(|s| s.to_string()).collect(),
    };
    let mut r = BTreeMap::new();
    r.insert(1, reach(&["47302", "47307"], &["tutoring"]));
    r.insert(2, reach(&["47302"], &["tutoring", "summer"]));
    r.insert(3, reach(&["47302"], &["health"]));
    r.insert(4, reach(&["47307"], &["tutoring"]));
    let answers = [answer(1, vec![rate(4, Cooperation, 3)])];
    let net = results(1, "Spring", &orgs, &answers, &r);
    let pairs: Vec<(Id, Id)> = net.introductions.iter().map(|i| (i.a, i.b)).collect();
    assert_eq!(pairs, [(1, 2)], "1 and 4 already work together; 3 works toward another strategy");
    assert_eq!(net.introductions[0].shared_places, ["47302"]);
    assert_eq!(net.introductions[0].shared_strategies, ["tutoring"]);
}

#[test]
fn the_change_between_rounds_counts_new_and_lost_ties() {
    let orgs = [1, 2, 3];
    let first = results(1, "2025", &orgs, &[answer(1, vec![rate(2, Cooperation, 2)])], &BTreeMap::new());
    let second = results(
        2,
        "2026",
        &orgs,
        &[answer(3, vec![rate(1, Cooperation, 4), rate(2, Coordination, 4)])],
        &BTreeMap::new(),
    );
    let c = change(&first, &second);
    assert_eq!((c.new_ties, c.lost_ties), (2, 1));
    assert_eq!(c.no_longer_isolated, [3]);
    assert_eq!(c.trust_points, Some(50.0));
    assert!((c.density_points - (2.0 / 3.0 - 1.0 / 3.0) * 100.0).abs() < 1e-9);
}

#[test]
fn answers_are_checked_against_the_initiatives_organisations() {
    let input = ResponseInput {
        ratings: vec![
            rate(1, Cooperation, 3),
            rate(9, Cooperation, 3),
            PartnerRating { reliability: Some(5), ..rate(2, Cooperation, 3) },
            rate(2, Cooperation, 3),
            PartnerRating { about: 3, level: NoRelationship, ..rate(3, Cooperation, 3) },
        ],
    };
    let err = input.validate(1, &[1, 2, 3]).unwrap_err();
    assert!(err.reason_for("ratings[0].about").unwrap().contains("itself"));
    assert!(err.reason_for("ratings[1].about").unwrap().contains("not an organisation"));
    assert!(err.reason_for("ratings[2].reliability").unwrap().contains("1 to 4"));
    assert!(err.reason_for("ratings[3].about").unwrap().contains("twice"));
    assert!(err.reason_for("ratings[4].reliability").unwrap().contains("relationship"));
}
