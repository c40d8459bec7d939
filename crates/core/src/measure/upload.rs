//! Files uploaded through the web, kept on the server between the preview (every row checked)
//! and the import the person then chooses, so that the file is never sent back and forth
//! through the browser and a large file never sits in memory: it is stored in chunks, and read
//! back chunk by chunk each time it is checked or imported. An upload belongs to the person who
//! sent it, in one initiative; it is deleted once imported, and after `KEPT_HOURS` whatever
//! happened.

use crate::error::StoreResult;
use crate::Id;
use chrono::{DateTime, Utc};

/// The size of the pieces a file is stored in.
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// How long an upload waits for its import.
pub const KEPT_HOURS: i64 = 24;

/// A stored upload (its chunks are read with `UploadStore::upload_chunk`).
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    pub id: Id,
    /// Unguessable: how the preview's form names the upload.
    pub token: String,
    pub initiative_id: Id,
    pub user_id: Id,
    /// The file's name as the browser gave it, for the page.
    pub file_name: String,
    pub bytes: i64,
    pub chunks: i64,
    pub created_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait UploadStore: Send + Sync {
    /// Starts an upload (no chunks yet), first deleting uploads older than `KEPT_HOURS`.
    async fn begin_upload(&self, initiative_id: Id, user_id: Id, token: &str, file_name: &str) -> StoreResult<Upload>;
    /// Appends the next chunk (numbered from 0, in order).
    async fn append_upload_chunk(&self, upload_id: Id, seq: i64, data: &[u8]) -> StoreResult<()>;
    /// The upload named by `token`, if it belongs to this user in this initiative.
    async fn upload(&self, initiative_id: Id, user_id: Id, token: &str) -> StoreResult<Option<Upload>>;
    /// One chunk of an upload, `None` after the last.
    async fn upload_chunk(&self, upload_id: Id, seq: i64) -> StoreResult<Option<Vec<u8>>>;
    async fn delete_upload(&self, upload_id: Id) -> StoreResult<()>;
}
