//! Importing a file of numbers in one pass: the rows are read and checked on the blocking pool
//! while the store writes the valid ones inside one transaction, committed only if the file was
//! clean (or only its valid rows were asked for). Memory stays flat whatever the file's size.

use backbone_core::audit::Actor;
use backbone_core::measure::csv::{CsvReport, CsvRows};
use backbone_core::measure::indicator::Indicator;
use backbone_core::measure::observation::{Batches, Catalog, ObservationInput, SubmitSummary};
use backbone_core::measure::place::{Dimension, Geography};
use backbone_core::progress::Stage;
use backbone_core::review::SubmissionSource;
use backbone_core::store::prelude::*;
use backbone_core::{Id, StoreError, StoreResult};
use serde::Serialize;
use std::io::Read;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// What importing a file did: the report of every row, and the summary when it was imported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ImportOutcome {
    pub report: CsvReport,
    /// Present when the numbers were imported: the file was clean, or only its valid rows were
    /// asked for.
    pub summary: Option<SubmitSummary>,
}

/// Rows handed to the store at a time.
const IMPORT_BATCH: usize = 5000;

/// What the rows of a file are checked against.
pub struct CatalogData {
    pub indicators: Vec<Indicator>,
    pub geographies: Vec<Geography>,
    pub dimensions: Vec<Dimension>,
}

impl CatalogData {
    pub async fn load(store: &dyn Store, initiative_id: Id) -> StoreResult<CatalogData> {
        Ok(CatalogData {
            indicators: store.indicators(initiative_id).await?,
            geographies: store.geographies(initiative_id).await?,
            dimensions: store.dimensions(initiative_id).await?,
        })
    }
}

/// How far an import has come, readable from another task while it runs (the CLI's line, the
/// Data page's streamed answer). Rows are checked while earlier ones are written, so both counts
/// move together; the bytes read against the file's size give the share done.
#[derive(Debug)]
pub struct ImportProgress {
    stage: AtomicU8,
    bytes: AtomicU64,
    /// `u64::MAX` when unknown.
    size: AtomicU64,
    checked: AtomicU64,
    written: AtomicU64,
}

impl Default for ImportProgress {
    fn default() -> Self {
        ImportProgress::new(None)
    }
}

/// A copy of an [`ImportProgress`] at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSnapshot {
    /// `Checking` while the file is read (rows are written meanwhile), `Writing` once it is read
    /// and the store finishes, `Done` at the end.
    pub stage: Stage,
    pub bytes: u64,
    pub size: Option<u64>,
    pub checked: u64,
    pub written: u64,
}

impl ImportSnapshot {
    /// The share of the file read, 0–100, when its size is known.
    pub fn percent(&self) -> Option<u8> {
        let size = self.size?;
        if size == 0 || self.stage == Stage::Done {
            return Some(100);
        }
        Some(((self.bytes.min(size) as f64 / size as f64) * 100.0).floor() as u8)
    }
}

impl ImportProgress {
    /// For a file of `size` bytes, when known.
    pub fn new(size: Option<u64>) -> ImportProgress {
        ImportProgress {
            stage: AtomicU8::new(0),
            bytes: AtomicU64::new(0),
            size: AtomicU64::new(size.unwrap_or(u64::MAX)),
            checked: AtomicU64::new(0),
            written: AtomicU64::new(0),
        }
    }

    pub fn snapshot(&self) -> ImportSnapshot {
        let size = self.size.load(Ordering::Relaxed);
        ImportSnapshot {
            stage: match self.stage.load(Ordering::Relaxed) {
                0 => Stage::Checking,
                1 => Stage::Writing,
                _ => Stage::Done,
            },
            bytes: self.bytes.load(Ordering::Relaxed),
            size: (size != u64::MAX).then_some(size),
            checked: self.checked.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
        }
    }

