//! The review queue's story: what partners sent that is still waiting, as the submissions they
//! made. Riverbend Public Schools uploaded its fall test scores and, later, its spring file — in
//! which one ZIP code's third-grade reading jumps more than thirty points from the number
//! published, the outlier a reviewer should catch before approving. Bright Start Home Visiting,
//! a small nonprofit, typed its quarter's numbers in as drafts and sent them (one was sent back);
//! Next Step College Access Network sends its numbers from its case-management system through
//! the API.

use backbone_core::exchange::ObservationExport;
use backbone_core::measure::observation::{Approved, ObservationRevision, ObservationStatus};
use backbone_core::review::{Submission, SubmissionCounts, SubmissionSource};
use backbone_core::Id;
use std::collections::BTreeMap;

const SCHOOLS: Id = 1;
const HOME_VISITING: Id = 6;
const COLLEGE_ACCESS: Id = 36;

/// The ZIP code whose third-grade reading the spring file gets wrong, and the share it reports.
pub const OUTLIER_PLACE: &str = "47320";
const OUTLIER_SHARE: f64 = 0.86;

/// How numbers came in: the source and, for a file, its name.
type SentAs = (SubmissionSource, Option<String>);

/// How a partner's numbers came in, by organisation and indicator.
fn sent_as(organization_id: Id, indicator: &str) -> SentAs {
    match (organization_id, indicator) {
        (SCHOOLS, "eighth-grade-math") => (SubmissionSource::Upload, Some("rps-fall-test-scores.csv".into())),
        (SCHOOLS, _) => (SubmissionSource::Upload, Some("rps-spring-file.csv".into())),
        (HOME_VISITING, _) => (SubmissionSource::Drafts, None),
        (COLLEGE_ACCESS, _) => (SubmissionSource::Api, None),
        _ => (SubmissionSource::Upload, Some("numbers.csv".into())),
    }
}

/// When the number was last sent for review.
fn sent_at(o: &ObservationExport) -> Option<&ObservationRevision> {
    o.history.iter().rev().find(|r| r.status == ObservationStatus::Submitted)
}

/// Groups every number waiting (or returned) into the submission that sent it, and adds the
/// spring file's outlier. Approved numbers were reviewed before the queue kept submissions.
pub fn demo_submissions(observations: &mut [ObservationExport]) -> Vec<Submission> {
    add_outlier(observations);
    let mut groups: BTreeMap<(Id, SentAs), Vec<usize>> = BTreeMap::new();
    for (k, o) in observations.iter().enumerate() {
        if matches!(o.status, ObservationStatus::Submitted | ObservationStatus::Returned) {
            groups.entry((o.organization_id, sent_as(o.organization_id, &o.indicator))).or_default().push(k);
        }
    }
    let mut submissions: Vec<Submission> = Vec::new();
    for ((organization_id, (source, file_name)), members) in groups {
        let last = members.iter().filter_map(|k| sent_at(&observations[*k])).max_by_key(|r| r.at).cloned();
        let last = last.expect("a number waiting was sent");
        let mut counts = SubmissionCounts::default();
        // Numbered by their first member for now, in the order they were made below.
        let id = members[0] as Id;
        for k in &members {
            match observations[*k].status {
                ObservationStatus::Returned => counts.returned += 1,
                _ => counts.submitted += 1,
            }
            observations[*k].submission_id = Some(id);
        }
        submissions.push(Submission {
            id,
            initiative_id: 0,
            organization_id,
            source,
            file_name,
            submitted_at: last.at,
            submitted_by: last.actor_name,
            counts,
        });
    }
    submissions.sort_by_key(|s| (s.submitted_at, s.id));
    // Ids in the order they were made.
    let renumber: BTreeMap<Id, Id> = submissions.iter().enumerate().map(|(n, s)| (s.id, n as Id + 1)).collect();
    for s in &mut submissions {
        s.id = renumber[&s.id];
    }
    for o in observations.iter_mut() {
        o.submission_id = o.submission_id.map(|s| renumber[&s]);
    }
    submissions
}

