//! Voice and participation: who, at a table, holds the seats, comes to the meetings, leads the
//! agenda items and takes part in its decisions — by kind of organisation (grassroots, small,
//! mid-size, large, residents for themselves) or by sector — quarter by quarter, so that "equal
//! voice" is something a table can check. Counted from records members already see (seats,
//! attendance, agenda leads, the votes of decisions that are not anonymous), per organisation,
//! never per person's demographics.

use super::OrgKind;
use crate::partners::Sector;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// How the people taking part are grouped: by their organisation's kind, or its sector.
    Grouping {
        Kind => "kind",
        Sector => "sector",
    }
}

/// Whom a seat or an act is for: an organisation (its id, kind and sector), or a resident for
/// themselves (`None`).
pub type Who = Option<(Id, OrgKind, Sector)>;

/// The group `who` counts in: an `OrgKind` or a sector code, `residents` for residents.
pub fn group_of(who: &Who, by: Grouping) -> &'static str {
    match (who, by) {
        (None, _) => OrgKind::Residents.as_str(),
        (Some((_, kind, _)), Grouping::Kind) => kind.as_str(),
        (Some((_, _, sector)), Grouping::Sector) => sector.as_str(),
    }
}

/// The groups of a grouping, in order.
pub fn groups(by: Grouping) -> Vec<&'static str> {
    match by {
        Grouping::Kind => OrgKind::ALL.iter().map(|k| k.as_str()).collect(),
        Grouping::Sector => {
            let mut g: Vec<&str> = Sector::ALL.iter().map(|s| s.as_str()).collect();
            g.push(OrgKind::Residents.as_str());
            g
        }
    }
}

/// A seat at the table from one day until another (exclusive; `None`: still held).
#[derive(Debug, Clone, PartialEq)]
pub struct SeatSpan {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub who: Who,
}

/// One act of taking part — came to a meeting, led an agenda item, voted — and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Act {
    pub at: DateTime<Utc>,
    pub who: Who,
}

/// One group's voice over a span of time: seats held at its end, and acts within it, each with
/// its share of the table's, and the ratio of its share of agenda leads and of votes to its
/// share of seats (1: a voice in proportion to its seats).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct VoiceRow {
    pub group: String,
    /// Organisations holding its seats (none for residents).
    pub organizations: u64,
    pub seats: u64,
    pub seat_share: Option<f64>,
    /// Times its people were present at a meeting.
    pub attended: u64,
    pub attendance_share: Option<f64>,
    pub agenda_items_led: u64,
    pub lead_share: Option<f64>,
    /// Votes cast in decisions that were not anonymous.
    pub votes: u64,
    pub vote_share: Option<f64>,
    pub lead_ratio: Option<f64>,
    pub vote_ratio: Option<f64>,
}

/// A quarter (or the last twelve months) and every group's voice in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct VoicePeriod {
    /// `2026-Q3`, or `last-12-months`.
    pub label: String,
    pub from: NaiveDate,
    /// The day after the period.
    pub until: NaiveDate,
    pub rows: Vec<VoiceRow>,
}

/// The quarter a day falls in: its first day and the first day of the next.
pub fn quarter_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let q = (day.month0() / 3) * 3 + 1;
    let from = NaiveDate::from_ymd_opt(day.year(), q, 1).expect("a quarter's first day");
    let until = if q == 10 {
        NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(day.year(), q + 3, 1)
    }
    .expect("the next quarter's first day");
    (from, until)
}