    fn set_stage(&self, stage: Stage) {
        let v = match stage {
            Stage::Checking => 0,
            Stage::Done => 2,
            _ => 1,
        };
        self.stage.store(v, Ordering::Relaxed);
    }
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    progress: Arc<ImportProgress>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Checks and imports a file (see the module's description), telling `progress` how far it is.
#[allow(clippy::too_many_arguments)]
pub async fn import(
    store: &dyn Store,
    actor: &Actor,
    initiative_id: Id,
    organization_id: Id,
    input: impl Read + Send + 'static,
    catalog: CatalogData,
    valid_only: bool,
    draft: bool,
    source: (SubmissionSource, Option<String>),
    progress: Arc<ImportProgress>,
) -> StoreResult<ImportOutcome> {
    let (tx, rx) = mpsc::channel::<Vec<ObservationInput>>(4);
    let years = store.years();
    progress.set_stage(Stage::Checking);
    let input = Counted { inner: input, progress: progress.clone() };
    let counter = progress.clone();
    let reader = tokio::task::spawn_blocking(move || {
        let catalog = Catalog::new(&catalog.indicators, &catalog.geographies, &catalog.dimensions)
            .submitted_by(organization_id)
            .within(years);
        let mut rows = CsvRows::new(input, &catalog);
        let mut report = CsvReport::default();
        let mut batch = Vec::with_capacity(IMPORT_BATCH);
        let mut sending = true;
        for item in rows.by_ref() {
            counter.checked.fetch_add(1, Ordering::Relaxed);
            match report.record(item) {
                Some(o) if sending => {
                    batch.push(o);
                    if batch.len() == IMPORT_BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(IMPORT_BATCH));
                        sending = tx.blocking_send(full).is_ok();
                    }
                }
                Some(_) => {}
                // Without "valid rows only" nothing will be kept: stop writing, keep checking.
                None if !valid_only || report.header_failed() => {
                    sending = false;
                    batch.clear();
                }
                None => {}
            }
        }
        // Totals exceeded by their groups are known only now; `keep` then refuses the file.
        report.finish(&mut rows);
        if sending && !batch.is_empty() && report.importable(valid_only) {
            let _ = tx.blocking_send(batch);
        }
        report
    });
    let mut file = FileBatches {
        rx,
        reader: Some(reader),
        report: None,
        valid_only,
        source,
        progress: progress.clone(),
        handed: 0,
    };
    let summary = store.submit_batches(actor, initiative_id, organization_id, draft, &mut file).await;
    // Whatever happened, the reader has finished (or finishes now) and its report is complete.
    let report = file.report().await;
    progress.set_stage(Stage::Done);
    Ok(ImportOutcome { summary: summary?, report: report? })
}

/// The batches of a file being read on the blocking pool.
struct FileBatches {
    rx: mpsc::Receiver<Vec<ObservationInput>>,
    reader: Option<JoinHandle<CsvReport>>,
    report: Option<CsvReport>,
    valid_only: bool,
    /// Review queue [hc]: how the numbers came in, for their submission.
    source: (SubmissionSource, Option<String>),
    progress: Arc<ImportProgress>,
    /// Rows of the batch last handed to the store (written once it asks for the next).
    handed: u64,
}

impl FileBatches {
    /// The reader's report, once it has read the whole file.
    async fn report(&mut self) -> StoreResult<CsvReport> {
        if let Some(reader) = self.reader.take() {
            // A reader waiting to hand over a batch nobody will take stops sending and reads on.
            self.rx.close();
            let report = reader.await.map_err(|e| StoreError::Backend(format!("reading the file: {e}")))?;
            self.report = Some(report);
        }
        Ok(self.report.clone().unwrap_or_default())
    }
}

#[async_trait::async_trait]
impl Batches for FileBatches {
    async fn next_batch(&mut self) -> Option<Vec<ObservationInput>> {
        self.progress.written.fetch_add(std::mem::take(&mut self.handed), Ordering::Relaxed);
        let batch = self.rx.recv().await;
        match &batch {
            Some(b) => self.handed = b.len() as u64,
            // Read to its end: what is left is the store's to finish.
            None => self.progress.set_stage(Stage::Writing),
        }
        batch
    }

    async fn keep(&mut self) -> bool {
        match self.report().await {
            Ok(r) => r.importable(self.valid_only),
            Err(_) => false,
        }
    }

    fn source(&self) -> (SubmissionSource, Option<String>) {
        self.source.clone()
    }
}

/// Largest CSV accepted in one upload (through the web or the API); it is read as a stream,
/// never whole.
pub const MAX_UPLOAD_BYTES: usize = 256 * 1024 * 1024;

/// Checks a file against the initiative's indicators, places and dimensions and, when allowed,
/// imports it, in one pass and one transaction. `summary` is `None` when nothing was imported.
#[allow(clippy::too_many_arguments)]
pub async fn import_csv(
    s: &crate::AppState,
    actor: &Actor,
    initiative_id: Id,
    organization_id: Id,
    input: impl Read + Send + 'static,
    valid_only: bool,
    draft: bool,
    progress: Arc<ImportProgress>,
) -> StoreResult<ImportOutcome> {
    let source = (SubmissionSource::Api, None);
    import_csv_as(s, actor, initiative_id, organization_id, input, valid_only, draft, source, progress).await
}

/// [`import_csv`], saying how the numbers came in (a file uploaded on the Data page, by name):
/// the review queue shows it.
#[allow(clippy::too_many_arguments)]
pub async fn import_csv_as(
    s: &crate::AppState,
    actor: &Actor,
    initiative_id: Id,
    organization_id: Id,
    input: impl Read + Send + 'static,
    valid_only: bool,
    draft: bool,
    source: (SubmissionSource, Option<String>),
    progress: Arc<ImportProgress>,
) -> StoreResult<ImportOutcome> {
    let catalog = CatalogData::load(s.store.as_ref(), initiative_id).await?;
    import(s.store.as_ref(), actor, initiative_id, organization_id, input, catalog, valid_only, draft, source, progress)
        .await
}
