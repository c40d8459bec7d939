//! Shared measurement's published cells: approved numbers summed over organisations, rolled up
//! to parent places and suppressed jointly by `core::measure::view` (the one engine,
//! `core::privacy`), kept in `published_cells` so that dashboards read a few indexed rows.
//!
//! **What is linked, and so what an approval recomputes.** Complementary suppression ties every
//! cell of one indicator and period together: each place's groups to its total, and each
//! parent place's children to it for every groups key, so a change anywhere in the tree can
//! move a decision anywhere else in it. Cells of different periods or indicators share no
//! margin. The (indicator, period) pair is therefore the smallest unit that, decided again,
//! is provably what a full recompute decides: an approval decides again every pair whose
//! approved numbers changed, whole, and no other pair.
//!
//! Within a pair, only the *sums* can be reused. A cell's sum depends only on the approved
//! numbers of its own (place, groups), and approved numbers change nowhere but in an approval,
//! which always publishes again what it changed. So when the changed cells are known, a cell of
//! a place with no places inside it that no change touched keeps its kept sum (such a place is
//! never rolled up, so its kept cell is its own sum); the changed cells and the parents' own
//! sums are read again, the parents rolled up again, and the whole pair suppressed again.
//! Then only the cells whose sum or decision changed are written, and cells that are no longer
//! published are deleted. A conformance test compares this against a full recompute.
//!
//! **Speed.** Each indicator's sums are read in one query for all its periods, its kept cells of
//! those periods in one range of an index ordered by period; the pairs are suppressed on the blocking pool, in parallel with one another
//! and with the database work for the next indicator.

use super::*;
use backbone_core::measure::view::{roll_up_places, withheld_cells};
use backbone_core::progress::{Progress, Stage};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Hash tables over a pair's cells: hundreds of thousands of keys in a large approval, hashed
/// fast (the keys are the initiative's own places and groups).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// A cell whose approved numbers changed: (indicator, period, place, groups key).
pub(crate) type ChangedCell = (Id, String, String, String);

/// A kept published cell as each backend reads it: period, place, groups, numerator,
/// denominator, what is withheld.
pub(crate) type KeptRow = (String, String, String, f64, Option<f64>, Option<String>);

/// (place, groups key) within one pair.
type Key = (String, String);

/// A kept or newly decided cell: numerator, denominator, what is withheld.
type Kept = (f64, Option<f64>, Option<Withheld>);

/// What to decide again for one indicator.
enum Work {
    /// Every period with approved numbers, their sums read whole.
    All,
    /// These periods; for each, the changed cells when known (`None`: read the sums whole).
    Periods(BTreeMap<String, Option<HashSet<Key>>>),
}

/// A pair's share of work for the blocking pool, with what it needs.
type Pending = tokio::task::JoinHandle<Vec<(CellSum, Option<Withheld>)>>;

/// One indicator's pairs being decided: their tasks, and the cells kept before.
struct Decided {
    indicator_id: Id,
    tasks: Vec<(String, Pending)>,
    kept: BTreeMap<String, HashMap<Key, Kept>>,
}

/// Above this many changed cells in a pair (relative to its kept cells) its sums are read whole:
/// one scan is then cheaper than reusing.
const REUSE_AT_MOST: usize = 4;

impl This {
    /// Decides again the published cells of the given (indicator, period) pairs, their sums read
    /// whole (see the module documentation). For other store files that changed approved
    /// numbers (a whole submission approved) and know the pairs they touched.
    #[allow(dead_code)] // the review queue's entry point (approving a whole submission)
    pub(crate) async fn refresh_published(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        pairs: &BTreeSet<(Id, String)>,
    ) -> StoreResult<()> {
        let mut plan: BTreeMap<Id, Work> = BTreeMap::new();
        for (indicator_id, period) in pairs {
            if let Work::Periods(p) = plan.entry(*indicator_id).or_insert_with(|| Work::Periods(BTreeMap::new())) {
                p.insert(period.clone(), None);
            }
        }
        Self::publish(tx, initiative_id, plan, &backbone_core::progress::Silent).await
    }

