//! The API of the review queue: submissions, their numbers a page at a time, and a decision on
//! a whole submission.

use crate::http::prelude::*;
use backbone_core::measure::observation::ObservationStatus;
use backbone_core::progress::Silent;
use backbone_core::review::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_submissions))
        .routes(routes!(get_submission))
        .routes(routes!(submission_numbers))
        .routes(routes!(decide_submission))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SubmissionParams {
    /// Only this organisation's submissions.
    organization_id: Option<Id>,
    /// Only submissions with numbers still waiting for review.
    #[serde(default)]
    waiting_only: bool,
    /// The `next` of the previous page.
    after: Option<String>,
    /// How many at most (1–200; 50 unless said).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A page of submissions, newest first.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SubmissionList {
    pub submissions: Vec<Submission>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

fn cursor<T>(after: Option<&str>, decode: impl Fn(&str) -> Option<T>) -> AppResult<Option<T>> {
    after
        .map(|a| {
            decode(a)
                .ok_or_else(|| AppError::Invalid(backbone_core::Invalid::one("after", "is not a page of this list")))
        })
        .transpose()
}

/// The submissions of numbers for review, newest first, each with how many of its numbers wait,
/// were approved or were returned (backbone staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/review/submissions", tag = "review", params(("slug" = String, Path), SubmissionParams),
    responses((status = 200, body = SubmissionList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_submissions(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<SubmissionParams>,
) -> AppResult<Json<SubmissionList>> {
    require(&access, access.can_review_submissions())?;
    let after = cursor(q.after.as_deref(), SubmissionCursor::decode)?;
    let filter = SubmissionFilter { organization_id: q.organization_id, waiting_only: q.waiting_only };
    let page = s.store.submissions(i.id, &filter, after, limit(q.limit)?).await?;
    Ok(Json(SubmissionList { submissions: page.submissions, next: page.next.map(|c| c.encode()) }))
}

/// One submission (backbone staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/review/submissions/{id}", tag = "review", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Submission), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_submission(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Submission>> {
    require(&access, access.can_review_submissions())?;
    Ok(Json(s.store.submission(i.id, id).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NumberParams {
    /// submitted (the default), approved or returned.
    #[param(inline)]
    status: Option<ObservationStatus>,
    /// Only this indicator (its key).
    indicator: Option<String>,
    /// Only this place (its code).
    place: Option<String>,
    /// The `next` of the previous page.
    after: Option<String>,
    /// How many at most (1–200; 50 unless said).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A number in the queue, beside the value last approved.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct QueueNumber {
    #[serde(flatten)]
    pub number: ReviewNumber,
    /// The number's value (a percent or rate from numerator and denominator).
    pub value: Option<f64>,
    /// The value last approved (what is published now); absent for a new number.
    pub previous_value: Option<f64>,
    /// value − previous_value, in the value's unit (percentage points for a percent).
    pub change: Option<f64>,
    /// Why the change is unusual, when it is (see the README's "Reviewing numbers").
    pub outlier: Option<Outlier>,
}

impl From<ReviewNumber> for QueueNumber {
    fn from(n: ReviewNumber) -> Self {
        QueueNumber {
            value: n.value(),
            previous_value: n.previous_value(),
            change: n.change(),
            outlier: n.outlier(),
            number: n,
        }
    }
}

/// A page of a submission's numbers.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct NumberList {
    pub numbers: Vec<QueueNumber>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// A submission's numbers a page at a time, in the queue's order (indicator, place, arrival),
/// each beside its previous approved value with the change and an outlier flag (backbone staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/review/submissions/{id}/numbers", tag = "review", params(("slug" = String, Path), ("id" = i64, Path), NumberParams),
    responses((status = 200, body = NumberList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn submission_numbers(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiQuery(q): ApiQuery<NumberParams>,
) -> AppResult<Json<NumberList>> {
    require(&access, access.can_review_submissions())?;
    let after = cursor(q.after.as_deref(), NumberCursor::decode)?;
    let indicator_id = match q.indicator.as_deref() {
        Some(key) => Some(s.store.indicator(i.id, key).await?.id),
        None => None,
    };
    let filter =
        NumberFilter { status: q.status.unwrap_or(ObservationStatus::Submitted), indicator_id, place: q.place };
    let page = s.store.submission_numbers(i.id, id, &filter, after.as_ref(), limit(q.limit)?).await?;
    Ok(Json(NumberList {
        numbers: page.numbers.into_iter().map(QueueNumber::from).collect(),
        next: page.next.map(|c| c.encode()),
    }))
}

/// What a decision changed.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct DecisionResult {
    /// Numbers approved or returned.
    pub changed: u64,
    pub submission: Submission,
}

/// Approve every waiting number of a submission, or return them all with a reason, in one
/// action; approving publishes them (backbone staff).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/review/submissions/{id}/decision", tag = "review", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = SubmissionDecision,
    responses((status = 200, body = DecisionResult), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn decide_submission(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(decision): ApiJson<SubmissionDecision>,
) -> AppResult<Json<DecisionResult>> {
    require(&access, access.can_review_submissions())?;
    let changed = s.store.decide_submission(&viewer.actor(), i.id, id, &decision, &Silent).await?;
    Ok(Json(DecisionResult { changed, submission: s.store.submission(i.id, id).await? }))
}

/// The page size asked for: 1–200 (`MAX_PAGE`), 50 unless said; anything else is refused.
fn limit(asked: Option<u32>) -> AppResult<u32> {
    match asked {
        Some(n) if !(1..=MAX_PAGE).contains(&n) => {
            let mut inv = backbone_core::Invalid::new();
            inv.add("limit", format!("must be between 1 and {MAX_PAGE}"));
            Err(AppError::Invalid(inv))
        }
        _ => Ok(page_size(asked)),
    }
}
