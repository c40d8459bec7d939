use super::*;
use crate::privacy::Cell;
use chrono::TimeZone;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0).unwrap()
}

fn round(id: Id, closed_day: Option<u32>) -> AssessmentRound {
    AssessmentRound {
        id,
        table_id: 1,
        title: format!("Round {id}"),
        opens_on: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
        closes_on: NaiveDate::from_ymd_opt(2026, 2, 28).unwrap(),
        instrument_version: 1,
        closed_at: closed_day.map(at),
        created_at: at(1),
    }
}

/// A person's answers: `score` for every statement, except those in `overrides`.
fn person(round_id: Id, person_id: Id, score: Option<u8>, overrides: &[(&str, Option<u8>)]) -> AssessmentAnswer {
    AssessmentAnswer {
        round_id,
        person_id,
        answers: instrument::statements(1)
            .unwrap()
            .iter()
            .map(|s| StatementAnswer {
                statement: s.key.to_string(),
                score: overrides.iter().find(|(k, _)| *k == s.key).map_or(score, |(_, v)| *v),
            })
            .collect(),
        submitted_at: at(2),
    }
}

fn section(r: &AssessmentResults, s: Section) -> &SectionResult {
    r.sections.iter().find(|x| x.section == s).unwrap()
}

fn statement<'a>(r: &'a AssessmentResults, key: &str) -> &'a StatementResult {
    r.sections.iter().flat_map(|s| &s.statements).find(|s| s.statement == key).unwrap()
}

#[test]
fn the_instrument_covers_the_five_conditions_eight_principles_six_practices_and_culture() {
    let v1 = instrument::statements(instrument::CURRENT_VERSION).unwrap();
    let count = |s: Section| v1.iter().filter(|x| x.section == s).count();
    assert!((5..=10).contains(&count(Section::Conditions)), "one or two statements per condition");
    assert_eq!(count(Section::Principles), 8);
    assert_eq!(count(Section::Practices), 6);
    assert!(count(Section::Culture) >= 4);
    assert_eq!(instrument::every_key().len(), v1.len(), "keys are unique");
    assert!(instrument::statements(99).is_none());
}

#[test]
fn an_answer_names_every_statement_once_with_a_score_from_1_to_5_or_dont_know() {
    let good = AssessmentAnswerInput { answers: person(1, 1, Some(4), &[("trust-each-other", None)]).answers };
    assert!(good.validate(1).is_ok(), "don't know is an answer");
    let mut bad = good.clone();
    bad.answers[0].score = Some(6);
    bad.answers[1].statement = "made-up".into();
    bad.answers.push(StatementAnswer { statement: bad.answers[2].statement.clone(), score: Some(1) });
    let problems = bad.validate(1).unwrap_err();
    assert_eq!(problems.reason_for("answers[0].score"), Some("must be from 1 to 5, or null for don't know"));
    assert_eq!(problems.reason_for("answers[1].statement"), Some("is not a statement of this assessment"));
    let last = bad.answers.len() - 1;
    assert_eq!(problems.reason_for(&format!("answers[{last}].statement")), Some("is answered twice"));
    assert!(problems.reason_for("answers.common-agenda-approach").is_some(), "the replaced statement is missing");
    assert!(AssessmentAnswerInput::default().validate(2).is_err(), "an unknown instrument version");
}

#[test]
fn a_round_closes_on_or_after_the_day_it_opens() {
    let mut r = AssessmentRoundInput {
        title: "Spring".into(),
        opens_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        closes_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    };
    assert_eq!(r.validate().unwrap_err().0[0].field, "closes_on");
    r.closes_on = r.opens_on;
    r.title = " ".into();
    assert_eq!(r.validate().unwrap_err().0[0].field, "title");
}

