//! One standard of accountability: every organisation held to the same yardstick, side by side and
//! grouped by budget band — commitments kept, late and dropped; meeting attendance; data submitted
//! on time, late or missing for each reporting period — and the backbone director's "needs
//! attention" list. Pure: worked out from what the other capabilities keep — commitments and
//! attendance counted per organisation by the store (`CommitmentTally`, `AttendanceTally`;
//! `tally_commitments` and `tally_attendance` count the same over the records, and the store's
//! conformance tests hold the two together), indicators and when their numbers were first
//! submitted, the alignment map, decisions. So the view grows with the organisations, not with
//! their records.
//!
//! Conventions:
//! - The view looks back over a window (a year by default): commitments due in it, meetings held
//!   in it, reporting periods due in it.
//! - A reporting period is due `report_due_days` after it ends, for the indicator's owner and the
//!   organisations listed as its submitters (an indicator anyone may submit holds nobody to it).
//!   Periods due before the indicator or the organisation was added are not held against anyone.
//! - Numbers are on time when their first submission came on or before the due date, late after
//!   it, missing when none came and the due date has passed.
//! - An organisation attended a meeting when one of its people came; it was expected at the
//!   meetings whose attendance lists one of its people (cancelled meetings do not count).

mod store;
pub use store::AccountabilityStore;

use crate::commitments::{Commitment, CommitmentStatus, Record, Standing};
use crate::decisions::Decision;
use crate::measure::indicator::Indicator;
use crate::measure::period::Period;
use crate::meetings::{Attendance, AttendanceStatus, Meeting};
use crate::partners::{BudgetBand, Organization};
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

/// How far back the view looks unless asked otherwise.
pub const DEFAULT_WINDOW_DAYS: i64 = 365;

/// The longest window the view looks back over: ten years.
pub const LONGEST_WINDOW_DAYS: i64 = 3660;

/// The first day of the window: `since` when it is given and sensible, else a year before `today`.
pub fn window(since: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, crate::Invalid> {
    let mut inv = crate::Invalid::new();
    match since {
        Some(d) if d > today => inv.add("since", "must be today or earlier"),
        Some(d) if d < today - Duration::days(LONGEST_WINDOW_DAYS) => {
            inv.add("since", "must be within the last ten years")
        }
        Some(d) => return Ok(d),
        None => return Ok(today - Duration::days(DEFAULT_WINDOW_DAYS)),
    }
    Err(inv)
}

/// When an organisation first submitted an indicator's numbers for a period (any place, any group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub indicator_id: Id,
    pub organization_id: Id,
    pub period: String,
    pub first_submitted_at: DateTime<Utc>,
}

vocabulary! {
    /// How a period's numbers came in against their due date.
    Timeliness {
        OnTime => "on_time",
        Late => "late",
        /// Due and not submitted.
        Missing => "missing",
    }
}

/// One organisation's numbers for one indicator and period, against the due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ReportingPeriod {
    pub organization_id: Id,
    pub indicator_key: String,
    pub indicator_name: String,
    pub period: String,
    pub due_on: NaiveDate,
    pub submitted_on: Option<NaiveDate>,
    pub timeliness: Timeliness,
}

/// Counts of reporting periods by timeliness.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct DataRecord {
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
}

impl DataRecord {
    fn add(&mut self, t: Timeliness) {
        match t {
            Timeliness::OnTime => self.on_time += 1,
            Timeliness::Late => self.late += 1,
            Timeliness::Missing => self.missing += 1,
        }
    }

    fn plus(&mut self, o: &DataRecord) {
        self.on_time += o.on_time;
        self.late += o.late;
        self.missing += o.missing;
    }

    pub fn due(&self) -> u32 {
        self.on_time + self.late + self.missing
    }

    /// The share submitted on time, in percent; `None` when nothing was due.
    pub fn on_time_percent(&self) -> Option<f64> {
        percent(self.on_time, self.due())
    }
}

/// Meetings an organisation was expected at, and those one of its people came to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct AttendanceRecord {
    pub expected: u32,
    pub attended: u32,
}

impl AttendanceRecord {
    fn plus(&mut self, o: &AttendanceRecord) {
        self.expected += o.expected;
        self.attended += o.attended;
    }

    pub fn percent(&self) -> Option<f64> {
        percent(self.attended, self.expected)
    }
}

fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

