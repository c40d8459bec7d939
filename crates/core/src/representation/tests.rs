use super::*;
use crate::people::Demographics;
use crate::tables::composition::{composition, Seat, AT_A_TABLE};

fn places() -> Vec<String> {
    vec!["riverbend".into(), "eastside".into()]
}

fn at(day: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_000_000 + day * 86_400, 0).unwrap()
}

/// A table of `groups` (race, how many), everyone sharing their race.
fn table(groups: &[(&str, usize)], day: i64) -> Composition {
    let mut seats = Vec::new();
    for (race, n) in groups {
        for _ in 0..*n {
            let d = Demographics {
                consent: true,
                race_ethnicity: Some(race.to_string()),
                gender: None,
                age_band: None,
                primary_language: None,
                community_resident: None,
                lived_experience: None,
            };
            seats.push(Seat { person_id: seats.len() as Id, demographics: Some(d), organization: None });
        }
    }
    composition(&seats, AT_A_TABLE, at(day))
}

fn community() -> Vec<CommunityEstimate> {
    read_community_csv(
        "place,facet,group,estimate,margin_of_error,universe\n\
         riverbend,race_ethnicity,Black or African American,\"30,000\",1200,100000\n\
         riverbend,race_ethnicity,Hispanic or Latino,25000,900,100000\n\
         riverbend,race_ethnicity,White,35000,,100000\n\
         riverbend,race_ethnicity,Asian,3000,400,100000\n",
        &places(),
    )
    .expect("a valid file")
}

#[test]
fn a_census_style_file_is_read_with_thousands_and_an_empty_margin() {
    let rows = community();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].estimate, 30_000);
    assert_eq!(rows[0].margin_of_error, Some(1200));
    assert_eq!(rows[2].margin_of_error, None);
}

#[test]
fn every_problem_in_the_file_names_its_row_and_column() {
    let err = read_community_csv(
        "place,facet,group,estimate,universe\n\
         riverbend,race_ethnicity,Black or African American,30000,100000\n\
         northgate,race_ethnicity,White,100,1000\n\
         riverbend,race,White,10,100000\n\
         riverbend,race_ethnicity,Martian,10,100000\n\
         riverbend,race_ethnicity,Black or African American,12,100000\n\
         riverbend,race_ethnicity,Asian,ten,100000\n\
         riverbend,race_ethnicity,White,80000,90000\n\
         eastside,gender,Woman,600,500\n",
        &places(),
    )
    .unwrap_err();
    let reason = |f: &str| err.reason_for(f).unwrap_or_else(|| panic!("no problem named {f}: {err}"));
    assert!(reason("rows[3].place").contains("northgate"));
    assert!(reason("rows[4].facet").contains("race_ethnicity"));
    assert!(reason("rows[5].group").contains("must be one of"));
    assert!(reason("rows[6].group").contains("twice"));
    assert!(reason("rows[7].estimate").contains("ten"));
    assert!(reason("rows[8].universe").contains("90000"), "a second universe for the same place and facet");
    assert!(reason("rows[9].estimate").contains("more than the universe"));
    assert!(reason("rows[2].estimate").contains("add up to"), "30,000 + 12 + 80,000 people in 100,000");
}

#[test]
fn a_file_with_a_wrong_header_says_which_column() {
    let err = read_community_csv("place,facet,group,estimate,moe,universe\n", &places()).unwrap_err();
    assert!(err.reason_for("rows[1].column[5]").unwrap().contains("“moe” is not a column"));
    let err = read_community_csv("place,group,estimate\n", &places()).unwrap_err();
    assert!(err.0.iter().any(|e| e.reason.contains("“facet” is missing")));
    assert!(err.0.iter().any(|e| e.reason.contains("“universe” is missing")));
}

#[test]
fn estimates_typed_by_hand_name_the_field_at_fault() {
    let blank = (String::new(), String::new());
    let mut entries = vec![blank.clone(); Facet::Gender.groups().len()];
    entries[0] = ("51,200".into(), "800".into());
    entries[1] = ("48,100".into(), String::new());
    let rows = read_hand_entry("riverbend", "gender", "100,000", &entries, &places()).unwrap();
    assert_eq!(
        rows.iter().map(|r| (r.group.as_str(), r.estimate)).collect::<Vec<_>>(),
        [("Woman", 51_200), ("Man", 48_100)]
    );
    entries[1] = ("lots".into(), "5".into());
    entries[2] = (String::new(), "5".into());
    let err = read_hand_entry("riverbend", "gender", "", &entries, &places()).unwrap_err();
    assert_eq!(err.reason_for("universe"), Some("is required"));
    assert!(err.reason_for("estimate-1").unwrap().contains("lots"));
    assert!(err.reason_for("estimate-2").unwrap().contains("margin of error"));
    entries[1] = ("60,000".into(), String::new());
    entries[2] = blank;
    let err = read_hand_entry("riverbend", "gender", "100000", &entries, &places()).unwrap_err();
    assert!(err.reason_for("estimate-0").unwrap().contains("add up to"));
}

