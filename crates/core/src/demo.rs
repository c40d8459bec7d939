//! The demo initiative (being written).
use crate::export::InitiativeExport;
pub fn demo_initiative(_today: chrono::NaiveDate) -> InitiativeExport {
    unimplemented!("demo data is being written")
}