/// One organisation's commitments of one status, counted: all of them, those due in the window,
/// those of them done after their due date, and those due before today — all the view needs to
/// hold an organisation to them (`held`), as the store counts them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CommitmentTally {
    pub organization_id: Id,
    pub status: CommitmentStatus,
    pub count: u32,
    /// Due on or after the window's first day.
    pub due_in_window: u32,
    /// Due in the window and done after the due date.
    pub done_late_in_window: u32,
    /// Due before today.
    pub past_due: u32,
}

impl CommitmentTally {
    /// The commitments the view holds the organisation to — those due in the window, and every
    /// one still open — and how they stand.
    pub fn held(&self) -> Record {
        let mut r = Record::default();
        if self.status.is_open() {
            r.count(self.status, false, true, self.past_due);
            r.count(self.status, false, false, self.count - self.past_due);
        } else {
            r.count(self.status, true, false, self.done_late_in_window);
            r.count(self.status, false, false, self.due_in_window - self.done_late_in_window);
        }
        r
    }
}

/// One organisation's meetings expected and attended in the window, as the store counts them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AttendanceTally {
    pub organization_id: Id,
    pub expected: u32,
    pub attended: u32,
}

/// Organisations' commitments counted over the records (what the store's
/// `commitment_tallies` answers), by organisation and status.
pub fn tally_commitments(commitments: &[Commitment], since: NaiveDate, today: NaiveDate) -> Vec<CommitmentTally> {
    let mut counts: HashMap<(Id, CommitmentStatus), CommitmentTally> = HashMap::new();
    for c in commitments {
        let Some(org) = c.organization_id else { continue };
        let t = counts.entry((org, c.status)).or_insert(CommitmentTally {
            organization_id: org,
            status: c.status,
            count: 0,
            due_in_window: 0,
            done_late_in_window: 0,
            past_due: 0,
        });
        let in_window = c.due_on >= since;
        t.count += 1;
        t.due_in_window += u32::from(in_window);
        t.done_late_in_window += u32::from(in_window && c.done_on.is_some_and(|d| d > c.due_on));
        t.past_due += u32::from(c.due_on < today);
    }
    let mut out: Vec<CommitmentTally> = counts.into_values().collect();
    out.sort();
    out
}

/// One organisation on the yardstick.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct OrganizationStanding {
    pub organization_id: Id,
    pub name: String,
    pub budget_band: BudgetBand,
    pub resident_led: bool,
    /// Its commitments due in the window, and those still open.
    pub commitments: Record,
    /// Share of its settled commitments kept on time, in percent.
    pub kept_percent: Option<f64>,
    pub attendance: AttendanceRecord,
    pub attendance_percent: Option<f64>,
    pub data: DataRecord,
    pub data_on_time_percent: Option<f64>,
    /// The reporting periods it submitted late or not at all, most recent due first.
    pub data_late_or_missing: Vec<ReportingPeriod>,
}

/// The organisations of one budget band, with the band's totals.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct BandGroup {
    pub budget_band: BudgetBand,
    pub organizations: Vec<OrganizationStanding>,
    pub commitments: Record,
    pub kept_percent: Option<f64>,
    pub attendance: AttendanceRecord,
    pub attendance_percent: Option<f64>,
    pub data: DataRecord,
    pub data_on_time_percent: Option<f64>,
}

/// The accountability view.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Accountability {
    /// The window: from this day through `today`.
    pub since: NaiveDate,
    pub today: NaiveDate,
    /// Smallest budgets first; bands with no organisation left out.
    pub bands: Vec<BandGroup>,
}

/// Everything the view is worked out from.
pub struct Inputs<'a> {
    pub organizations: &'a [Organization],
    /// Their commitments, counted (`AccountabilityStore::commitment_tallies`).
    pub commitments: &'a [CommitmentTally],
    /// Their meetings in the window, counted (`AccountabilityStore::attendance_tallies`).
    pub attendance: &'a [AttendanceTally],
    pub indicators: &'a [Indicator],
    pub submissions: &'a [Submission],
    pub since: NaiveDate,
    pub today: NaiveDate,
}

