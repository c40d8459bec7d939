//! Compression of answers the server keeps (cached public answers, the assets): each is
//! compressed once, in gzip and brotli, and each request gets the smallest encoding it accepts.
//! Answers made afresh for each request are compressed by `tower_http`'s layer in `lib.rs`
//! ([`compress_fresh`] decides which).

use bytes::Bytes;
use std::io::Write;

/// Below this, compression saves less than it costs.
const MIN_SIZE: usize = 1024;

/// One body in the encodings a client may ask for.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub identity: Bytes,
    pub gzip: Option<Bytes>,
    pub br: Option<Bytes>,
}

/// The content coding an answer is sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Identity,
    Gzip,
    Br,
}

impl Coding {
    pub fn header(self) -> Option<&'static str> {
        match self {
            Coding::Identity => None,
            Coding::Gzip => Some("gzip"),
            Coding::Br => Some("br"),
        }
    }

    /// Marks an entity tag as this coding's representation (a strong tag names one
    /// representation, and a compressed one is another).
    pub fn suffix(self) -> &'static str {
        match self {
            Coding::Identity => "",
            Coding::Gzip => "-gzip",
            Coding::Br => "-br",
        }
    }
}

impl Encoded {
    /// Compresses `body` (when it is worth it): run it on the blocking pool.
    pub fn new(body: Bytes) -> Encoded {
        if body.len() < MIN_SIZE {
            return Encoded { identity: body, gzip: None, br: None };
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 4), flate2::Compression::new(6));
        let gzip = gz.write_all(&body).and_then(|_| gz.finish()).ok().map(Bytes::from);
        let mut br = Vec::with_capacity(body.len() / 4);
        let params = brotli::enc::BrotliEncoderParams { quality: 9, lgwin: 22, ..Default::default() };
        let br = brotli::BrotliCompress(&mut &body[..], &mut br, &params).ok().map(|_| Bytes::from(br));
        Encoded { identity: body, gzip, br }
    }

    /// The smallest encoding the client accepts, and its body.
    pub fn choose(&self, accept_encoding: Option<&str>) -> (Coding, &Bytes) {
        let accepts = |name| accept_encoding.is_some_and(|h| accepts(h, name));
        match (&self.br, &self.gzip) {
            (Some(b), _) if accepts("br") => (Coding::Br, b),
            (_, Some(g)) if accepts("gzip") => (Coding::Gzip, g),
            _ => (Coding::Identity, &self.identity),
        }
    }

    pub fn bytes(&self) -> usize {
        self.identity.len() + self.gzip.as_ref().map_or(0, Bytes::len) + self.br.as_ref().map_or(0, Bytes::len)
    }
}

/// Whether an `Accept-Encoding` header accepts `coding` (named, or by `*`, with a weight above 0).
pub fn accepts(header: &str, coding: &str) -> bool {
    let mut star = None;
    for part in header.split(',') {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim();
        let q = it
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return q > 0.0;
        }
        if name == "*" {
            star = Some(q > 0.0);
        }
    }
    star.unwrap_or(false)
}

/// Which fresh answers `tower_http`'s compression layer may compress: not those already
/// encoded, not the small ones, and not those sent as they are made (a page that streams the
/// progress of a long import says so with `X-Accel-Buffering: no`: a compressor would hold its
/// lines back).
pub fn compress_fresh() -> impl tower_http::compression::Predicate {
    use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
    SizeAbove::new(MIN_SIZE as u16)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
        .and(
            |_: axum::http::StatusCode,
             _: axum::http::Version,
             h: &axum::http::HeaderMap,
             _: &axum::http::Extensions| { h.get("x-accel-buffering").is_none_or(|v| v != "no") },
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(accepts("gzip;q=0.5, br;q=1.0", "gzip"));
        assert!(!accepts("gzip;q=0, br", "gzip"));
        assert!(accepts("*", "gzip"));
        assert!(!accepts("br, *;q=0", "gzip"));
        assert!(!accepts("identity", "br"));
    }

    #[test]
    fn a_body_is_kept_in_each_encoding_and_the_client_gets_the_one_it_accepts() {
        let page = Bytes::from("<p>Third graders reading on grade level: 61.2%</p>\n".repeat(200));
        let e = Encoded::new(page.clone());
        let (c, body) = e.choose(Some("gzip, br"));
        assert_eq!(c, Coding::Br);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &body[..], &mut back).unwrap();
        assert_eq!(back, page);
        let (c, body) = e.choose(Some("gzip"));
        assert_eq!(c, Coding::Gzip);
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, page);
        assert!(body.len() < page.len() / 5);
        assert_eq!(e.choose(None).0, Coding::Identity);
        let small = Encoded::new(Bytes::from_static(b"ok"));
        assert_eq!(small.choose(Some("br")).0, Coding::Identity);
    }
}
