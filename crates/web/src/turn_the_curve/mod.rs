//! Turning the curve: each table's plan for an indicator — the story behind the curve, partners
//! with a role to play, what works, the action plan — adopted in versions by staff or the table's
//! chair, shown beside the indicator's chart, its actions becoming commitments.

pub mod api;
pub mod pages;