/// Every organisation's reporting periods due in the window, most recent due date first.
pub fn reporting_periods(
    indicators: &[Indicator],
    organizations: &[Organization],
    submissions: &[Submission],
    since: NaiveDate,
    today: NaiveDate,
) -> Vec<ReportingPeriod> {
    let mut first: HashMap<(Id, Id, Period), NaiveDate> = HashMap::new();
    for s in submissions {
        if let Ok(p) = Period::parse_any(&s.period) {
            let day = s.first_submitted_at.date_naive();
            first.entry((s.indicator_id, s.organization_id, p)).and_modify(|d| *d = (*d).min(day)).or_insert(day);
        }
    }
    let joined: HashMap<Id, NaiveDate> = organizations.iter().map(|o| (o.id, o.created_at.date_naive())).collect();
    let mut out = Vec::new();
    for ind in indicators {
        let Some(days) = ind.report_due_days else { continue };
        let days = Duration::days(i64::from(days));
        let mut responsible: Vec<Id> =
            ind.owner_organization_id.into_iter().chain(ind.submitters.iter().copied()).collect();
        responsible.sort_unstable();
        responsible.dedup();
        if responsible.is_empty() {
            continue;
        }
        let added = ind.created_at.date_naive();
        // The first period that can fall due in the window, then each after it until one is not yet due.
        let mut p = Period::containing(ind.period_kind, since - days);
        loop {
            let due = p.last_day() + days;
            if due > today {
                break;
            }
            if due >= since && due >= added {
                for &org in &responsible {
                    if joined.get(&org).is_none_or(|j| due < *j) {
                        continue;
                    }
                    let submitted_on = first.get(&(ind.id, org, p)).copied();
                    let timeliness = match submitted_on {
                        Some(d) if d <= due => Timeliness::OnTime,
                        Some(_) => Timeliness::Late,
                        None => Timeliness::Missing,
                    };
                    out.push(ReportingPeriod {
                        organization_id: org,
                        indicator_key: ind.key.clone(),
                        indicator_name: ind.name.clone(),
                        period: p.label(),
                        due_on: due,
                        submitted_on,
                        timeliness,
                    });
                }
            }
            p = p.next();
        }
    }
    out.sort_by(|a, b| b.due_on.cmp(&a.due_on).then_with(|| a.indicator_key.cmp(&b.indicator_key)));
    out
}

/// Each organisation's meetings expected and attended in the window, counted over the records
/// (what the store's `attendance_tallies` answers), by organisation. A meeting is in the window
/// when it starts on one of its days (UTC); cancelled meetings do not count.
pub fn tally_attendance(
    meetings: &[Meeting],
    attendance: &[(Id, Attendance)],
    since: NaiveDate,
    today: NaiveDate,
) -> Vec<AttendanceTally> {
    let held: HashSet<Id> = meetings
        .iter()
        .filter(|m| {
            let day = m.starts_at.date_naive();
            !m.cancelled && day >= since && day <= today
        })
        .map(|m| m.id)
        .collect();
    // (organisation, meeting) → came
    let mut seen: HashMap<(Id, Id), bool> = HashMap::new();
    for (meeting, a) in attendance {
        let Some(org) = a.organization_id else { continue };
        if !held.contains(meeting) {
            continue;
        }
        let came = seen.entry((org, *meeting)).or_insert(false);
        *came |= a.status == AttendanceStatus::Present;
    }
    let mut out: HashMap<Id, AttendanceTally> = HashMap::new();
    for ((org, _), came) in seen {
        let r = out.entry(org).or_insert(AttendanceTally { organization_id: org, expected: 0, attended: 0 });
        r.expected += 1;
        r.attended += u32::from(came);
    }
    let mut out: Vec<AttendanceTally> = out.into_values().collect();
    out.sort();
    out
}

/// The accountability view: every organisation, by budget band, smallest first; within a band by name.
pub fn accountability(inp: &Inputs) -> Accountability {
    let periods = reporting_periods(inp.indicators, inp.organizations, inp.submissions, inp.since, inp.today);
    let mut periods_of: HashMap<Id, Vec<&ReportingPeriod>> = HashMap::new();
    for p in &periods {
        periods_of.entry(p.organization_id).or_default().push(p);
    }
    let mut commitments_of: HashMap<Id, Record> = HashMap::new();
    for t in inp.commitments {
        *commitments_of.entry(t.organization_id).or_default() += &t.held();
    }
    let attendance: HashMap<Id, AttendanceRecord> = inp
        .attendance
        .iter()
        .map(|t| (t.organization_id, AttendanceRecord { expected: t.expected, attended: t.attended }))
        .collect();
    let mut by_band: Vec<BandGroup> = Vec::new();
    let mut organizations: Vec<&Organization> = inp.organizations.iter().collect();
    organizations.sort_by_key(|o| o.name.to_lowercase());
    for band in BudgetBand::ALL {
        let mut group = BandGroup {
            budget_band: *band,
            organizations: Vec::new(),
            commitments: Record::default(),
            kept_percent: None,
            attendance: AttendanceRecord::default(),
            attendance_percent: None,
            data: DataRecord::default(),
            data_on_time_percent: None,
        };
        for o in organizations.iter().filter(|o| o.budget_band == *band) {
            let commitments = commitments_of.get(&o.id).cloned().unwrap_or_default();
            let att = attendance.get(&o.id).cloned().unwrap_or_default();
            let mut data = DataRecord::default();
            let mut late_or_missing = Vec::new();
            for p in periods_of.get(&o.id).into_iter().flatten() {
                data.add(p.timeliness);
                if p.timeliness != Timeliness::OnTime {
                    late_or_missing.push((*p).clone());
                }
            }
            group.commitments += &commitments;
            group.attendance.plus(&att);
            group.data.plus(&data);
            group.organizations.push(OrganizationStanding {
                organization_id: o.id,
                name: o.name.clone(),
                budget_band: o.budget_band,
                resident_led: o.resident_led,
                kept_percent: commitments.kept_percent(),
                commitments,
                attendance_percent: att.percent(),
                attendance: att,
                data_on_time_percent: data.on_time_percent(),
                data,
                data_late_or_missing: late_or_missing,
            });
        }
        if group.organizations.is_empty() {
            continue;
        }
        group.kept_percent = group.commitments.kept_percent();
        group.attendance_percent = group.attendance.percent();
        group.data_on_time_percent = group.data.on_time_percent();
        by_band.push(group);
    }
    Accountability { since: inp.since, today: inp.today, bands: by_band }
}

