use crate::audit::Actor;
use crate::error::StoreResult;
use crate::measure::indicator::*;
use crate::measure::observation::*;
use crate::measure::place::*;
use crate::measure::view::Withheld;
use crate::progress::Progress;
use crate::Id;

/// Shared measurement: indicators, places, dimensions, observations and their review, and the
/// pre-aggregated published cells that dashboards read.
#[async_trait::async_trait]
pub trait MeasureStore: Send + Sync {
    async fn indicators(&self, initiative_id: Id) -> StoreResult<Vec<Indicator>>;
    async fn indicator(&self, initiative_id: Id, key: &str) -> StoreResult<Indicator>;
    async fn create_indicator(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &IndicatorInput,
    ) -> StoreResult<Indicator>;
    async fn update_indicator(
        &self,
        actor: &Actor,
        initiative_id: Id,
        key: &str,
        input: &IndicatorInput,
    ) -> StoreResult<Indicator>;
    /// Submits numbers for one organisation, all in one transaction. Rows must already have
    /// passed `Catalog::check`; a row naming an unknown indicator aborts the whole submission.
    async fn submit_observations(
        &self,
        actor: &Actor,
        initiative_id: Id,
        organization_id: Id,
        batches: Vec<Vec<ObservationInput>>,
    ) -> StoreResult<SubmitSummary> {
        let mut batches = InMemory::new(batches);
        Ok(self.submit_batches(actor, initiative_id, organization_id, false, &mut batches).await?.unwrap_or_default())
    }
    /// As `submit_observations`, with the rows read batch by batch as they arrive, so that a
    /// file is checked and written in one pass and never sits in memory whole. After the last
    /// batch the store asks `batches.keep()`: when it answers false (the file turned out to have
    /// problems), nothing is kept and the answer is `None`. With `draft`, new and changed numbers
    /// are saved as drafts, which nobody reviews until `send_drafts`.
    async fn submit_batches(
        &self,
        actor: &Actor,
        initiative_id: Id,
        organization_id: Id,
        draft: bool,
        batches: &mut dyn Batches,
    ) -> StoreResult<Option<SubmitSummary>>;
    /// Sends an organisation's drafts for review; answers how many.
    async fn send_drafts(&self, actor: &Actor, initiative_id: Id, organization_id: Id) -> StoreResult<u64>;
    /// How many numbers each organisation has saved as drafts (organisations with none are left out).
    async fn draft_counts(&self, initiative_id: Id) -> StoreResult<Vec<(Id, u64)>>;
    async fn observations(&self, initiative_id: Id, query: &ObservationQuery) -> StoreResult<Vec<Observation>>;
    async fn observation(&self, initiative_id: Id, observation_id: Id) -> StoreResult<Observation>;
    async fn observation_history(&self, initiative_id: Id, observation_id: Id)
        -> StoreResult<Vec<ObservationRevision>>;
    /// Approves or returns submitted observations; returns how many changed. An approval
    /// recomputes what is published where the approved numbers changed, reporting its stages
    /// (`Approving`, `Publishing`, then `Done`) to `progress`.
    async fn review_observations(
        &self,
        actor: &Actor,
        initiative_id: Id,
        ids: &[Id],
        review: &Review,
        progress: &dyn Progress,
    ) -> StoreResult<u64>;
    /// Approves everything an organisation has submitted and not yet had reviewed, in one go
    /// (for a large upload the staff have checked as a whole); returns how many. Reports its
    /// stages (`Approving` indicator by indicator, `Publishing` indicator period by indicator
    /// period, then `Done`) to `progress`.
    async fn approve_all_submitted(
        &self,
        actor: &Actor,
        initiative_id: Id,
        organization_id: Id,
        progress: &dyn Progress,
    ) -> StoreResult<u64>;
    /// Published numbers of one indicator (each number as last approved), summed over
    /// organisations.
    async fn approved_cells(&self, initiative_id: Id, indicator_id: Id) -> StoreResult<Vec<CellSum>>;
    /// The pre-aggregated published cells of one indicator: the first place's totals and, with
    /// `dimension`, that dimension's groups; the other places' totals — each with whether it is
    /// suppressed. Kept up to
    /// date by every write that changes approved numbers, places or dimensions.
    async fn published_cells(
        &self,
        initiative_id: Id,
        indicator_id: Id,
        places: &[String],
        dimension: Option<&str>,
    ) -> StoreResult<Vec<(CellSum, Option<Withheld>)>>;
}

/// The places numbers are reported for and the breakdowns (dimensions) they are reported by.
/// Each list is replaced whole and checked whole (`place::check_places`, `check_dimensions`).
#[async_trait::async_trait]
pub trait PlaceStore: Send + Sync {
    async fn geographies(&self, initiative_id: Id) -> StoreResult<Vec<Geography>>;
    /// One place (the community — the place without a parent — when `code` is None) followed by
    /// the places directly inside it; empty when there is no such place.
    async fn place_with_children(&self, initiative_id: Id, code: Option<&str>) -> StoreResult<Vec<Geography>>;
    /// Replaces the list of places; every parent must be in the list.
    async fn set_geographies(&self, actor: &Actor, initiative_id: Id, places: &[Geography]) -> StoreResult<()>;
    async fn dimensions(&self, initiative_id: Id) -> StoreResult<Vec<Dimension>>;
    async fn set_dimensions(&self, actor: &Actor, initiative_id: Id, dimensions: &[Dimension]) -> StoreResult<()>;
}
