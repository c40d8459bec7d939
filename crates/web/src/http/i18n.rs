//! The message catalogue: every user-facing string of the UI comes from Fluent files, one per
//! capability and language (`src/<capability>/i18n/<lang>.ftl`, shared messages in
//! `http/i18n/`), embedded in the binary: English and Spanish, each with every key (a test fails
//! when one is missing in either). The language is the one the person chose (a cookie set by
//! `/language`, remembered a year), else the browser's (`Accept-Language`), else English.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;
use unic_langid::LanguageIdentifier;

/// Each language's messages: one file per capability (`src/<capability>/i18n/<lang>.ftl`) and
/// the shared ones here. A key defined twice is an error when the catalogue loads.
const LANGUAGES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            include_str!("i18n/en.ftl"),
            include_str!("../initiative/i18n/en.ftl"),
            include_str!("../agenda/i18n/en.ftl"),
            include_str!("../partners/i18n/en.ftl"),
            include_str!("../activities/i18n/en.ftl"),
            include_str!("../community_assets/i18n/en.ftl"),
            include_str!("../maps/i18n/en.ftl"),
            include_str!("../commitments/i18n/en.ftl"),
            include_str!("../meetings/i18n/en.ftl"),
            include_str!("../decisions/i18n/en.ftl"),
            include_str!("../accountability/i18n/en.ftl"),
            include_str!("../feed/i18n/en.ftl"),
            include_str!("../webhooks/i18n/en.ftl"),
            include_str!("../learning/i18n/en.ftl"),
            include_str!("../mail/i18n/en.ftl"),
            include_str!("../charters/i18n/en.ftl"),
            include_str!("../turn_the_curve/i18n/en.ftl"),
            include_str!("../representation/i18n/en.ftl"),
            include_str!("../network/i18n/en.ftl"),
            include_str!("../feedback/i18n/en.ftl"),
            include_str!("../review/i18n/en.ftl"),
            include_str!("../joining/i18n/en.ftl"),
            include_str!("../translations/i18n/en.ftl"),
            include_str!("../assessments/i18n/en.ftl"),
            include_str!("../people/i18n/en.ftl"),
            include_str!("../tables/i18n/en.ftl"),
            include_str!("../accounts/i18n/en.ftl"),
            include_str!("../audit/i18n/en.ftl"),
            include_str!("../measurement/i18n/en.ftl"),
        ],
    ),
    (
        "es",
        &[
            include_str!("i18n/es.ftl"),
            include_str!("../initiative/i18n/es.ftl"),
            include_str!("../agenda/i18n/es.ftl"),
            include_str!("../partners/i18n/es.ftl"),
            include_str!("../activities/i18n/es.ftl"),
            include_str!("../community_assets/i18n/es.ftl"),
            include_str!("../maps/i18n/es.ftl"),
            include_str!("../commitments/i18n/es.ftl"),
            include_str!("../meetings/i18n/es.ftl"),
            include_str!("../decisions/i18n/es.ftl"),
            include_str!("../accountability/i18n/es.ftl"),
            include_str!("../feed/i18n/es.ftl"),
            include_str!("../webhooks/i18n/es.ftl"),
            include_str!("../learning/i18n/es.ftl"),
            include_str!("../mail/i18n/es.ftl"),
            include_str!("../charters/i18n/es.ftl"),
            include_str!("../turn_the_curve/i18n/es.ftl"),
            include_str!("../representation/i18n/es.ftl"),
            include_str!("../network/i18n/es.ftl"),
            include_str!("../feedback/i18n/es.ftl"),
            include_str!("../review/i18n/es.ftl"),
            include_str!("../joining/i18n/es.ftl"),
            include_str!("../translations/i18n/es.ftl"),
            include_str!("../assessments/i18n/es.ftl"),
            include_str!("../people/i18n/es.ftl"),
            include_str!("../tables/i18n/es.ftl"),
            include_str!("../accounts/i18n/es.ftl"),
            include_str!("../audit/i18n/es.ftl"),
            include_str!("../measurement/i18n/es.ftl"),
        ],
    ),
];

