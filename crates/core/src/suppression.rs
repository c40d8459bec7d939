//! Small-cell suppression for counts shown outside backbone staff (handbook §4).
//!
//! Primary: a count between 1 and `threshold - 1` is hidden (zero may be shown).
//! Complementary: when a total is published and exactly one cell is hidden, the value could be
//! recovered by subtraction, so the smallest other non-zero cell is hidden too; a total below the
//! threshold is hidden itself, together with every non-zero cell.

use serde::Serialize;

/// The disclosure rule; defaults follow most US education reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuppressionRule {
    /// Counts from 1 to `threshold - 1` are hidden.
    pub threshold: u64,
    /// Show zero counts (a zero reveals nothing about a person).
    pub show_zero: bool,
}

impl Default for SuppressionRule {
    fn default() -> Self {
        SuppressionRule { threshold: 10, show_zero: true }
    }
}

/// A published count: its value, or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "status", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Shown(u64),
    Suppressed,
}

impl Cell {
    pub fn value(self) -> Option<u64> {
        match self {
            Cell::Shown(v) => Some(v),
            Cell::Suppressed => None,
        }
    }
}

/// A one-way table (counts by category) with its total, after suppression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SuppressedTable {
    pub cells: Vec<(String, Cell)>,
    pub total: Cell,
}

impl SuppressionRule {
    fn primary_hidden(&self, n: u64) -> bool {
        (n > 0 && n < self.threshold) || (n == 0 && !self.show_zero)
    }

    /// Suppresses a one-way table whose total is published alongside its cells.
    pub fn one_way(&self, counts: &[(String, u64)]) -> SuppressedTable {
        let total: u64 = counts.iter().map(|(_, n)| n).sum();
        let mut hidden: Vec<bool> = counts.iter().map(|(_, n)| self.primary_hidden(*n)).collect();
        let total_hidden = self.primary_hidden(total);
        if total_hidden {
            // Nothing non-zero can be shown without narrowing down a tiny group.
            for (h, (_, n)) in hidden.iter_mut().zip(counts) {
                if *n > 0 {
                    *h = true;
                }
            }
        } else if hidden.iter().filter(|h| **h).count() == 1 {
            // One hidden cell = total − the visible ones: hide the smallest other count as well.
            let complement = counts
                .iter()
                .enumerate()
                .filter(|(i, (_, n))| !hidden[*i] && *n > 0)
                .min_by_key(|(_, (_, n))| *n)
                .map(|(i, _)| i);
            if let Some(i) = complement {
                hidden[i] = true;
            }
        }
        SuppressedTable {
            cells: counts
                .iter()
                .zip(&hidden)
                .map(|((k, n), h)| (k.clone(), if *h { Cell::Suppressed } else { Cell::Shown(*n) }))
                .collect(),
            total: if total_hidden { Cell::Suppressed } else { Cell::Shown(total) },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: &[(&str, u64)]) -> Vec<(String, u64)> {
        v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    }

    #[test]
    fn large_counts_and_zeros_are_shown() {
        let s = SuppressionRule::default().one_way(&t(&[("Black", 40), ("White", 25), ("Asian", 0)]));
        assert_eq!(s.total, Cell::Shown(65));
        assert_eq!(s.cells[2].1, Cell::Shown(0));
        assert!(s.cells.iter().all(|(_, c)| *c != Cell::Suppressed));
    }

    #[test]
    fn a_single_small_cell_takes_the_smallest_other_cell_with_it() {
        let s = SuppressionRule::default().one_way(&t(&[("Black", 40), ("White", 25), ("Asian", 3), ("Latino", 12)]));
        assert_eq!(s.cells[2].1, Cell::Suppressed);
        assert_eq!(s.cells[3].1, Cell::Suppressed, "complementary: the smallest visible cell");
        assert_eq!(s.cells[0].1, Cell::Shown(40));
        assert_eq!(s.total, Cell::Shown(80));
    }

    #[test]
    fn a_hidden_cell_cannot_be_recovered_by_subtraction() {
        let counts = t(&[("a", 50), ("b", 4), ("c", 0), ("d", 31)]);
        let s = SuppressionRule::default().one_way(&counts);
        let total = s.total.value().unwrap();
        let visible: u64 = s.cells.iter().filter_map(|(_, c)| c.value()).sum();
        let hidden = s.cells.iter().filter(|(_, c)| *c == Cell::Suppressed).count();
        assert!(hidden >= 2, "{hidden} hidden cells: {total} - {visible} would reveal a count");
    }

    #[test]
    fn a_tiny_table_shows_nothing_but_zeros() {
        let s = SuppressionRule::default().one_way(&t(&[("a", 6), ("b", 0)]));
        assert_eq!(s.total, Cell::Suppressed);
        assert_eq!(s.cells, vec![("a".into(), Cell::Suppressed), ("b".into(), Cell::Shown(0))]);
    }

    #[test]
    fn two_small_cells_protect_each_other() {
        let s = SuppressionRule::default().one_way(&t(&[("a", 2), ("b", 3), ("c", 30)]));
        assert_eq!(s.cells[2].1, Cell::Shown(30));
        assert_eq!(s.cells[0].1, Cell::Suppressed);
        assert_eq!(s.cells[1].1, Cell::Suppressed);
    }
}
