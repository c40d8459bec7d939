//! What the measurement pages and API share: the indicator a viewer may see, its view for a
//! place and breakdown (built from the pre-aggregated, already-suppressed published cells), that
//! view as CSV, and how values are written for people.

use crate::http::csv::{Cell, CsvWriter};
use crate::http::prelude::*;
use backbone_core::measure::analytics::{Reference, Unit};
use backbone_core::measure::indicator::Indicator;
use backbone_core::measure::view::{assemble_view, IndicatorView, ValueRange};
use backbone_core::Invalid;
use serde::Deserialize;
use utoipa::IntoParams;

/// A value as people read it: `37.2%`, `12.5 per 1,000`, `$410`.
pub fn fmt_value(t: &crate::http::i18n::Tr, unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent => format!("{v:.1}%"),
        Unit::RatePer1000 => t.with("value-per-1000", "value", format!("{v:.1}")),
        Unit::Currency => format!("${}", grouped(v)),
        Unit::Count => grouped(v),
        Unit::Score => format!("{v:.1}"),
    }
}

/// A whole number with its thousands grouped, as English and US Spanish readers write it:
/// 12,480.
fn grouped(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (n, c) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v.round() < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// The indicator `key` of the scope's initiative, if this viewer may see it (otherwise "not
/// found", so an unpublished indicator's existence is not revealed).
pub async fn visible_indicator(s: &AppState, scope: &Scope, key: &str) -> AppResult<Indicator> {
    let ind = s.store.indicator(scope.id(), key).await?;
    if !scope.access.can_view_indicator(ind.published) {
        return Err(AppError::NotFound("indicator"));
    }
    Ok(ind)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ViewParams {
    /// Place code (default: the community, the place without a parent).
    pub geography: Option<String>,
    /// Dimension to break the numbers down by, e.g. `race_ethnicity`.
    pub dimension: Option<String>,
    /// What gaps are measured from: `best_group` (default) or `whole`.
    pub reference: Option<Reference>,
}

pub async fn build_view(s: &AppState, i: &Initiative, ind: &Indicator, p: &ViewParams) -> AppResult<IndicatorView> {
    // Only the place asked for and the places inside it are read: an initiative may have thousands.
    let geographies = s.store.place_with_children(i.id, p.geography.as_deref()).await?;
    let Some(place) = geographies.first() else {
        return match &p.geography {
            Some(g) => Err(AppError::Invalid(Invalid::one("geography", format!("\"{g}\" is not a known place")))),
            None => Err(AppError::NotFound("place")),
        };
    };
    let geography = place.code.clone();
    let dimensions = s.store.dimensions(i.id).await?;
    if let Some(d) = &p.dimension {
        if !dimensions.iter().any(|x| &x.key == d) {
            return Err(AppError::Invalid(Invalid::one("dimension", format!("\"{d}\" is not a known dimension"))));
        }
    }
    let reference = p.reference.unwrap_or(Reference::BestGroup);
    // The pre-aggregated, already-suppressed cells of this place, its groups and its children.
    let places: Vec<String> = geographies.iter().map(|g| g.code.clone()).collect();
    let published = s.store.published_cells(i.id, ind.id, &places, p.dimension.as_deref()).await?;
    let withheld = published
        .iter()
        .filter_map(|(c, w)| w.map(|w| ((c.period.clone(), c.geography.clone(), c.groups.clone()), w)))
        .collect();
    let cells: Vec<_> = published.into_iter().map(|(c, _)| c).collect();
    Ok(assemble_view(ind, &cells, &withheld, &geographies, &dimensions, &geography, p.dimension.as_deref(), reference))
}

/// The view as CSV: one row per period and group; suppressed cells are empty, marked `suppressed`.
pub fn view_csv(ind: &Indicator, v: &IndicatorView) -> AppResult<Vec<u8>> {
    let mut w = CsvWriter::new();
    w.header(&["indicator", "period", "geography", "group", "value", "numerator", "denominator", "status"])?;
    let mut rows = vec![("".to_string(), &v.series)];
    for g in &v.groups {
        rows.push((g.group.clone(), &g.points));
    }
    for (group, points) in rows {
        for pt in points {
            let status = match (pt.suppressed, pt.range, pt.coverage) {
                (true, ..) => "suppressed".to_string(),
                (_, Some(ValueRange { min: Some(m), .. }), _) => format!("{m} or more"),
                (_, Some(ValueRange { max: Some(m), .. }), _) => format!("{m} or less"),
                (_, _, Some(c)) if pt.value.is_none() => format!("{} of {} places reported", c.reported, c.of),
                _ if pt.value.is_none() => "no data".to_string(),
                _ => String::new(),
            };
            w.row(&[
                Cell::Text(&ind.key),
                Cell::Text(&pt.period),
                Cell::Text(&v.geography),
                Cell::Text(&group),
                Cell::Number(pt.value.map(|x| (x * 10.0).round() / 10.0)),
                Cell::Number(pt.numerator),
                Cell::Number(pt.denominator),
                Cell::Text(&status),
            ])?;
        }
    }
    w.finish()
}
