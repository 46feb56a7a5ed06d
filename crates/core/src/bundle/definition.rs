use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// 并联服务: one application, several approvals at once.
    Parallel,
    /// 套餐服务: a life event's items offered together (e.g. opening a restaurant).
    Package,
}

/// One item of the bundle and the department that implements it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleMember {
    pub item_code: String,
    pub department: String,
}

/// `dependent` needs `prerequisite`'s result (前置事项 → 后置事项).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prerequisite {
    pub prerequisite: String,
    pub dependent: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleDefinition {
    pub code: String,
    pub name: String,
    pub kind: BundleKind,
    pub members: Vec<BundleMember>,
    pub prerequisites: Vec<Prerequisite>,
}

impl BundleDefinition {
    pub fn member_index(&self, item_code: &str) -> Option<usize> {
        self.members.iter().position(|m| m.item_code == item_code)
    }

    /// Prerequisite edges as member indices; unknown items are left out.
    pub fn edges(&self) -> Vec<(usize, usize)> {
        self.prerequisites
            .iter()
            .filter_map(|p| {
                Some((
                    self.member_index(&p.prerequisite)?,
                    self.member_index(&p.dependent)?,
                ))
            })
            .collect()
    }

    /// The direct prerequisites of `item`, in the bundle's order, each once.
    pub fn prerequisites_of(&self, item: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for edge in &self.prerequisites {
            if edge.dependent == item && !out.contains(&edge.prerequisite) {
                out.push(edge.prerequisite.clone());
            }
        }
        out
    }

    /// Every prerequisite `item` depends on, directly or through other
    /// prerequisites (A → B → C: C depends on A and B).
    pub fn all_prerequisites_of(&self, item: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut stack = vec![item.to_owned()];
        while let Some(current) = stack.pop() {
            for prerequisite in self.prerequisites_of(&current) {
                // The visited set also ends the walk should a cycle ever be
                // introduced after construction (the fields are public).
                if found.insert(prerequisite.clone()) {
                    stack.push(prerequisite);
                }
            }
        }
        found
    }

    /// What the release gate waits on for `item` (Art 17): its transitive
    /// prerequisites in a readable order, the bundle's topological order
    /// (member order should it have a cycle). The gate and the bundle's
    /// chart both read it, so they say the same thing.
    pub fn release_waits_for(&self, item: &str) -> Vec<String> {
        let all = self.all_prerequisites_of(item);
        let order = self
            .topological_order()
            .unwrap_or_else(|| (0..self.members.len()).collect());
        let mut out: Vec<String> = order
            .into_iter()
            .map(|i| self.members[i].item_code.clone())
            .filter(|code| all.contains(code))
            .collect();
        // Prerequisites that are not members (only possible if the public
        // fields were edited after construction) go last.
        for code in &all {
            if !out.contains(code) {
                out.push(code.clone());
            }
        }
        out
    }

    /// Members in an order where every prerequisite comes before its
    /// dependents; `None` when the prerequisites form a cycle.
    pub fn topological_order(&self) -> Option<Vec<usize>> {
        let n = self.members.len();
        let edges = self.edges();
        let mut incoming = vec![0usize; n];
        for &(_, to) in &edges {
            incoming[to] += 1;
        }
        let mut ready: Vec<usize> = (0..n).filter(|&i| incoming[i] == 0).rev().collect();
        let mut order = Vec::with_capacity(n);
        while let Some(i) = ready.pop() {
            order.push(i);
            for &(from, to) in edges.iter().rev() {
                if from == i {
                    incoming[to] -= 1;
                    if incoming[to] == 0 {
                        ready.push(to);
                    }
                }
            }
        }
        (order.len() == n).then_some(order)
    }
}

/// A package (套餐) bundle of `members`, each of department `部门<code>`,
/// with `edges` as (prerequisite, dependent): what the bundle tests build on.
#[cfg(test)]
pub(crate) fn sample_bundle(members: &[&str], edges: &[(&str, &str)]) -> BundleDefinition {
    BundleDefinition {
        code: "TC-01".into(),
        name: "开办餐馆".into(),
        kind: BundleKind::Package,
        members: members
            .iter()
            .map(|c| BundleMember {
                item_code: (*c).into(),
                department: format!("部门{c}"),
            })
            .collect(),
        prerequisites: edges
            .iter()
            .map(|(p, d)| Prerequisite {
                prerequisite: (*p).into(),
                dependent: (*d).into(),
            })
            .collect(),
    }
}
