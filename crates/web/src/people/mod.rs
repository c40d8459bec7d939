//! People: the list, each person's page with their seats at tables, and the forms (with consented demographics).

pub mod api;
pub mod pages;

use backbone_core::access::Access;
use backbone_core::people::Person;

/// What `access` is shown of a person: contacts and per-person demographics only to backbone
/// staff.
pub fn shown(access: &Access, mut p: Person) -> Person {
    if !access.can_view_contacts() {
        p.email.clear();
        p.phone.clear();
    }
    if !access.can_view_person_demographics() {
        p.demographics = None;
    }
    if !access.can_view_contacts() {
        p.user_id = None;
    }
    p
}