    /// Decides again the published cells of the pairs of `changed` — the cells whose approved
    /// numbers an approval just changed — reusing the kept sums of the pairs' other cells.
    pub(crate) async fn refresh_changed(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        changed: &BTreeSet<ChangedCell>,
        progress: &dyn Progress,
    ) -> StoreResult<()> {
        let mut plan: BTreeMap<Id, Work> = BTreeMap::new();
        for (indicator_id, period, place, groups) in changed {
            if let Work::Periods(p) = plan.entry(*indicator_id).or_insert_with(|| Work::Periods(BTreeMap::new())) {
                if let Some(keys) = p.entry(period.clone()).or_insert_with(|| Some(HashSet::default())) {
                    keys.insert((place.clone(), groups.clone()));
                }
            }
        }
        Self::publish(tx, initiative_id, plan, progress).await
    }

    /// Decides again every published cell of the initiative, or of the given indicators (after
    /// their places, breakdowns, disclosure rule or whole data changed, or after approving
    /// most of their numbers).
    pub(crate) async fn refresh_all_published(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        indicators: Option<&[Id]>,
        progress: &dyn Progress,
    ) -> StoreResult<()> {
        let ids: Vec<Id> = sqlx::query_scalar(
            "SELECT id
             FROM indicators
             WHERE initiative_id = $1
             ORDER BY id",
        )
        .bind(initiative_id)
        .fetch_all(&mut **tx)
        .await
        .map_err(db_err)?;
        let plan = ids
            .into_iter()
            .filter(|id| indicators.is_none_or(|only| only.contains(id)))
            .map(|id| (id, Work::All))
            .collect();
        Self::publish(tx, initiative_id, plan, progress).await
    }

