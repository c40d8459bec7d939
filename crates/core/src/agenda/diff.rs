//! Side-by-side differences between two versions of the common agenda, word by word.

use super::AgendaVersion;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    Same,
    Removed,
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

/// One part of the agenda in two versions: the older text with removals marked (left) and the
/// newer text with additions marked (right).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    /// Catalogue key naming the part: `agenda-problem`, `agenda-vision`, `agenda-results`.
    pub part: &'static str,
    pub changed: bool,
    pub left: Vec<Span>,
    pub right: Vec<Span>,
}

/// The results and strategies as plain text, one per line, for comparing versions.
pub fn results_text(v: &AgendaVersion) -> String {
    let mut out = String::new();
    for r in &v.results {
        out.push_str(&format!("Result: {}\n", r.title));
        if !r.description.is_empty() {
            out.push_str(&format!("  {}\n", r.description));
        }
        for s in &r.strategies {
            out.push_str(&format!("  Strategy: {}\n", s.title));
            if !s.description.is_empty() {
                out.push_str(&format!("    {}\n", s.description));
            }
        }
    }
    out
}

pub fn diff_text(part: &'static str, old: &str, new: &str) -> FieldDiff {
    let diff = TextDiff::from_words(old, new);
    let mut left: Vec<Span> = Vec::new();
    let mut right: Vec<Span> = Vec::new();
    let mut changed = false;
    fn push(spans: &mut Vec<Span>, kind: SpanKind, text: &str) {
        match spans.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => spans.push(Span { kind, text: text.to_string() }),
        }
    }
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut left, SpanKind::Same, text);
                push(&mut right, SpanKind::Same, text);
            }
            ChangeTag::Delete => {
                changed = true;
                push(&mut left, SpanKind::Removed, text);
            }
            ChangeTag::Insert => {
                changed = true;
                push(&mut right, SpanKind::Added, text);
            }
        }
    }
    FieldDiff { part, changed, left, right }
}

/// The differences between two versions of the agenda, part by part.
pub fn diff_versions(old: &AgendaVersion, new: &AgendaVersion) -> Vec<FieldDiff> {
    vec![
        diff_text("agenda-problem", &old.problem_statement, &new.problem_statement),
        diff_text("agenda-vision", &old.shared_vision, &new.shared_vision),
        diff_text("agenda-results", &results_text(old), &results_text(new)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_is_marked_on_both_sides() {
        let d =
            diff_text("agenda-vision", "Every child reads by third grade.", "Every child reads well by third grade.");
        assert!(d.changed);
        let added: Vec<&str> = d.right.iter().filter(|s| s.kind == SpanKind::Added).map(|s| s.text.as_str()).collect();
        assert_eq!(added.concat().trim(), "well");
        assert!(d.left.iter().all(|s| s.kind == SpanKind::Same));
        let rebuilt: String = d.right.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(rebuilt, "Every child reads well by third grade.");
    }

    #[test]
    fn identical_text_is_unchanged() {
        let d = diff_text("agenda-problem", "Same words.", "Same words.");
        assert!(!d.changed);
    }
}