struct Catalog {
    bundles: Vec<(String, FluentBundle<FluentResource>)>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let bundles = LANGUAGES
        .iter()
        .map(|(lang, sources)| {
            let id: LanguageIdentifier = lang.parse().expect("language tag");
            let mut b = FluentBundle::new_concurrent(vec![id]);
            b.set_use_isolating(false);
            for source in sources.iter() {
                let res = FluentResource::try_new(source.to_string())
                    .unwrap_or_else(|(_, errs)| panic!("{lang}.ftl: {errs:?}"));
                b.add_resource(res).unwrap_or_else(|errs| panic!("{lang}.ftl: {errs:?}"));
            }
            (lang.to_string(), b)
        })
        .collect();
    Catalog { bundles }
});

/// A translator for one language, passed to every template as `t`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    lang: usize,
}

impl Tr {
    /// Picks the best language from an `Accept-Language` header (English when none match).
    pub fn from_accept_language(header: Option<&str>) -> Tr {
        let wanted =
            header.unwrap_or("").split(',').filter_map(|p| p.split(';').next()).map(|p| p.trim().to_lowercase());
        for w in wanted {
            let primary = w.split('-').next().unwrap_or("");
            if let Some(i) = CATALOG.bundles.iter().position(|(l, _)| l == primary) {
                return Tr { lang: i };
            }
        }
        Tr::default()
    }

    /// The language a request asks for: the one chosen (the language cookie), else the browser's.
    pub fn from_headers(headers: &axum::http::HeaderMap) -> Tr {
        let chosen = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().strip_prefix(LANGUAGE_COOKIE).and_then(|r| r.strip_prefix('=')))
            .find_map(Tr::of);
        chosen.unwrap_or_else(|| {
            Tr::from_accept_language(headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
        })
    }

    /// The translator of a language the catalogue has, by its code ("es").
    pub fn of(code: &str) -> Option<Tr> {
        CATALOG.bundles.iter().position(|(l, _)| l == code).map(|lang| Tr { lang })
    }

    /// Every language, as (code, its own name for itself).
    pub fn languages() -> Vec<(&'static str, String)> {
        LANGUAGES.iter().enumerate().map(|(i, (code, _))| (*code, Tr { lang: i }.get("language-name"))).collect()
    }

    pub fn lang(&self) -> &str {
        &CATALOG.bundles[self.lang].0
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = &CATALOG.bundles[self.lang].1;
        match bundle.get_message(key).and_then(|m| m.value()) {
            Some(pattern) => {
                let mut errors = vec![];
                bundle.format_pattern(pattern, args, &mut errors).into_owned()
            }
            None => {
                tracing::warn!(key, "missing message");
                key.to_string()
            }
        }
    }

    /// The message `key`.
    pub fn get(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with one variable, e.g. `t.with("members-count", "count", 12)`.
    pub fn with(&self, key: &str, name: &str, value: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), arg(value.to_string()));
        self.format(key, Some(&args))
    }

    /// The message `key` with two variables.
    pub fn with2(&self, key: &str, a: &str, av: impl ToString, b: &str, bv: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(a.to_string(), arg(av.to_string()));
        args.set(b.to_string(), arg(bv.to_string()));
        self.format(key, Some(&args))
    }

    /// The message `key` with any number of variables.
    pub fn with_all(&self, key: &str, vars: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in vars {
            args.set(name.to_string(), arg(value.to_string()));
        }
        self.format(key, Some(&args))
    }

    /// A date the reader's way, short: "18 Mar 2026", "18 mar 2026" (`date-short`, with the
    /// month's short name from the catalogue).
    pub fn date<D: chrono::Datelike>(&self, d: &D) -> String {
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(d.day().to_string()));
        args.set("month", FluentValue::from(self.get(&format!("month-short-{}", d.month()))));
        args.set("year", FluentValue::from(d.year().to_string()));
        self.format("date-short", Some(&args))
    }

    /// A long date and time: `date-long` with its parts (a number is passed as text, so that a
    /// year is not written as a number with separators).
    pub fn date_long(&self, weekday: &str, day: u32, month: &str, year: i32, time: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("weekday", FluentValue::from(weekday.to_string()));
        args.set("day", FluentValue::from(day.to_string()));
        args.set("month", FluentValue::from(month.to_string()));
        args.set("year", FluentValue::from(year.to_string()));
        args.set("time", FluentValue::from(time.to_string()));
        self.format("date-long", Some(&args))
    }

    /// Whether the catalogue has `key` (used by tests to check every key the UI uses).
    pub fn has(&self, key: &str) -> bool {
        CATALOG.bundles[self.lang].1.has_message(key)
    }
}

