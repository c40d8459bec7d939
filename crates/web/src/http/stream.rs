//! Bytes that arrive asynchronously (a request body, a file read back from the store) read by
//! synchronous code on the blocking pool (the CSV reader), a few chunks at a time: however large
//! the file, only the chunks in the channel are in memory.

use crate::http::error::AppError;
use axum::body::Bytes;
use std::io::{self, Read};
use tokio::sync::mpsc;

/// Chunks waiting for the reader: with 1 MiB chunks, at most about 4 MiB.
const WAITING: usize = 4;

/// The sending half: `send` from an async task, `Err` to stop the reader with an error.
pub type ChunkSender = mpsc::Sender<io::Result<Bytes>>;

/// A `Read` over chunks sent from async code; to be read on the blocking pool only.
pub struct ChunkReader {
    rx: mpsc::Receiver<io::Result<Bytes>>,
    current: Bytes,
}

/// A reader and the sender that feeds it; the reader ends when the sender is dropped.
pub fn channel() -> (ChunkSender, ChunkReader) {
    let (tx, rx) = mpsc::channel(WAITING);
    (tx, ChunkReader { rx, current: Bytes::new() })
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(chunk)) => self.current = chunk,
                Some(Err(e)) => return Err(e),
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current[..n]);
        self.current = self.current.slice(n..);
        Ok(n)
    }
}

/// Streams a request body into a reader, refusing more than `limit` bytes. The task answers
/// `TooLarge` when the body went over the limit (the reader then failed with an error), so the
/// handler can answer 413 rather than the reader's complaint.
pub fn body_reader(
    body: axum::body::Body,
    limit: usize,
) -> (ChunkReader, tokio::task::JoinHandle<Result<(), AppError>>) {
    use http_body_util::BodyExt;
    let (tx, reader) = channel();
    let task = tokio::spawn(async move {
        let mut body = body;
        let mut seen = 0usize;
        while let Some(frame) = body.frame().await {
            let frame = match frame {
                Ok(f) => f,
                Err(e) => {
                    let _ = tx.send(Err(io::Error::other(format!("the upload broke off: {e}")))).await;
                    return Err(AppError::BadRequest(format!("the body could not be read: {e}")));
                }
            };
            let Ok(data) = frame.into_data() else { continue };
            seen += data.len();
            if seen > limit {
                let _ = tx.send(Err(io::Error::other("the body is larger than the limit"))).await;
                return Err(AppError::TooLarge(limit));
            }
            if tx.send(Ok(data)).await.is_err() {
                // The reader stopped (a wrong header): the rest is not needed.
                return Ok(());
            }
        }
        Ok(())
    });
    (reader, task)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_body_is_read_in_pieces_and_its_limit_kept() {
        let (mut reader, task) = body_reader(axum::body::Body::from("indicator,period\nx,2024\n"), 1024);
        let text = tokio::task::spawn_blocking(move || {
            let mut s = String::new();
            reader.read_to_string(&mut s).map(|_| s)
        })
        .await
        .unwrap()
        .unwrap();
        assert_eq!(text, "indicator,period\nx,2024\n");
        assert!(task.await.unwrap().is_ok());

        let (mut reader, task) = body_reader(axum::body::Body::from(vec![b'x'; 5000]), 1024);
        let read = tokio::task::spawn_blocking(move || std::io::copy(&mut reader, &mut std::io::sink())).await.unwrap();
        assert!(read.is_err());
        assert!(matches!(task.await.unwrap(), Err(AppError::TooLarge(1024))));
    }
}
