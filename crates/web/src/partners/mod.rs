//! Partner organisations: the list, each organisation's page, and the forms staff and stewards edit them with.

pub mod api;
pub mod pages;

use backbone_core::access::Access;
use backbone_core::partners::Organization;

/// What `access` is shown of an organisation: its leadership make-up only to backbone staff and
/// the organisation itself.
pub fn shown(access: &Access, mut o: Organization) -> Organization {
    if !access.can_view_leadership(o.id) {
        o.leadership = None;
    }
    o
}
