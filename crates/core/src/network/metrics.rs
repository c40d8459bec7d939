//! The network's figures for one closed round (FIELD.md §5): response rate, density, Freeman
//! degree centralization, each organisation's degree and betweenness centrality, trust and value
//! scores (only when at least `MIN_RATERS` organisations rated it), isolates, components,
//! reciprocity, introductions worth making, and the change between two rounds. Pure, unit-tested.
//!
//! A tie joins two organisations when either says they cooperate, coordinate or integrate; the
//! map shows ties without who named whom or at what level.

use super::SurveyResponse;
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use utoipa::ToSchema;

/// Trust and value scores about an organisation are shown only when at least this many
/// organisations rated it, so that no one's ratings can be told apart.
pub const MIN_RATERS: usize = 3;

/// Where and toward what an organisation works (from its activities): places as the smallest
/// places they cover, and the strategies of the common agenda they serve.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reach {
    pub places: BTreeSet<String>,
    pub strategies: BTreeSet<String>,
}

/// One organisation in a round's network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NodeResult {
    pub organization_id: Id,
    pub responded: bool,
    /// Organisations it has a tie with.
    pub degree: u64,
    /// Degree ÷ (n − 1).
    pub degree_centrality: f64,
    /// Share of shortest paths between other organisations that pass through it (normalised).
    pub betweenness: f64,
    /// Mean of the trust ratings it received (1 to 4), when enough organisations rated it.
    pub trust: Option<f64>,
    /// Mean of the value ratings it received (1 to 4), when enough organisations rated it.
    pub value: Option<f64>,
    /// How many organisations rated it.
    pub raters: u64,
}

/// Two organisations that work in the same places toward the same strategies but have no tie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Introduction {
    pub a: Id,
    pub b: Id,
    pub shared_places: Vec<String>,
    pub shared_strategies: Vec<String>,
}

/// A round's network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NetworkResults {
    pub round_id: Id,
    pub round_name: String,
    /// Organisations in the network (every organisation of the initiative).
    pub organizations: u64,
    pub respondents: u64,
    pub response_rate: f64,
    pub ties: u64,
    /// Ties ÷ possible ties, n(n − 1)/2.
    pub density: f64,
    /// Freeman degree centralization: 1 for a star, 0 when every organisation has as many ties.
    pub centralization: f64,
    /// The mean of every trust rating, as a percentage of the highest (4).
    pub trust_percent: Option<f64>,
    /// The mean of every value rating, as a percentage of the highest (4).
    pub value_percent: Option<f64>,
    /// Of the pairs where both answered and at least one named a tie, the share where both did.
    pub reciprocity: Option<f64>,
    /// Groups of organisations connected by ties (two or more), largest first.
    pub components: Vec<Vec<Id>>,
    /// Organisations with no tie at all.
    pub isolates: Vec<Id>,
    pub nodes: Vec<NodeResult>,
    /// The ties, each pair once (smaller id first).
    pub edges: Vec<(Id, Id)>,
    /// Pairs worth introducing, most in common first.
    pub introductions: Vec<Introduction>,
}

/// How the network changed from one round to a later one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RoundChange {
    pub from_round: String,
    pub to_round: String,
    pub density_points: f64,
    pub centralization_points: f64,
    pub trust_points: Option<f64>,
    pub new_ties: u64,
    pub lost_ties: u64,
    /// Organisations isolated in the earlier round that now have a tie.
    pub no_longer_isolated: Vec<Id>,
}

fn pair(a: Id, b: Id) -> (Id, Id) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

fn mean(values: &[u8]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64)
}