#[test]
fn means_per_statement_and_per_section_over_those_who_scored() {
    // Five people: scores 1, 2, 4, 5, 5 on everything; one says don't know on one statement.
    let answers: Vec<_> = [(1, 1), (2, 2), (3, 4), (4, 5), (5, 5)]
        .into_iter()
        .map(|(p, v)| person(1, p, Some(v), &[]))
        .chain([person(1, 6, Some(3), &[("talk-about-what-failed", None)])])
        .collect();
    let r = results(&round(1, Some(10)), &answers, &[]);
    assert!(r.shown);
    assert_eq!(r.respondents, Some(6));
    assert_eq!(statement(&r, "common-agenda").mean, Some(3.33), "(1+2+4+5+5+3)/6");
    let failed = statement(&r, "talk-about-what-failed");
    assert_eq!(failed.mean, Some(3.4), "the don't know is no score");
    assert_eq!(
        (failed.spread.disagree, failed.spread.dont_know),
        (Cell::Suppressed, Cell::Suppressed),
        "3.4 from six people fits only five scores: the spread would give away the one don't know"
    );
    assert_eq!(section(&r, Section::Conditions).mean, Some(3.33));
    assert_eq!(section(&r, Section::Culture).mean, Some(3.33), "person 6's own culture mean is still 3");
    assert_eq!(r.sections.len(), 4);
    assert_eq!(r.history.len(), 1, "this round is the first point of the trend");
}

#[test]
fn fewer_than_the_minimum_respondents_show_no_number_at_all() {
    let answers: Vec<_> = (1..MIN_RESPONDENTS as Id).map(|p| person(1, p, Some(4), &[])).collect();
    let r = results(&round(1, Some(10)), &answers, &[]);
    assert!(!r.shown);
    assert_eq!(r.respondents, None, "not even how many answered");
    assert!(r.sections.is_empty());
    assert!(r.history[0].sections.is_empty());
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("mean\":4"), "{json}");
}

#[test]
fn an_open_round_shows_nothing_however_many_answered() {
    let answers: Vec<_> = (1..=12).map(|p| person(1, p, Some(4), &[])).collect();
    let r = results(&round(1, None), &answers, &[]);
    assert!(!r.shown && r.sections.is_empty() && r.respondents.is_none() && r.history.is_empty());
}

#[test]
fn a_statement_most_answer_dont_know_to_shows_no_mean() {
    let answers: Vec<_> =
        (1..=6).map(|p| person(1, p, Some(4), &[("backbone-support", if p <= 2 { None } else { Some(5) })])).collect();
    let r = results(&round(1, Some(10)), &answers, &[]);
    let s = statement(&r, "backbone-support");
    assert_eq!(s.mean, None, "only 4 scored it");
    assert_eq!(s.spread.dont_know, Cell::Suppressed, "2 people said don't know: hidden");
    assert_eq!(s.dont_know_share, None);
    assert_eq!(s.spread.agree, Cell::Suppressed, "else 6 − 4 = 2 would give them away");
    assert_eq!(s.spread.disagree, Cell::Shown(0));
}

#[test]
fn the_spread_hides_one_or_two_people_and_whatever_would_reveal_them() {
    // 8 people: two disagree, one is neutral, five agree.
    let answers: Vec<_> = (1..=8)
        .map(|p| {
            let v = match p {
                1 | 2 => 2,
                3 => 3,
                _ => 4,
            };
            person(1, p, Some(4), &[("conflict-in-the-room", Some(v))])
        })
        .collect();
    let r = results(&round(1, Some(10)), &answers, &[]);
    let s = statement(&r, "conflict-in-the-room");
    assert_eq!(s.spread.disagree, Cell::Suppressed);
    assert_eq!(s.spread.neutral, Cell::Suppressed, "2 + 1 or 1 + 2: the rule leaves both open");
    assert_eq!(s.spread.agree, Cell::Shown(5));
    assert_eq!(s.spread.dont_know, Cell::Shown(0));
    assert_eq!(s.dont_know_share, Some(0.0));
    assert_eq!(s.mean, Some(3.38), "27 points over 8 people fit 2 + 1 and 1 + 2 alike");
    let everyone = statement(&r, "common-agenda");
    assert_eq!((everyone.spread.agree, everyone.mean), (Cell::Shown(8), Some(4.0)));
}