/// Every group's voice between `from` and `until` (seats as held on the last day, or `today`
/// when the period has not ended).
pub fn voice_in(
    seats: &[SeatSpan],
    attended: &[Act],
    led: &[Act],
    voted: &[Act],
    by: Grouping,
    (from, until): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Vec<VoiceRow> {
    let on = (until - chrono::Duration::days(1)).min(today);
    let held: Vec<&Who> =
        seats.iter().filter(|s| s.from <= on && s.until.is_none_or(|u| u > on)).map(|s| &s.who).collect();
    fn within(acts: &[Act], (from, until): (NaiveDate, NaiveDate)) -> Vec<&Who> {
        acts.iter().filter(|a| a.at.date_naive() >= from && a.at.date_naive() < until).map(|a| &a.who).collect()
    }
    let (came, leads, votes) =
        (within(attended, (from, until)), within(led, (from, until)), within(voted, (from, until)));
    let share = |n: usize, of: usize| (of > 0).then(|| n as f64 / of as f64);
    let count = |list: &[&Who], g: &str| list.iter().filter(|w| group_of(w, by) == g).count();
    groups(by)
        .into_iter()
        .map(|g| {
            let (s, a, l, v) = (count(&held, g), count(&came, g), count(&leads, g), count(&votes, g));
            let mut orgs: Vec<Id> =
                held.iter().filter(|w| group_of(w, by) == g).filter_map(|w| w.map(|(id, _, _)| id)).collect();
            orgs.sort_unstable();
            orgs.dedup();
            let seat_share = share(s, held.len());
            let lead_share = share(l, leads.len());
            let vote_share = share(v, votes.len());
            let ratio = |x: Option<f64>| match (x, seat_share) {
                (Some(x), Some(s)) if s > 0.0 => Some(x / s),
                _ => None,
            };
            VoiceRow {
                group: g.to_string(),
                organizations: orgs.len() as u64,
                seats: s as u64,
                seat_share,
                attended: a as u64,
                attendance_share: share(a, came.len()),
                agenda_items_led: l as u64,
                lead_share,
                votes: v as u64,
                vote_share,
                lead_ratio: ratio(lead_share),
                vote_ratio: ratio(vote_share),
            }
        })
        .filter(|r| r.seats + r.attended + r.agenda_items_led + r.votes > 0 || by == Grouping::Kind)
        .collect()
}

/// The last twelve months, then each of the last `quarters` quarters (the current one last).
pub fn voice(
    seats: &[SeatSpan],
    attended: &[Act],
    led: &[Act],
    voted: &[Act],
    by: Grouping,
    today: NaiveDate,
    quarters: usize,
) -> Vec<VoicePeriod> {
    let year = (today - chrono::Duration::days(364), today + chrono::Duration::days(1));
    let mut out = vec![VoicePeriod {
        label: "last-12-months".into(),
        from: year.0,
        until: year.1,
        rows: voice_in(seats, attended, led, voted, by, year, today),
    }];
    let mut spans = Vec::new();
    let mut q = quarter_of(today);
    for _ in 0..quarters {
        spans.push(q);
        q = quarter_of(q.0 - chrono::Duration::days(1));
    }
    for span in spans.into_iter().rev() {
        let label = format!("{}-Q{}", span.0.year(), span.0.month0() / 3 + 1);
        out.push(VoicePeriod {
            label,
            from: span.0,
            until: span.1,
            rows: voice_in(seats, attended, led, voted, by, span, today),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        d(s).and_hms_opt(18, 0, 0).unwrap().and_utc()
    }

    const HOSPITAL: Who = Some((1, OrgKind::Large, Sector::Health));
    const PARENTS: Who = Some((2, OrgKind::Grassroots, Sector::ResidentLed));

    #[test]
    fn quarters_begin_in_january_april_july_and_october() {
        assert_eq!(quarter_of(d("2026-12-02")), (d("2026-10-01"), d("2027-01-01")));
        assert_eq!(quarter_of(d("2026-04-01")), (d("2026-04-01"), d("2026-07-01")));
    }

    #[test]
    fn a_table_can_check_that_its_small_partners_have_a_voice_in_proportion_to_their_seats() {
        let seats = [
            SeatSpan { from: d("2025-01-01"), until: None, who: HOSPITAL },
            SeatSpan { from: d("2025-01-01"), until: None, who: HOSPITAL },
            SeatSpan { from: d("2025-01-01"), until: None, who: PARENTS },
            SeatSpan { from: d("2026-08-01"), until: None, who: None },
            SeatSpan { from: d("2025-01-01"), until: Some(d("2026-03-01")), who: None },
        ];
        // The hospital led every item until the parents' group led two in the autumn.
        let led = [
            Act { at: at("2026-05-05"), who: HOSPITAL },
            Act { at: at("2026-05-05"), who: HOSPITAL },
            Act { at: at("2026-10-06"), who: PARENTS },
            Act { at: at("2026-10-06"), who: None },
            Act { at: at("2026-10-06"), who: HOSPITAL },
        ];
        let came = [Act { at: at("2026-10-06"), who: PARENTS }, Act { at: at("2026-10-06"), who: HOSPITAL }];
        let voted = [Act { at: at("2026-10-07"), who: None }];
        let v = voice(&seats, &came, &led, &voted, Grouping::Kind, d("2026-12-02"), 4);
        assert_eq!(
            v.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(),
            ["last-12-months", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
        );
        let row = |p: &VoicePeriod, g: &str| p.rows.iter().find(|r| r.group == g).unwrap().clone();
        let q2 = &v[2];
        assert_eq!(row(q2, "large").lead_share, Some(1.0));
        assert_eq!((row(q2, "large").organizations, row(q2, "large").seats), (1, 2), "one hospital, two seats");
        assert_eq!(row(q2, "grassroots").lead_ratio, Some(0.0), "a third of the seats, none of the items");
        let q4 = &v[4];
        assert_eq!(row(q4, "residents").seats, 1, "the seat that ended in March no longer counts");
        assert_eq!(row(q4, "grassroots").lead_ratio, Some((1.0 / 3.0) / (1.0 / 4.0)));
        assert_eq!(row(q4, "residents").vote_share, Some(1.0));
        assert_eq!(row(&v[0], "large").agenda_items_led, 3, "the year counts both quarters");
        let by_sector = voice(&seats, &came, &led, &voted, Grouping::Sector, d("2026-12-02"), 1);
        assert!(by_sector[0].rows.iter().all(|r| r.group != "school_district"), "sectors nobody holds are left out");
        assert!(by_sector[0].rows.iter().any(|r| r.group == "health"));
    }
}
