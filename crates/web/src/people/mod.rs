//! People: the list, each person's page with their seats at tables, and the forms (with consented demographics).

pub mod api;
pub mod pages;

use crate::http::i18n::Tr;
use backbone_core::access::Access;
use backbone_core::partners::{BudgetBand, Sector};
use backbone_core::people::Person;

/// The catalogue key of an answer's label: "Black or African American" → `answer-black-or-african-american`.
pub fn answer_key(value: &str) -> String {
    let slug: String = value.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("answer-{slug}")
}

/// A self-reported answer ("Black or African American", "25-34", "Hmong") or a category code of
/// a composition (`another`, `not_reported`, a budget band or sector) in the reader's language;
/// an answer written in a person's own words stays as they wrote it.
pub fn answer_label(t: &Tr, value: &str) -> String {
    if let Some(b) = BudgetBand::parse(value) {
        return t.get(&b.label_key());
    }
    if let Some(s) = Sector::parse(value) {
        return t.get(&s.label_key());
    }
    for key in [answer_key(value), format!("demo-value-{value}")] {
        if t.has(&key) {
            return t.get(&key);
        }
    }
    value.to_string()
}

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