/// The spring file re-sends the latest third-grade reading of [`OUTLIER_PLACE`], approved
/// earlier, with a share more than thirty points higher: a correction waiting for review.
fn add_outlier(observations: &mut [ObservationExport]) {
    let latest = observations
        .iter()
        .filter(|o| o.indicator == "third-grade-reading" && o.organization_id == SCHOOLS)
        .map(|o| o.period.clone())
        .max();
    let spring = observations
        .iter()
        .filter(|o| o.organization_id == SCHOOLS && o.indicator == "postsecondary-enrollment")
        .filter(|o| o.status == ObservationStatus::Submitted)
        .filter_map(sent_at)
        .map(|r| r.at)
        .max();
    let (Some(latest), Some(spring)) = (latest, spring) else { return };
    let Some(o) = observations.iter_mut().find(|o| {
        o.indicator == "third-grade-reading"
            && o.organization_id == SCHOOLS
            && o.period == latest
            && o.geography == OUTLIER_PLACE
            && o.groups.is_empty()
            && o.status == ObservationStatus::Approved
    }) else {
        return;
    };
    let Some(last) = o.history.last().cloned() else { return };
    let Some(d) = o.denominator else { return };
    if spring <= last.at {
        return;
    }
    let n = (d * OUTLIER_SHARE).round();
    o.approved = Some(Approved { numerator: o.numerator, denominator: o.denominator });
    o.revision += 1;
    o.history.push(ObservationRevision {
        revision: o.revision,
        numerator: n,
        denominator: Some(d),
        status: ObservationStatus::Submitted,
        note: None,
        actor_name: last.actor_name,
        at: spring,
    });
    o.numerator = n;
    o.status = ObservationStatus::Submitted;
    o.updated_at = spring;
}

#[cfg(test)]
mod tests {
    use super::*;
    use backbone_core::review::Outlier;

    #[test]
    fn the_waiting_numbers_form_believable_submissions_with_one_outlier() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 14).unwrap();
        let doc = crate::demo_initiative(today);
        let subs = &doc.submissions;
        let named: Vec<(Id, SubmissionSource, Option<&str>)> =
            subs.iter().map(|s| (s.organization_id, s.source, s.file_name.as_deref())).collect();
        assert_eq!(
            named,
            vec![
                (SCHOOLS, SubmissionSource::Upload, Some("rps-fall-test-scores.csv")),
                (COLLEGE_ACCESS, SubmissionSource::Api, None),
                (HOME_VISITING, SubmissionSource::Drafts, None),
                (SCHOOLS, SubmissionSource::Upload, Some("rps-spring-file.csv")),
            ]
        );
        assert!(subs.windows(2).all(|w| w[0].submitted_at <= w[1].submitted_at && w[0].id < w[1].id));
        assert_eq!(subs[2].counts.returned, 1, "one of Bright Start's numbers was sent back");
        // Every number waiting belongs to one, and the counts say how many.
        for o in &doc.observations {
            let waiting = matches!(o.status, ObservationStatus::Submitted | ObservationStatus::Returned);
            assert_eq!(o.submission_id.is_some(), waiting, "{} {} {}", o.indicator, o.period, o.geography);
        }
        for s in subs {
            let n = doc.observations.iter().filter(|o| o.submission_id == Some(s.id)).count() as u64;
            assert_eq!(s.counts.total(), n);
        }
        // The spring file's outlier: flagged by the queue's rule; nothing else in it is.
        let spring = subs[3].id;
        let unit = |key: &str| doc.indicators.iter().find(|i| i.key == key).unwrap().unit;
        let flagged: Vec<(&str, &str)> = doc
            .observations
            .iter()
            .filter(|o| o.submission_id == Some(spring))
            .filter(|o| {
                let prev = o.approved.map(|a| (a.numerator, a.denominator));
                backbone_core::review::outlier(unit(&o.indicator), (o.numerator, o.denominator), prev).is_some()
            })
            .map(|o| (o.indicator.as_str(), o.geography.as_str()))
            .collect();
        assert_eq!(flagged, vec![("third-grade-reading", OUTLIER_PLACE)]);
        let o =
            doc.observations.iter().find(|o| o.submission_id == Some(spring) && o.indicator == "third-grade-reading");
        let o = o.unwrap();
        let prev = o.approved.map(|a| (a.numerator, a.denominator));
        assert_eq!(
            backbone_core::review::outlier(unit(&o.indicator), (o.numerator, o.denominator), prev),
            Some(Outlier::RateMoved)
        );
    }
}
