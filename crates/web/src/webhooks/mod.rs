//! Outgoing webhooks: staff register receivers (`api.rs`, `pages.rs`) and the delivery worker
//! (`deliver.rs`) sends them the events the stores wrote to the outbox.

pub mod api;
pub mod deliver;
pub mod pages;

/// A new signing secret.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    backbone_core::webhooks::secret_from(&bytes)
}