/// The cookie that remembers the language a person chose.
pub const LANGUAGE_COOKIE: &str = "backbone_lang";

/// `GET /language?to=es&back=/i/riverbend`: remembers the language chosen (a year) and goes back
/// to the page it was chosen on (an address of this site only).
pub async fn choose_language(
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let back = q.get("back").filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'));
    let to = back.map(String::as_str).unwrap_or("/");
    let mut resp = axum::response::Redirect::to(to).into_response();
    if let Some(t) = q.get("to").and_then(|c| Tr::of(c)) {
        let cookie = format!("{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", t.lang());
        if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
            resp.headers_mut().append(axum::http::header::SET_COOKIE, v);
        }
    }
    resp
}

/// A message argument. Numbers go in as numbers, so that messages can choose their plural forms;
/// codes that only look like numbers ("47302", "007") read the same either way.
fn arg(v: String) -> FluentValue<'static> {
    match v.parse::<f64>() {
        Ok(n) if n.is_finite() && (!v.starts_with('0') || v == "0" || v.starts_with("0.")) => FluentValue::from(n),
        _ => FluentValue::from(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_the_default_and_plurals_work() {
        let t = Tr::from_accept_language(Some("fr-CA, fr;q=0.8"));
        assert_eq!(t.lang(), "en");
        assert_eq!(t.with("members-count", "count", 1), "1 member");
        assert_eq!(t.with("members-count", "count", 12), "12 members");
        assert_eq!(t.with2("drafts-line", "name", "47302", "count", 1), "47302: 1 number saved as a draft");
        assert_eq!(
            t.with2("drafts-line", "name", "Eastside", "count", 12345),
            "Eastside: 12345 numbers saved as drafts"
        );
    }

    /// Every key is in every language, with the same variables: a page is never half translated.
    #[test]
    fn every_language_has_every_key_with_the_same_variables() {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        use std::collections::{BTreeMap, BTreeSet};
        fn vars_of(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
            for e in &p.elements {
                if let PatternElement::Placeable { expression } = e {
                    expr(expression, out);
                }
            }
        }
        fn expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
            match e {
                Expression::Inline(i) => inline(i, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        vars_of(&v.value, out);
                    }
                }
            }
        }
        fn inline(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match i {
                InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_string());
                }
                InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        fn keys(sources: &[&'static str]) -> BTreeMap<String, BTreeSet<String>> {
            let mut out = BTreeMap::new();
            for src in sources {
                let res = fluent_syntax::parser::parse(*src).expect("a catalogue parses");
                for entry in res.body {
                    if let Entry::Message(m) = entry {
                        let mut vars = BTreeSet::new();
                        if let Some(v) = &m.value {
                            vars_of(v, &mut vars);
                        }
                        out.insert(m.id.name.to_string(), vars);
                    }
                }
            }
            out
        }
        let (en, others) = LANGUAGES.split_first().unwrap();
        let english = keys(en.1);
        for (lang, sources) in others {
            let theirs = keys(sources);
            let missing: Vec<&String> = english.keys().filter(|k| !theirs.contains_key(*k)).collect();
            let extra: Vec<&String> = theirs.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, not in English {extra:?}");
            for (k, vars) in &english {
                assert_eq!(&theirs[k], vars, "{lang}: {k} uses other variables");
            }
        }
    }

    #[test]
    fn a_chosen_language_wins_over_the_browsers() {
        let mut h = axum::http::HeaderMap::new();
        h.insert(axum::http::header::ACCEPT_LANGUAGE, "es-MX,es;q=0.9".parse().unwrap());
        assert_eq!(Tr::from_headers(&h).lang(), "es");
        h.insert(axum::http::header::COOKIE, format!("a=b; {LANGUAGE_COOKIE}=en").parse().unwrap());
        assert_eq!(Tr::from_headers(&h).lang(), "en");
        h.insert(axum::http::header::COOKIE, format!("{LANGUAGE_COOKIE}=xx").parse().unwrap());
        assert_eq!(Tr::from_headers(&h).lang(), "es", "an unknown choice falls back to the browser's");
        let es = Tr::of("es").unwrap();
        assert_eq!(es.with("members-count", "count", 1), "1 miembro");
    }

    /// Every word of every closed vocabulary has a label in every language.
    #[test]
    fn every_vocabulary_has_labels() {
        use backbone_core::accounts::*;

        use backbone_core::initiative::*;
        use backbone_core::partners::*;

        use backbone_core::tables::*;

        let mut keys: Vec<String> = Vec::new();
        keys.extend(Phase::ALL.iter().map(|v| v.label_key()));
        keys.extend(PreconditionKind::ALL.iter().map(|v| v.label_key()));
        keys.extend(Readiness::ALL.iter().map(|v| v.label_key()));
        keys.extend(Sector::ALL.iter().map(|v| v.label_key()));
        keys.extend(BudgetBand::ALL.iter().map(|v| v.label_key()));
        keys.extend(backbone_core::representation::OrgKind::ALL.iter().map(|v| v.label_key()));
        keys.extend(backbone_core::joining::JoinStatus::ALL.iter().map(|v| format!("joining-status-{}", v.as_str())));
        keys.extend(["en", "es"].iter().map(|l| format!("joining-language-{l}")));
        keys.extend(backbone_core::assessments::instrument::every_key().iter().map(|k| format!("assessment-s-{k}")));
        keys.extend(
            backbone_core::assessments::Section::ALL.iter().map(|v| format!("assessment-section-{}", v.as_str())),
        );
        keys.extend(backbone_core::assessments::Trend::ALL.iter().map(|v| format!("assessment-trend-{}", v.as_str())));
        keys.extend((1..=5).map(|n| format!("assessment-scale-{n}")));
        keys.extend(backbone_core::review::Outlier::ALL.iter().map(|v| format!("review-outlier-{}", v.as_str())));
        keys.extend(
            backbone_core::review::SubmissionSource::ALL.iter().map(|v| format!("review-source-{}", v.as_str())),
        );
        keys.extend(["submitted", "approved", "returned"].iter().map(|v| format!("review-status-{v}")));
        keys.extend(backbone_core::feedback::Agreement::ALL.iter().map(|v| format!("feedback-matches-{}", v.as_str())));
        keys.extend(
            backbone_core::network::CollaborationLevel::ALL.iter().map(|v| format!("network-level-{}", v.as_str())),
        );
        for f in backbone_core::representation::Facet::ALL {
            keys.extend(f.groups().iter().filter(|g| **g != "another").map(|g| crate::people::answer_key(g)));
        }
        keys.extend(backbone_core::representation::Presence::ALL.iter().map(|v| format!("standing-{}", v.as_str())));
        keys.extend(backbone_core::representation::GapDirection::ALL.iter().map(|v| format!("gap-{}", v.as_str())));
        keys.extend(TableKind::ALL.iter().map(|v| v.label_key()));
        keys.extend(MemberRole::ALL.iter().map(|v| v.label_key()));
        keys.extend(Role::ALL.iter().map(|v| v.label_key()));
        use backbone_core::activities::{ActivityKind, ActivityStatus};
        keys.extend(ActivityKind::ALL.iter().map(|v| v.label_key()));
        keys.extend(ActivityStatus::ALL.iter().map(|v| v.label_key()));
        use backbone_core::community_assets::{AssetKind, AssetStatus};
        keys.extend(AssetKind::ALL.iter().map(|v| v.label_key()));
        keys.extend(AssetStatus::ALL.iter().map(|v| v.label_key()));
        use backbone_core::commitments::{CommitmentStatus, Standing};
        keys.extend(CommitmentStatus::ALL.iter().map(|v| v.label_key()));
        keys.extend(Standing::ALL.iter().map(|v| v.label_key()));
        use backbone_core::meetings::AttendanceStatus;
        keys.extend(AttendanceStatus::ALL.iter().map(|v| v.label_key()));
        use backbone_core::decisions::{DecisionProcess, Position};
        keys.extend(DecisionProcess::ALL.iter().map(|v| v.label_key()));
        keys.extend(DecisionProcess::ALL.iter().map(|v| format!("decision-explain-{}", v.as_str())));
        keys.extend(Position::ALL.iter().map(|v| v.label_key()));
        use backbone_core::measure::analytics::{Direction, GapTrend, TrackStatus, Unit};
        keys.extend(backbone_core::measure::indicator::Level::ALL.iter().map(|v| v.label_key()));
        keys.extend(Unit::ALL.iter().map(|v| v.label_key()));
        keys.extend(Direction::ALL.iter().map(|v| v.label_key()));
        keys.extend(TrackStatus::ALL.iter().map(|v| v.label_key()));
        keys.extend(GapTrend::ALL.iter().map(|v| v.label_key()));
        keys.extend(GapTrend::ALL.iter().map(|v| format!("summary-gap-{}", v.as_str())));
        for code in ["another", "not_reported", "shared", "not_shared", "resident", "non_resident"] {
            keys.push(format!("demo-value-{code}"));
        }
        for n in [
            "saved",
            "created",
            "endorsed",
            "signed-in",
            "member-added",
            "member-ended",
            "token-revoked",
            "reviewed",
            "voted",
            "decided",
            "imported",
            "imported-more",
        ] {
            keys.push(format!("notice-{n}"));
        }
        for (i, (lang, _)) in LANGUAGES.iter().enumerate() {
            let t = Tr { lang: i };
            let missing: Vec<&String> = keys.iter().filter(|k| !t.has(k)).collect();
            assert!(missing.is_empty(), "{lang}: {missing:?}");
        }
    }

    /// Every key a template or handler asks for exists in every language.
    #[test]
    fn every_key_used_is_in_the_catalogue() {
        let mut missing = Vec::new();
        let dirs = [concat!(env!("CARGO_MANIFEST_DIR"), "/src")];
        let mut files = Vec::new();
        for d in dirs {
            let mut stack = vec![std::path::PathBuf::from(d)];
            while let Some(p) = stack.pop() {
                for e in std::fs::read_dir(&p).unwrap() {
                    let path = e.unwrap().path();
                    if path.is_dir() {
                        stack.push(path)
                    } else {
                        files.push(path)
                    }
                }
            }
        }
        let re_starts = ["t.get(\"", "t.with(\"", "t.with2(\"", "tk(\""];
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for start in re_starts {
                for (i, _) in text.match_indices(start) {
                    let rest = &text[i + start.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    if key.is_empty() || key.contains('{') {
                        continue;
                    }
                    for (lang, _) in LANGUAGES {
                        let t = Tr { lang: LANGUAGES.iter().position(|(l, _)| l == lang).unwrap() };
                        if !t.has(key) {
                            missing.push(format!("{lang}: {key} ({})", f.display()));
                        }
                    }
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "missing messages:\n{}", missing.join("\n"));
    }
}