/// A strategy of the current agenda that no live activity serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct IdleStrategy {
    pub key: String,
    pub title: String,
    pub result_title: String,
}

/// What the backbone director should look at first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct NeedsAttention {
    pub today: NaiveDate,
    /// Open commitments marked at risk, soonest due first.
    pub commitments_at_risk: Vec<Commitment>,
    /// Open commitments past their due date, longest overdue first.
    pub commitments_overdue: Vec<Commitment>,
    /// Reporting periods due and not submitted, longest overdue first.
    pub data_missing: Vec<ReportingPeriod>,
    /// Strategies of the current agenda nobody works on.
    pub strategies_without_activity: Vec<IdleStrategy>,
    /// Decisions whose review date has come, earliest first.
    pub decisions_to_review: Vec<Decision>,
    /// Decisions whose voting closed with no outcome stated yet.
    pub decisions_awaiting_outcome: Vec<Decision>,
}

impl NeedsAttention {
    pub fn is_empty(&self) -> bool {
        self.commitments_at_risk.is_empty()
            && self.commitments_overdue.is_empty()
            && self.data_missing.is_empty()
            && self.strategies_without_activity.is_empty()
            && self.decisions_to_review.is_empty()
            && self.decisions_awaiting_outcome.is_empty()
    }
}

pub fn needs_attention(
    commitments: &[Commitment],
    periods: &[ReportingPeriod],
    idle: Vec<IdleStrategy>,
    decisions: &[Decision],
    now: DateTime<Utc>,
) -> NeedsAttention {
    let today = now.date_naive();
    let mut at_risk: Vec<Commitment> = commitments
        .iter()
        .filter(|c| c.status == CommitmentStatus::AtRisk && c.standing(today) != Standing::Overdue)
        .cloned()
        .collect();
    at_risk.sort_by_key(|c| (c.due_on, c.id));
    let mut overdue: Vec<Commitment> =
        commitments.iter().filter(|c| c.standing(today) == Standing::Overdue).cloned().collect();
    overdue.sort_by_key(|c| (c.due_on, c.id));
    let mut missing: Vec<ReportingPeriod> =
        periods.iter().filter(|p| p.timeliness == Timeliness::Missing).cloned().collect();
    missing.sort_by(|a, b| a.due_on.cmp(&b.due_on).then_with(|| a.indicator_key.cmp(&b.indicator_key)));
    let mut review: Vec<Decision> = decisions.iter().filter(|d| d.review_due(today)).cloned().collect();
    review.sort_by_key(|d| (d.outcome.as_ref().and_then(|o| o.review_on), d.id));
    let mut awaiting: Vec<Decision> = decisions
        .iter()
        .filter(|d| d.process.takes_votes() && d.outcome.is_none() && d.closes_at.is_some_and(|c| c <= now))
        .cloned()
        .collect();
    awaiting.sort_by_key(|d| (d.closes_at, d.id));
    NeedsAttention {
        today,
        commitments_at_risk: at_risk,
        commitments_overdue: overdue,
        data_missing: missing,
        strategies_without_activity: idle,
        decisions_to_review: review,
        decisions_awaiting_outcome: awaiting,
    }
}

#[cfg(test)]
mod tests;
