//! Table charters: each table's agreement on how it works together, versioned and endorsed by
//! its members. Staff and the table's chair or facilitator adopt versions; members endorse them.

pub mod api;
pub mod pages;