#[test]
fn the_trend_compares_each_section_with_the_previous_round_that_showed_it() {
    let first: Vec<_> = (1..=5).map(|p| person(1, p, Some(2), &[])).collect();
    let thin: Vec<_> = (1..=3).map(|p| person(2, p, Some(5), &[])).collect();
    let third: Vec<_> = (1..=5)
        .map(|p| person(3, p, Some(2), &[("conflict-in-the-room", Some(5)), ("trust-each-other", Some(5))]))
        .collect();
    let earlier = vec![(round(1, Some(5)), first), (round(2, Some(8)), thin), (round(9, None), vec![])];
    let r = results(&round(3, Some(20)), &third, &earlier);
    assert_eq!(r.history.iter().map(|h| h.round_id).collect::<Vec<_>>(), vec![1, 2, 3], "closed rounds, oldest first");
    assert!(r.history[1].sections.is_empty(), "the thin round shows nothing");
    let culture = section(&r, Section::Culture);
    assert_eq!(culture.mean, Some(3.0), "(5+5+2+2+2+2)/6");
    assert_eq!(culture.change, Some(1.0), "against round 1, skipping the thin round");
    assert_eq!(culture.trend, Some(Trend::Improving));
    let conditions = section(&r, Section::Conditions);
    assert_eq!((conditions.change, conditions.trend), (Some(0.0), Some(Trend::Steady)));
    assert_eq!(Trend::of(-0.3), Trend::Declining);
    let first_alone = results(&earlier[0].0, &earlier[0].1, &earlier);
    assert_eq!(first_alone.history.len(), 1, "later rounds are not part of an earlier one's trend");
    assert_eq!(section(&first_alone, Section::Culture).change, None);
}

#[test]
fn only_each_persons_latest_answer_counts() {
    let mut answers: Vec<_> = (1..=5).map(|p| person(1, p, Some(3), &[])).collect();
    let mut again = person(1, 1, Some(5), &[]);
    again.submitted_at = at(3);
    answers.push(again);
    let r = results(&round(1, Some(10)), &answers, &[]);
    assert_eq!(r.respondents, Some(5));
    assert_eq!(statement(&r, "common-agenda").mean, Some(3.4));
}

#[test]
fn what_the_rule_and_the_mean_would_give_away_is_hidden_too() {
    // 7 people: one disagrees (1), one is neutral, five agree (5). Hiding the 1 and the 1 leaves
    // "2 people in two hidden bands", and zeros are shown: each must be 1 — so every band goes.
    let answers: Vec<_> = (1..=7)
        .map(|p| {
            let v = match p {
                1 => 1,
                2 => 3,
                _ => 5,
            };
            person(1, p, Some(4), &[("local-context", Some(v))])
        })
        .collect();
    let r = results(&round(1, Some(10)), &answers, &[]);
    let s = statement(&r, "local-context");
    let all = [s.spread.disagree, s.spread.neutral, s.spread.agree, s.spread.dont_know];
    assert!(all.iter().all(|c| *c == Cell::Suppressed), "{s:?}");
    assert_eq!(s.mean, Some(4.14), "the average stays: (1 + 3 + 5 × 5) / 7");
    // 6 people: one strongly disagrees, five strongly agree. The rule leaves 1+5, 2+4, 4+2 or
    // 5+1 open, but an average of 4.33 fits only 1+5: the spread goes, the average stays.
    let answers: Vec<_> =
        (1..=6).map(|p| person(1, p, Some(4), &[("local-context", Some(if p == 1 { 1 } else { 5 }))])).collect();
    let r = results(&round(1, Some(10)), &answers, &[]);
    let s = statement(&r, "local-context");
    assert_eq!((s.spread.disagree, s.spread.agree), (Cell::Suppressed, Cell::Suppressed));
    assert_eq!((s.spread.neutral, s.spread.dont_know), (Cell::Suppressed, Cell::Suppressed));
    assert_eq!(s.mean, Some(4.33));
    let hidden = [true, false, true, false, false];
    assert_eq!(possible_fills(&[1, 0, 5, 0, 6], &hidden, None).len(), 4);
    assert!(reveals_a_hidden_count(&[1, 0, 5, 0, 6], &hidden, Some(4.33)));
    assert!(!reveals_a_hidden_count(&[1, 0, 5, 0, 6], &hidden, None));
}
