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