    /// Every indicator of the plan in turn: its kept cells and sums read, its pairs handed to the
    /// blocking pool, and the previous indicator's decisions written meanwhile.
    async fn publish(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        plan: BTreeMap<Id, Work>,
        progress: &dyn Progress,
    ) -> StoreResult<()> {
        if plan.is_empty() {
            return Ok(());
        }
        let started = std::time::Instant::now();
        let places: Arc<Vec<Geography>> = Arc::new(
            sqlx::query_as::<_, GeographyRow>(
                "SELECT code, name, level, parent
                 FROM geographies
                 WHERE initiative_id = $1",
            )
            .bind(initiative_id)
            .fetch_all(&mut **tx)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(GeographyRow::into_domain)
            .collect::<StoreResult<Vec<_>>>()?,
        );
        let dimensions: Arc<Vec<Dimension>> = Arc::new(
            sqlx::query_as::<_, DimensionRow>("SELECT key, name, vals FROM dimensions WHERE initiative_id = $1")
                .bind(initiative_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(DimensionRow::into_domain)
                .collect::<StoreResult<Vec<_>>>()?,
        );
        // Places with places inside them: their cells may be rolled up, so their own sums are
        // always read again.
        let known: HashSet<&str> = places.iter().map(|g| g.code.as_str()).collect();
        let parents: Vec<String> = places
            .iter()
            .filter_map(|g| g.parent.as_deref().filter(|p| known.contains(p)))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(str::to_string)
            .collect();
        let parent_set: HashSet<&str> = parents.iter().map(String::as_str).collect();
        let total: u64 = plan
            .values()
            .map(|w| match w {
                Work::All => 0,
                Work::Periods(p) => p.len() as u64,
            })
            .sum();
        let all_known = plan.values().all(|w| matches!(w, Work::Periods(_)));
        let mut done = 0u64;
        progress.report(Stage::Publishing, 0, all_known.then_some(total));
        let mut previous: Option<Decided> = None;
        // Where the time goes (debug log): reading kept cells, reading sums, waiting for and writing
        // decisions, and of that the waiting for suppression.
        let mut phases = [std::time::Duration::ZERO; 4];
        for (indicator_id, work) in plan {
            let t = std::time::Instant::now();
            let indicator = sqlx::query_as::<_, IndicatorRow>(&format!(
                "SELECT {INDICATOR_COLS} FROM indicators WHERE id = $1 AND initiative_id = $2"
            ))
            .bind(indicator_id)
            .bind(initiative_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_err)
            .map_err(not_found("indicator"))?
            .into_domain()?;
            // The cells kept now, of the periods decided again.
            let mut kept: BTreeMap<String, HashMap<Key, Kept>> = BTreeMap::new();
            {
                // Only the periods decided again, through published_cells_by_period.
                let periods: Option<Vec<String>> = match &work {
                    Work::All => None,
                    Work::Periods(p) => Some(p.keys().cloned().collect()),
                };
                for (period, geography, groups, numerator, denominator, withheld) in
                    Self::kept_cells(tx, indicator_id, periods.as_deref()).await?
                {
                    let withheld = withheld.map(|w| vocab(Withheld::parse, &w, "withheld")).transpose()?;
                    kept.entry(period).or_default().insert((geography, groups), (numerator, denominator, withheld));
                }
            }
            phases[0] += t.elapsed();
            let t = std::time::Instant::now();
            // The sums: read whole where needed, in one query for all such periods.
            let (whole, reuse): (Vec<String>, Vec<(String, HashSet<Key>)>) = match work {
                Work::All => (Vec::new(), Vec::new()),
                Work::Periods(p) => {
                    let mut whole = Vec::new();
                    let mut reuse = Vec::new();
                    for (period, changed) in p {
                        let n = kept.get(&period).map_or(0, HashMap::len);
                        match changed {
                            Some(c) if n > 0 && c.len() * REUSE_AT_MOST <= n && c.len() + parents.len() < 5000 => {
                                reuse.push((period, c))
                            }
                            _ => whole.push(period),
                        }
                    }
                    (whole, reuse)
                }
            };
            let all_periods = whole.is_empty() && reuse.is_empty();
            let mut sums: BTreeMap<String, Vec<CellSum>> = BTreeMap::new();
            if all_periods || !whole.is_empty() {
                // Published numbers are approved numbers: a correction waiting for review counts
                // with the values last approved.
                let periods = (!all_periods).then_some(&whole[..]);
                for c in Self::cell_sums(tx, indicator_id, periods, None).await? {
                    sums.entry(c.period.clone()).or_default().push(c);
                }
                // A period decided again with nothing left to publish loses its kept cells.
                for p in whole.iter().chain(if all_periods { kept.keys().collect::<Vec<_>>() } else { Vec::new() }) {
                    sums.entry(p.clone()).or_default();
                }
            }
            for (period, changed) in reuse {
                // The changed cells and the parents' own sums, read again; every other cell of a
                // place without places inside it keeps its kept sum.
                let changed_places: BTreeSet<&str> = changed.iter().map(|(g, _)| g.as_str()).collect();
                let places: Vec<&str> = parents.iter().map(String::as_str).chain(changed_places).collect();
                let mut cells: Vec<CellSum> = Vec::new();
                for c in Self::cell_sums(tx, indicator_id, Some(std::slice::from_ref(&period)), Some(&places)).await? {
                    if parent_set.contains(c.geography.as_str())
                        || changed.contains(&(c.geography.clone(), c.groups.clone()))
                    {
                        cells.push(c);
                    }
                }
                for ((geography, groups), (numerator, denominator, _)) in kept.get(&period).into_iter().flatten() {
                    if !parent_set.contains(geography.as_str())
                        && !changed.contains(&(geography.clone(), groups.clone()))
                    {
                        cells.push(CellSum {
                            period: period.clone(),
                            geography: geography.clone(),
                            groups: groups.clone(),
                            numerator: *numerator,
                            denominator: *denominator,
                        });
                    }
                }
                sums.insert(period, cells);
            }
            phases[1] += t.elapsed();
            // Suppression is arithmetic that can take a while on a large table: on the blocking
            // pool, one task per pair, while the database writes the previous indicator.
            let indicator = Arc::new(indicator);
            let tasks = sums
                .into_iter()
                .map(|(period, mut cells)| {
                    let (indicator, places, dimensions) = (indicator.clone(), places.clone(), dimensions.clone());
                    let task = tokio::task::spawn_blocking(move || {
                        roll_up_places(&mut cells, &places);
                        let withheld = withheld_cells(&indicator, &cells, &places, &dimensions);
                        cells
                            .into_iter()
                            .map(|c| {
                                let w =
                                    withheld.get(&(c.period.clone(), c.geography.clone(), c.groups.clone())).copied();
                                (c, w)
                            })
                            .collect()
                    });
                    (period, task)
                })
                .collect();
            if let Some(d) = previous.take() {
                let t = std::time::Instant::now();
                let (pairs, waited) = Self::write_decided(tx, d).await?;
                done += pairs;
                phases[2] += t.elapsed();
                phases[3] += waited;
                progress.report(Stage::Publishing, done, all_known.then_some(total));
            }
            previous = Some(Decided { indicator_id, tasks, kept });
        }
        if let Some(d) = previous.take() {
            let t = std::time::Instant::now();
            let (pairs, waited) = Self::write_decided(tx, d).await?;
            done += pairs;
            phases[2] += t.elapsed();
            phases[3] += waited;
        }
        progress.report(Stage::Publishing, done, Some(done));
        tracing::debug!(
            pairs = done,
            ms = started.elapsed().as_millis() as u64,
            kept_ms = phases[0].as_millis() as u64,
            sums_ms = phases[1].as_millis() as u64,
            decide_and_write_ms = phases[2].as_millis() as u64,
            of_which_waiting_for_suppression_ms = phases[3].as_millis() as u64,
            "published cells decided"
        );
        Ok(())
    }

    /// Writes one indicator's decided pairs where they differ from what is kept, in the order of
    /// the table's key; deletes the kept cells no longer published. Answers how many pairs, and
    /// how long it waited for their suppression.
    async fn write_decided(tx: &mut sqlx::Transaction<'_, Db>, d: Decided) -> StoreResult<(u64, std::time::Duration)> {
        let Decided { indicator_id, tasks, mut kept } = d;
        let pairs = tasks.len() as u64;
        let mut upserts: Vec<(CellSum, Option<Withheld>)> = Vec::new();
        let mut gone: Vec<(String, Key)> = Vec::new();
        let mut waited = std::time::Duration::ZERO;
        for (period, task) in tasks {
            let t = std::time::Instant::now();
            let cells = task.await.map_err(|e| StoreError::Backend(format!("deciding what to publish: {e}")))?;
            waited += t.elapsed();
            let mut before = kept.remove(&period).unwrap_or_default();
            for (c, w) in cells {
                let same = before
                    .remove(&(c.geography.clone(), c.groups.clone()))
                    .is_some_and(|(n, d, kw)| n == c.numerator && d == c.denominator && kw == w);
                if !same {
                    upserts.push((c, w));
                }
            }
            gone.extend(before.into_keys().map(|k| (period.clone(), k)));
        }
        upserts.sort_unstable_by(|(a, _), (b, _)| {
            (&a.geography, &a.groups, &a.period).cmp(&(&b.geography, &b.groups, &b.period))
        });
        Self::write_cells(tx, indicator_id, &upserts).await?;
        for (period, (geography, groups)) in gone {
            sqlx::query(
                "DELETE FROM published_cells
                 WHERE indicator_id = $1 AND geography = $2 AND groups = $3 AND period = $4",
            )
            .bind(indicator_id)
            .bind(geography)
            .bind(groups)
            .bind(period)
            .execute(&mut **tx)
            .await
            .map_err(db_err)?;
        }
        Ok((pairs, waited))
    }
}