/// Betweenness centrality of an undirected, unweighted graph (Brandes, 2001), normalised by the
/// number of pairs of other nodes, (n − 1)(n − 2)/2.
pub fn betweenness(nodes: &[Id], edges: &BTreeSet<(Id, Id)>) -> BTreeMap<Id, f64> {
    let index: BTreeMap<Id, usize> = nodes.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let n = nodes.len();
    let mut adjacent = vec![Vec::new(); n];
    for (a, b) in edges {
        if let (Some(&i), Some(&j)) = (index.get(a), index.get(b)) {
            adjacent[i].push(j);
            adjacent[j].push(i);
        }
    }
    let mut score = vec![0.0f64; n];
    for s in 0..n {
        let mut stack = Vec::new();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut paths = vec![0.0f64; n];
        let mut dist = vec![-1i64; n];
        paths[s] = 1.0;
        dist[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &adjacent[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    paths[w] += paths[v];
                    preds[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0f64; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += paths[v] / paths[w] * (1.0 + delta[w]);
            }
            if w != s {
                score[w] += delta[w];
            }
        }
    }
    // Each pair was counted from both ends.
    let pairs = if n > 2 { ((n - 1) * (n - 2)) as f64 / 2.0 } else { 1.0 };
    nodes.iter().enumerate().map(|(i, id)| (*id, score[i] / 2.0 / pairs)).collect()
}

/// Connected groups of the graph (every node, isolates as groups of one), largest first, then by
/// their smallest id.
pub fn components(nodes: &[Id], edges: &BTreeSet<(Id, Id)>) -> Vec<Vec<Id>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for &start in nodes {
        if !seen.insert(start) {
            continue;
        }
        let mut group = vec![start];
        let mut queue = VecDeque::from([start]);
        while let Some(v) = queue.pop_front() {
            for &(a, b) in edges {
                let next = if a == v {
                    b
                } else if b == v {
                    a
                } else {
                    continue;
                };
                if seen.insert(next) {
                    group.push(next);
                    queue.push_back(next);
                }
            }
        }
        group.sort_unstable();
        out.push(group);
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// The round's network. `organizations` are every organisation of the initiative; `responses`
/// each respondent's latest answers; `reach` where and toward what each works.
pub fn results(
    round_id: Id,
    round_name: &str,
    organizations: &[Id],
    responses: &[SurveyResponse],
    reach: &BTreeMap<Id, Reach>,
) -> NetworkResults {
    let n = organizations.len();
    let known: BTreeSet<Id> = organizations.iter().copied().collect();
    let respondents: BTreeSet<Id> = responses.iter().map(|r| r.organization_id).filter(|o| known.contains(o)).collect();
    let responses: Vec<&SurveyResponse> = responses.iter().filter(|r| known.contains(&r.organization_id)).collect();
    // Who named whom, directed.
    let mut named: BTreeSet<(Id, Id)> = BTreeSet::new();
    let mut trust_about: BTreeMap<Id, Vec<u8>> = BTreeMap::new();
    let mut value_about: BTreeMap<Id, Vec<u8>> = BTreeMap::new();
    let mut raters: BTreeMap<Id, BTreeSet<Id>> = BTreeMap::new();
    let (mut all_trust, mut all_value) = (Vec::new(), Vec::new());
    for r in &responses {
        for rating in r.ratings.iter().filter(|x| known.contains(&x.about) && x.about != r.organization_id) {
            if rating.level.is_tie() {
                named.insert((r.organization_id, rating.about));
            }
            let (t, v): (Vec<u8>, Vec<u8>) = (rating.trust().collect(), rating.value().collect());
            if !t.is_empty() || !v.is_empty() {
                raters.entry(rating.about).or_default().insert(r.organization_id);
            }
            all_trust.extend(&t);
            all_value.extend(&v);
            trust_about.entry(rating.about).or_default().extend(t);
            value_about.entry(rating.about).or_default().extend(v);
        }
    }
    let edges: BTreeSet<(Id, Id)> = named.iter().map(|&(a, b)| pair(a, b)).collect();
    let degree = |id: Id| edges.iter().filter(|(a, b)| *a == id || *b == id).count();
    let degrees: BTreeMap<Id, usize> = organizations.iter().map(|&id| (id, degree(id))).collect();
    let possible = if n > 1 { (n * (n - 1)) as f64 / 2.0 } else { 1.0 };
    let max_degree = degrees.values().copied().max().unwrap_or(0);
    let centralization = if n > 2 {
        degrees.values().map(|d| (max_degree - d) as f64).sum::<f64>() / ((n - 1) * (n - 2)) as f64
    } else {
        0.0
    };
    // Reciprocity over pairs where both answered.
    let mut either = 0usize;
    let mut both = 0usize;
    for &(a, b) in &edges {
        if respondents.contains(&a) && respondents.contains(&b) {
            either += 1;
            if named.contains(&(a, b)) && named.contains(&(b, a)) {
                both += 1;
            }
        }
    }
    let between = betweenness(organizations, &edges);
    let groups = components(organizations, &edges);
    let nodes = organizations
        .iter()
        .map(|&id| {
            let rated_by = raters.get(&id).map_or(0, BTreeSet::len);
            let enough = rated_by >= MIN_RATERS;
            NodeResult {
                organization_id: id,
                responded: respondents.contains(&id),
                degree: degrees[&id] as u64,
                degree_centrality: if n > 1 { degrees[&id] as f64 / (n - 1) as f64 } else { 0.0 },
                betweenness: between[&id],
                trust: trust_about.get(&id).filter(|_| enough).and_then(|t| mean(t)),
                value: value_about.get(&id).filter(|_| enough).and_then(|v| mean(v)),
                raters: rated_by as u64,
            }
        })
        .collect();
    let empty = Reach::default();
    let mut introductions: Vec<Introduction> = Vec::new();
    for (i, &a) in organizations.iter().enumerate() {
        for &b in &organizations[i + 1..] {
            if edges.contains(&pair(a, b)) {
                continue;
            }
            let (ra, rb) = (reach.get(&a).unwrap_or(&empty), reach.get(&b).unwrap_or(&empty));
            let places: Vec<String> = ra.places.intersection(&rb.places).cloned().collect();
            let strategies: Vec<String> = ra.strategies.intersection(&rb.strategies).cloned().collect();
            if !places.is_empty() && !strategies.is_empty() {
                let (a, b) = pair(a, b);
                introductions.push(Introduction { a, b, shared_places: places, shared_strategies: strategies });
            }
        }
    }
    // Most in common first; between equals, pairs that would join two separate groups first.
    let group_of = |id: Id| groups.iter().position(|g| g.contains(&id));
    introductions.sort_by(|x, y| {
        let weight = |i: &Introduction| i.shared_places.len() * i.shared_strategies.len();
        let bridges = |i: &Introduction| group_of(i.a) != group_of(i.b);
        bridges(y).cmp(&bridges(x)).then(weight(y).cmp(&weight(x))).then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let percent = |all: &[u8]| mean(all).map(|m| m / 4.0 * 100.0);
    NetworkResults {
        round_id,
        round_name: round_name.to_string(),
        organizations: n as u64,
        respondents: respondents.len() as u64,
        response_rate: if n > 0 { respondents.len() as f64 / n as f64 } else { 0.0 },
        ties: edges.len() as u64,
        density: edges.len() as f64 / possible,
        centralization,
        trust_percent: percent(&all_trust),
        value_percent: percent(&all_value),
        reciprocity: (either > 0).then(|| both as f64 / either as f64),
        isolates: groups.iter().filter(|g| g.len() == 1).map(|g| g[0]).collect(),
        components: groups.into_iter().filter(|g| g.len() > 1).collect(),
        nodes,
        edges: edges.into_iter().collect(),
        introductions,
    }
}

/// How the network changed from `earlier` to `later`.
pub fn change(earlier: &NetworkResults, later: &NetworkResults) -> RoundChange {
    let before: BTreeSet<&(Id, Id)> = earlier.edges.iter().collect();
    let after: BTreeSet<&(Id, Id)> = later.edges.iter().collect();
    RoundChange {
        from_round: earlier.round_name.clone(),
        to_round: later.round_name.clone(),
        density_points: (later.density - earlier.density) * 100.0,
        centralization_points: (later.centralization - earlier.centralization) * 100.0,
        trust_points: later.trust_percent.zip(earlier.trust_percent).map(|(l, e)| l - e),
        new_ties: after.difference(&before).count() as u64,
        lost_ties: before.difference(&after).count() as u64,
        no_longer_isolated: earlier.isolates.iter().filter(|i| !later.isolates.contains(i)).copied().collect(),
    }
}
