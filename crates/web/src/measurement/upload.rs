//! A file uploaded on the Data page stays on the server between its preview and its import
//! (`core::measure::upload`): it is streamed from the form into the store in chunks, and
//! streamed back from the store to the CSV reader each time it is checked or imported, so a
//! file of any size allowed keeps memory as flat as the command line does.

use crate::http::error::AppError;
use crate::http::stream::{self, ChunkReader};
use crate::measurement::import::{CatalogData, MAX_UPLOAD_BYTES};
use axum::body::Bytes;
use axum::extract::multipart::Field;
use backbone_core::measure::csv::{CsvReport, CsvRows};
use backbone_core::measure::observation::Catalog;
use backbone_core::measure::upload::{Upload, CHUNK_BYTES};
use backbone_core::store::prelude::*;
use backbone_core::{Id, StoreResult};
use std::sync::Arc;

/// Stores the file of a form's field, chunk by chunk, as the browser sends it.
pub async fn keep(store: &dyn Store, initiative_id: Id, user_id: Id, mut field: Field<'_>) -> Result<Upload, AppError> {
    let token = crate::http::viewer::new_secret();
    let name = field.file_name().unwrap_or("").to_string();
    let upload = store.begin_upload(initiative_id, user_id, &token, &name).await?;
    let mut pending = Vec::with_capacity(CHUNK_BYTES);
    let (mut seq, mut bytes) = (0i64, 0usize);
    let result: Result<(), AppError> = async {
        while let Some(piece) =
            field.chunk().await.map_err(|e| AppError::BadRequest(format!("the upload broke off: {e}")))?
        {
            bytes += piece.len();
            if bytes > MAX_UPLOAD_BYTES {
                return Err(AppError::TooLarge(MAX_UPLOAD_BYTES));
            }
            pending.extend_from_slice(&piece);
            while pending.len() >= CHUNK_BYTES {
                let rest = pending.split_off(CHUNK_BYTES);
                store.append_upload_chunk(upload.id, seq, &pending).await?;
                seq += 1;
                pending = rest;
            }
        }
        if !pending.is_empty() {
            store.append_upload_chunk(upload.id, seq, &pending).await?;
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Ok(Upload { bytes: bytes as i64, chunks: seq + i64::from(!pending.is_empty()), ..upload }),
        Err(e) => {
            // Nothing half-kept.
            let _ = store.delete_upload(upload.id).await;
            Err(e)
        }
    }
}

/// Reads a stored upload back, chunk by chunk, on a task of its own.
pub fn reader(store: Arc<dyn Store>, upload: &Upload) -> ChunkReader {
    let (tx, reader) = stream::channel();
    let id = upload.id;
    tokio::spawn(async move {
        let mut seq = 0;
        loop {
            let chunk = match store.upload_chunk(id, seq).await {
                Ok(Some(c)) => Ok(Bytes::from(c)),
                Ok(None) => break,
                Err(e) => Err(std::io::Error::other(format!("reading the upload: {e}"))),
            };
            let failed = chunk.is_err();
            if tx.send(chunk).await.is_err() || failed {
                break;
            }
            seq += 1;
        }
    });
    reader
}

/// Checks every row of an upload as `organization_id`'s numbers, on the blocking pool.
pub async fn check(
    store: Arc<dyn Store>,
    initiative_id: Id,
    organization_id: Id,
    upload: &Upload,
) -> StoreResult<CsvReport> {
    let catalog = CatalogData::load(store.as_ref(), initiative_id).await?;
    let years = store.years();
    let input = reader(store, upload);
    tokio::task::spawn_blocking(move || {
        let catalog = Catalog::new(&catalog.indicators, &catalog.geographies, &catalog.dimensions)
            .submitted_by(organization_id)
            .within(years);
        CsvRows::new(input, &catalog).report()
    })
    .await
    .map_err(|e| backbone_core::StoreError::Backend(format!("checking the upload: {e}")))
}
