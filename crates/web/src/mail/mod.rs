//! E-mail: the sender (a real SMTP client, or the server's log when no SMTP server is
//! configured), the digest worker, each person's choice of digest, one-click unsubscribe, and the
//! mail log for staff.

pub mod api;
pub mod digest;
pub mod pages;
pub mod sender;

/// A new unsubscribe token: 24 random bytes, hex.
pub fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}
