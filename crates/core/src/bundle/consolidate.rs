use std::collections::HashMap;

use serde::Serialize;

use super::definition::BundleDefinition;
use crate::guide::{Edge, Flowchart, GuideVersion, Requirement, Step, StepKind};

/// Where a consolidated material comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaterialUse {
    pub item_code: String,
    pub material_id: String,
}

/// One line of the bundle's materials list: a material shared by several
/// items appears once (Art 15: 整合共性材料，避免材料重复提交).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsolidatedMaterial {
    pub name: String,
    /// Required when any item requires it unconditionally.
    pub required: bool,
    pub used_by: Vec<MaterialUse>,
}

/// The bundle's consolidated materials list, in member order.
pub fn consolidated_materials(
    bundle: &BundleDefinition,
    guides: &HashMap<String, GuideVersion>,
) -> Vec<ConsolidatedMaterial> {
    let mut list: Vec<ConsolidatedMaterial> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for member in &bundle.members {
        let Some(guide) = guides.get(&member.item_code) else {
            continue;
        };
        for material in &guide.content.materials {
            let usage = MaterialUse {
                item_code: member.item_code.clone(),
                material_id: material.id.clone(),
            };
            let required = material.requirement == Requirement::Required;
            let key = material.shared_key(&member.department);
            match position.get(&key) {
                Some(&i) => {
                    list[i].required |= required;
                    list[i].used_by.push(usage);
                }
                None => {
                    position.insert(key, list.len());
                    list.push(ConsolidatedMaterial {
                        name: material.name.clone(),
                        required,
                        used_by: vec![usage],
                    });
                }
            }
        }
    }
    list
}

/// The longest chain of prerequisites by promised limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chain {
    pub days: u32,
    pub item_codes: Vec<String>,
    /// The chain adds limits of different units (working and natural days).
    pub mixed_units: bool,
}

/// The total limit along the longest chain of prerequisites: what the
/// bundle takes where every edge ran serially. `None` with a cycle.
pub fn longest_chain(
    bundle: &BundleDefinition,
    guides: &HashMap<String, GuideVersion>,
) -> Option<Chain> {
    let order = bundle.topological_order()?;
    let limit = |i: usize| {
        guides
            .get(&bundle.members[i].item_code)
            .map(|g| g.item.promised_limit)
    };
    let days = |i: usize| limit(i).map_or(0, |l| l.days);
    let edges = bundle.edges();
    let mut best: Vec<(u32, Option<usize>)> =
        (0..bundle.members.len()).map(|i| (days(i), None)).collect();
    for &i in &order {
        for &(from, to) in &edges {
            if from == i && best[i].0 + days(to) > best[to].0 {
                best[to] = (best[i].0 + days(to), Some(i));
            }
        }
    }
    let (mut cursor, &(total, _)) = best
        .iter()
        .enumerate()
        .max_by_key(|(i, (d, _))| (*d, std::cmp::Reverse(*i)))?;
    let mut chain = vec![cursor];
    while let Some(previous) = best[cursor].1 {
        chain.push(previous);
        cursor = previous;
    }
    chain.reverse();
    let units: Vec<_> = chain
        .iter()
        .filter_map(|&i| limit(i).map(|l| l.unit))
        .collect();
    Some(Chain {
        days: total,
        mixed_units: units.windows(2).any(|w| w[0] != w[1]),
        item_codes: chain
            .into_iter()
            .map(|i| bundle.members[i].item_code.clone())
            .collect(),
    })
}

/// The bundle's joint flowchart: the window unit's unified receipt, every
/// item's own steps in parallel (tolerance mechanism, Art 17), and the
/// window unit's release (统一出件: the one place results leave). An item
/// with prerequisites passes a gate first that names what its result waits
/// for — exactly what the release gate waits on
/// ([`BundleDefinition::release_waits_for`]); an item without goes straight
/// to the release. Step ids are `<item code>/<step id>`, the gate
/// `<item code>/release-gate`.
pub fn bundle_flowchart(
    bundle: &BundleDefinition,
    guides: &HashMap<String, GuideVersion>,
) -> Flowchart {
    let receipt = "bundle/receipt".to_owned();
    let release = "bundle/release".to_owned();
    let mut chart = Flowchart {
        steps: vec![Step {
            id: receipt.clone(),
            name: "窗口统一收件转办".to_owned(),
            kind: StepKind::Start,
            stage: None,
            role: Some("综合窗口".to_owned()),
            limit: None,
        }],
        edges: Vec::new(),
    };
    for member in &bundle.members {
        let Some(guide) = guides.get(&member.item_code) else {
            continue;
        };
        let own = &guide.content.flowchart;
        let id = |step: &str| format!("{}/{}", member.item_code, step);
        for step in &own.steps {
            if matches!(step.kind, StepKind::Start | StepKind::End) {
                continue;
            }
            chart.steps.push(Step {
                id: id(&step.id),
                name: format!("{}：{}", guide.item.name, step.name),
                ..step.clone()
            });
        }
        let waits_for = bundle.release_waits_for(&member.item_code);
        let out = if waits_for.is_empty() {
            release.clone()
        } else {
            let names: Vec<String> = waits_for
                .iter()
                .map(|code| {
                    guides
                        .get(code)
                        .map_or_else(|| code.clone(), |g| g.item.name.clone())
                })
                .collect();
            let gate = id("release-gate");
            chart.steps.push(Step {
                id: gate.clone(),
                name: format!(
                    "{}：待前置事项{}的结果全部获得批准后出件",
                    guide.item.name,
                    super::instance::quoted_list(&names)
                ),
                kind: StepKind::Step,
                stage: None,
                role: Some("综合窗口".to_owned()),
                limit: None,
            });
            chart.edges.push(Edge {
                from: gate.clone(),
                to: release.clone(),
            });
            gate
        };
        let kind_of = |step_id: &str| own.step(step_id).map(|s| s.kind);
        for edge in &own.edges {
            let from = match kind_of(&edge.from) {
                Some(StepKind::Start) => receipt.clone(),
                _ => id(&edge.from),
            };
            let to = match kind_of(&edge.to) {
                Some(StepKind::End) => out.clone(),
                _ => id(&edge.to),
            };
            if from == receipt && to == out {
                continue;
            }
            let edge = Edge { from, to };
            if !chart.edges.contains(&edge) {
                chart.edges.push(edge);
            }
        }
    }
    chart.steps.push(Step {
        id: release,
        name: "窗口统一出件".to_owned(),
        kind: StepKind::End,
        stage: None,
        role: Some("综合窗口".to_owned()),
        limit: None,
    });
    chart
}