#[test]
fn the_latest_profile_for_a_place_and_facet_replaces_the_earlier_one_only_there() {
    let profile = |id, estimates| CommunityProfile {
        id,
        source: "ACS".into(),
        recorded_at: at(0),
        recorded_by: "Priya".into(),
        estimates,
    };
    let race = community();
    let mut newer = race[..1].to_vec();
    newer[0].estimate = 31_000;
    let mut eastside = race[..1].to_vec();
    eastside[0].place = "eastside".into();
    let current = current_estimates(&[profile(1, race.clone()), profile(2, eastside), profile(3, newer)]);
    let riverbend: Vec<&CommunityEstimate> = current.iter().filter(|e| e.place == "riverbend").collect();
    assert_eq!(riverbend.len(), 1, "the newer race estimates for Riverbend replace all four");
    assert_eq!(riverbend[0].estimate, 31_000);
    assert_eq!(current.iter().filter(|e| e.place == "eastside").count(), 1, "Eastside's stay");
}

#[test]
fn a_table_is_compared_group_by_group_with_the_community() {
    // 20 members: 5 Black (25 %), 10 White (50 %), 5 Latino (25 %).
    let c = table(&[("Black or African American", 5), ("White", 10), ("Hispanic or Latino", 5)], 0);
    let race = &compare(&c, &community(), Band::default())[0];
    assert_eq!(race.facet, Facet::RaceEthnicity);
    assert_eq!(race.members, Some(20));
    let g = |name: &str| race.groups.iter().find(|g| g.group == name).unwrap();
    let black = g("Black or African American");
    assert!((black.ratio.unwrap() - 0.25 / 0.30).abs() < 1e-9);
    assert!((black.gap_points.unwrap() + 5.0).abs() < 1e-9);
    assert_eq!(black.standing, Some(Presence::Even), "0.83 is within the band");
    assert_eq!(g("White").standing, Some(Presence::Over), "50 % against 35 %");
    assert_eq!(g("Hispanic or Latino").standing, Some(Presence::Even));
    assert_eq!(g("Asian").at_table, Cell::Shown(0));
    assert_eq!(g("Asian").standing, Some(Presence::Even), "3 % of 20 seats is less than one seat");
    assert!((g("Asian").community_margin.unwrap() - 0.004).abs() < 1e-9);
    // A quarter of the community and nobody at the table.
    let no_latinos = table(&[("Black or African American", 10), ("White", 10)], 0);
    let race = &compare(&no_latinos, &community(), Band::default())[0];
    let latino = race.groups.iter().find(|g| g.group == "Hispanic or Latino").unwrap();
    assert_eq!((latino.ratio, latino.standing), (Some(0.0), Some(Presence::Under)));
}

#[test]
fn a_hidden_group_has_no_share_ratio_or_gap() {
    // 3 Black members are too few to show; their complement is hidden with them.
    let c = table(&[("Black or African American", 3), ("White", 14), ("Hispanic or Latino", 6)], 0);
    let race = &compare(&c, &community(), Band::default())[0];
    let black = race.groups.iter().find(|g| g.group == "Black or African American").unwrap();
    assert_eq!(black.at_table, Cell::Suppressed);
    assert_eq!((black.table_share, black.ratio, black.gap_points, black.standing), (None, None, None, None));
    // No shown ratio may let anyone work the hidden count back out.
    for g in &race.groups {
        if let (Some(share), Cell::Shown(n)) = (g.table_share, g.at_table) {
            assert!((share * race.members.unwrap() as f64 - n as f64).abs() < 1e-9);
        }
    }
    assert_eq!(race.members, Some(23));
}

#[test]
fn shares_need_the_number_of_members_to_be_shown() {
    let mut c = table(&[("White", 12), ("Black or African American", 6)], 0);
    c.race_ethnicity.total = Cell::Suppressed;
    let race = &compare(&c, &community(), Band::default())[0];
    assert_eq!(race.members, None);
    assert!(race.groups.iter().all(|g| g.ratio.is_none() && g.table_share.is_none()));
}

#[test]
fn the_trend_follows_published_snapshots_and_says_whether_the_gap_closes() {
    let history = [
        table(&[("Black or African American", 0), ("White", 15), ("Hispanic or Latino", 5)], 0),
        table(&[("Black or African American", 5), ("White", 15), ("Hispanic or Latino", 5)], 120),
        table(&[("Black or African American", 6), ("White", 10), ("Hispanic or Latino", 6)], 240),
    ];
    let t = trend(&history, &community(), Band::default());
    let black = t.iter().find(|g| g.group == "Black or African American").unwrap();
    assert_eq!(black.points.len(), 3);
    assert_eq!(black.points[0].ratio, Some(0.0));
    assert_eq!(black.direction, Some(GapDirection::Closing), "from 30 points short to 2.7");
    let white = t.iter().find(|g| g.group == "White").unwrap();
    assert_eq!(white.direction, Some(GapDirection::Closing), "from 40 points over the community's share to 10");
}
