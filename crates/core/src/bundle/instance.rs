//! One application under a bundle (Art 17): the cases of its items, the
//! default tolerance mechanism (默认前置条件批准, 容缺) and serial edges
//! (串联审批).
//!
//! Under the tolerance mechanism every department decides its own item at
//! once, as if its prerequisites were approved; only an edge covered by an
//! approved serial-approval filing makes the dependent wait for the
//! prerequisite's result. Publishing or handing out results is a separate
//! question, answered only by the release gate (`release_gate.rs`).

use crate::error_code::ErrorCode;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::definition::BundleDefinition;

/// The decided outcome of an item's case.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 准予 / 批准.
    Approved,
    /// 不予批准.
    Rejected,
}

/// What the gate knows of each item's case: no decision yet (`None`), or the
/// decided outcome. An item missing from the map counts as undecided.
pub type Outcomes = BTreeMap<String /* item code */, Option<Outcome>>;

/// The outcome of `item` in `outcomes`; missing means undecided.
pub(crate) fn outcome_of(outcomes: &Outcomes, item: &str) -> Option<Outcome> {
    outcomes.get(item).copied().flatten()
}

/// One application under a bundle: the cases of its items.
///
/// Built through [`BundleInstance::new`] (or deserialized, which runs the same
/// checks), so every member has exactly one case and the prerequisites form a
/// DAG of members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InstanceData")]
pub struct BundleInstance {
    pub id: String,
    pub bundle: BundleDefinition,
    /// Item code → case number.
    pub cases: BTreeMap<String, String>,
    /// Edges `(prerequisite, dependent)` that run serially under an approved
    /// serial-approval filing (串联审批, Art 17). The filing workflow comes
    /// later: here an edge is marked serial directly (see
    /// [`BundleInstance::mark_serial`]). Entries that are not prerequisite
    /// edges of the bundle have no effect.
    pub serial_edges: BTreeSet<(String, String)>,
}

/// The unchecked shape of a [`BundleInstance`], for deserialization.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstanceData {
    id: String,
    bundle: BundleDefinition,
    cases: BTreeMap<String, String>,
    #[serde(default)]
    serial_edges: BTreeSet<(String, String)>,
}

impl TryFrom<InstanceData> for BundleInstance {
    type Error = InstanceError;

    fn try_from(data: InstanceData) -> Result<Self, Self::Error> {
        let mut instance = BundleInstance::new(data.id, data.bundle, data.cases)?;
        for (prerequisite, dependent) in data.serial_edges {
            instance.mark_serial(&prerequisite, &dependent)?;
        }
        Ok(instance)
    }
}

/// Why a bundle instance cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    #[error("item {item} is listed twice among the bundle's members")]
    DuplicateMember { item: String },
    #[error("member item {item} has no case")]
    MissingCase { item: String },
    #[error("item {item} has a case ({case_number}) but is not a member of the bundle")]
    CaseForNonMember { item: String, case_number: String },
    #[error("item {item} has an empty case number")]
    EmptyCaseNumber { item: String },
    #[error("case {case_number} is given to both {first} and {second}")]
    SharedCaseNumber {
        case_number: String,
        first: String,
        second: String,
    },
    #[error("prerequisite #{index} names {item}, which is not a member of the bundle")]
    UnknownPrerequisiteItem { index: usize, item: String },
    #[error("the bundle's prerequisites form a cycle")]
    PrerequisiteCycle,
    #[error("{prerequisite} → {dependent} is not a prerequisite edge of the bundle")]
    NotAnEdge {
        prerequisite: String,
        dependent: String,
    },
}

impl InstanceError {
    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        match self {
            InstanceError::DuplicateMember { .. } => ErrorCode::BundleDuplicateMember,
            InstanceError::MissingCase { .. } => ErrorCode::BundleMissingCase,
            InstanceError::CaseForNonMember { .. } => ErrorCode::BundleCaseForNonMember,
            InstanceError::EmptyCaseNumber { .. } => ErrorCode::BundleEmptyCaseNumber,
            InstanceError::SharedCaseNumber { .. } => ErrorCode::BundleSharedCaseNumber,
            InstanceError::UnknownPrerequisiteItem { .. } => {
                ErrorCode::BundleUnknownPrerequisiteItem
            }
            InstanceError::PrerequisiteCycle => ErrorCode::BundleCycle,
            InstanceError::NotAnEdge { .. } => ErrorCode::BundleNotAnEdge,
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            InstanceError::DuplicateMember { item } => format!("事项“{item}”在套餐中重复列入"),
            InstanceError::MissingCase { item } => format!("事项“{item}”没有对应的办件"),
            InstanceError::CaseForNonMember { item, case_number } => {
                format!("办件{case_number}对应的事项“{item}”不属于本套餐")
            }
            InstanceError::EmptyCaseNumber { item } => format!("事项“{item}”的办件编号为空"),
            InstanceError::SharedCaseNumber {
                case_number,
                first,
                second,
            } => format!(
                "办件{case_number}同时对应事项“{first}”和“{second}”，每个事项须有各自的办件"
            ),
            InstanceError::UnknownPrerequisiteItem { item, .. } => {
                format!("前后置关系中的事项“{item}”不属于本套餐")
            }
            InstanceError::PrerequisiteCycle => "前后置关系存在循环".to_owned(),
            InstanceError::NotAnEdge {
                prerequisite,
                dependent,
            } => format!("“{prerequisite}”不是“{dependent}”的前置事项，不能对其实施串联审批"),
        }
    }
}

/// A serial edge keeps `item` from deciding: its prerequisites' results are
/// not in yet (串联审批, Art 17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionBlocked {
    pub item: String,
    /// Serial prerequisites whose case is not decided yet.
    pub waiting_on: Vec<String>,
    /// `item` is not a member of the bundle at all (`waiting_on` is empty).
    pub not_a_member: bool,
}

impl DecisionBlocked {
    /// A stable code for the UI and scripts.
    pub fn code(&self) -> ErrorCode {
        if self.not_a_member {
            ErrorCode::BundleNotAMember
        } else {
            ErrorCode::SerialPrerequisitePending
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        if self.not_a_member {
            return format!("事项“{}”不属于本套餐", self.item);
        }
        format!(
            "事项“{}”实行串联审批，须待前置事项{}的办理结果作出后方可作出决定（第十七条）",
            self.item,
            quoted_list(&self.waiting_on)
        )
    }
}

impl std::fmt::Display for DecisionBlocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for DecisionBlocked {}

/// `“A”、“B”` — item codes quoted and joined the Chinese way.
pub(crate) fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("“{i}”"))
        .collect::<Vec<_>>()
        .join("、")
}

impl BundleInstance {
    /// Checks that every member has exactly one case, no case belongs to a
    /// non-member, and the prerequisites form a DAG of members. No edge is
    /// serial yet.
    pub fn new(
        id: impl Into<String>,
        bundle: BundleDefinition,
        cases: BTreeMap<String, String>,
    ) -> Result<Self, InstanceError> {
        let mut members = BTreeSet::new();
        for member in &bundle.members {
            if !members.insert(member.item_code.as_str()) {
                return Err(InstanceError::DuplicateMember {
                    item: member.item_code.clone(),
                });
            }
        }
        for member in &bundle.members {
            if !cases.contains_key(&member.item_code) {
                return Err(InstanceError::MissingCase {
                    item: member.item_code.clone(),
                });
            }
        }
        let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
        for (item, case_number) in &cases {
            if !members.contains(item.as_str()) {
                return Err(InstanceError::CaseForNonMember {
                    item: item.clone(),
                    case_number: case_number.clone(),
                });
            }
            if case_number.trim().is_empty() {
                return Err(InstanceError::EmptyCaseNumber { item: item.clone() });
            }
            if let Some(first) = owners.insert(case_number.as_str(), item.as_str()) {
                return Err(InstanceError::SharedCaseNumber {
                    case_number: case_number.clone(),
                    first: first.to_owned(),
                    second: item.clone(),
                });
            }
        }
        for (index, edge) in bundle.prerequisites.iter().enumerate() {
            for item in [&edge.prerequisite, &edge.dependent] {
                if !members.contains(item.as_str()) {
                    return Err(InstanceError::UnknownPrerequisiteItem {
                        index,
                        item: item.clone(),
                    });
                }
            }
        }
        if bundle.topological_order().is_none() {
            return Err(InstanceError::PrerequisiteCycle);
        }
        Ok(BundleInstance {
            id: id.into(),
            bundle,
            cases,
            serial_edges: BTreeSet::new(),
        })
    }

    /// Marks `prerequisite → dependent` as run serially (串联审批). Stands in
    /// for the approved serial-approval filing, whose workflow comes later.
    pub fn mark_serial(
        &mut self,
        prerequisite: &str,
        dependent: &str,
    ) -> Result<(), InstanceError> {
        if !self.is_edge(prerequisite, dependent) {
            return Err(InstanceError::NotAnEdge {
                prerequisite: prerequisite.to_owned(),
                dependent: dependent.to_owned(),
            });
        }
        self.serial_edges
            .insert((prerequisite.to_owned(), dependent.to_owned()));
        Ok(())
    }

    /// Whether `prerequisite → dependent` is a prerequisite edge of the bundle.
    pub fn is_edge(&self, prerequisite: &str, dependent: &str) -> bool {
        self.bundle
            .prerequisites
            .iter()
            .any(|p| p.prerequisite == prerequisite && p.dependent == dependent)
    }

    /// Whether `prerequisite → dependent` is an edge that runs serially.
    pub fn is_serial(&self, prerequisite: &str, dependent: &str) -> bool {
        self.is_edge(prerequisite, dependent)
            && self
                .serial_edges
                .contains(&(prerequisite.to_owned(), dependent.to_owned()))
    }

    pub fn is_member(&self, item: &str) -> bool {
        self.bundle.member_index(item).is_some()
    }

    /// The case number of `item`'s case, if it is a member.
    pub fn case_number(&self, item: &str) -> Option<&str> {
        self.cases.get(item).map(String::as_str)
    }

    /// The department implementing `item`, if it is a member.
    pub fn department(&self, item: &str) -> Option<&str> {
        self.bundle
            .members
            .iter()
            .find(|m| m.item_code == item)
            .map(|m| m.department.as_str())
    }

    /// The direct prerequisites of `item`, in the bundle's order, each once.
    pub fn prerequisites_of(&self, item: &str) -> Vec<String> {
        self.bundle.prerequisites_of(item)
    }

    /// Every prerequisite `item` depends on, directly or through others.
    pub fn all_prerequisites_of(&self, item: &str) -> BTreeSet<String> {
        self.bundle.all_prerequisites_of(item)
    }

    /// The transitive prerequisites of `item` in a readable order
    /// ([`BundleDefinition::release_waits_for`]).
    pub(crate) fn ordered_prerequisites_of(&self, item: &str) -> Vec<String> {
        self.bundle.release_waits_for(item)
    }

    /// Whether `item`'s case may make its decision now.
    ///
    /// Under the default tolerance mechanism (默认前置条件批准) it may at
    /// once. Only across a serial edge (prerequisite → `item`) must the
    /// prerequisite's result be in first — decided either way.
    pub fn may_decide(&self, item: &str, outcomes: &Outcomes) -> Result<(), DecisionBlocked> {
        if !self.is_member(item) {
            return Err(DecisionBlocked {
                item: item.to_owned(),
                waiting_on: Vec::new(),
                not_a_member: true,
            });
        }
        let waiting_on: Vec<String> = self
            .prerequisites_of(item)
            .into_iter()
            .filter(|p| self.is_serial(p, item) && outcome_of(outcomes, p).is_none())
            .collect();
        if waiting_on.is_empty() {
            Ok(())
        } else {
            Err(DecisionBlocked {
                item: item.to_owned(),
                waiting_on,
                not_a_member: false,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition(members: &[&str], edges: &[(&str, &str)]) -> BundleDefinition {
        crate::bundle::definition::sample_bundle(members, edges)
    }

    fn cases(items: &[&str]) -> BTreeMap<String, String> {
        items
            .iter()
            .map(|i| ((*i).to_owned(), format!("CASE-{i}")))
            .collect()
    }

    #[test]
    fn every_member_has_exactly_one_case_and_no_other_case_exists() {
        let def = definition(&["A", "B"], &[("A", "B")]);
        assert!(BundleInstance::new("I1", def.clone(), cases(&["A", "B"])).is_ok());
        assert_eq!(
            BundleInstance::new("I1", def.clone(), cases(&["A"])),
            Err(InstanceError::MissingCase { item: "B".into() })
        );
        assert_eq!(
            BundleInstance::new("I1", def.clone(), cases(&["A", "B", "Z"])),
            Err(InstanceError::CaseForNonMember {
                item: "Z".into(),
                case_number: "CASE-Z".into()
            })
        );
        let mut shared = cases(&["A", "B"]);
        shared.insert("B".into(), "CASE-A".into());
        assert!(matches!(
            BundleInstance::new("I1", def.clone(), shared),
            Err(InstanceError::SharedCaseNumber { .. })
        ));
        let mut empty = cases(&["A", "B"]);
        empty.insert("A".into(), " ".into());
        assert_eq!(
            BundleInstance::new("I1", def, empty),
            Err(InstanceError::EmptyCaseNumber { item: "A".into() })
        );
        let twice = definition(&["A", "A"], &[]);
        assert_eq!(
            BundleInstance::new("I1", twice, cases(&["A"])),
            Err(InstanceError::DuplicateMember { item: "A".into() })
        );
    }

    #[test]
    fn prerequisites_must_be_a_dag_of_members() {
        let cycle = definition(&["A", "B", "C"], &[("A", "B"), ("B", "C"), ("C", "A")]);
        let err = BundleInstance::new("I1", cycle, cases(&["A", "B", "C"])).unwrap_err();
        assert_eq!(err, InstanceError::PrerequisiteCycle);
        assert_eq!(err.code(), "bundle_cycle");
        let selfloop = definition(&["A", "B"], &[("B", "B")]);
        assert_eq!(
            BundleInstance::new("I1", selfloop, cases(&["A", "B"])),
            Err(InstanceError::PrerequisiteCycle)
        );
        let unknown = definition(&["A", "B"], &[("A", "Z")]);
        assert_eq!(
            BundleInstance::new("I1", unknown, cases(&["A", "B"])),
            Err(InstanceError::UnknownPrerequisiteItem {
                index: 0,
                item: "Z".into()
            })
        );
    }

    #[test]
    fn direct_and_transitive_prerequisites() {
        let def = definition(
            &["A", "B", "C", "D"],
            &[("A", "B"), ("B", "C"), ("D", "C"), ("A", "C")],
        );
        let instance = BundleInstance::new("I1", def, cases(&["A", "B", "C", "D"])).unwrap();
        assert_eq!(instance.prerequisites_of("C"), vec!["B", "D", "A"]);
        assert_eq!(
            instance.all_prerequisites_of("C"),
            BTreeSet::from(["A".to_owned(), "B".to_owned(), "D".to_owned()])
        );
        assert!(instance.all_prerequisites_of("A").is_empty());
        assert!(instance.prerequisites_of("Z").is_empty());
    }

    #[test]
    fn only_real_edges_can_be_serial_and_deserializing_checks_everything() {
        let def = definition(&["A", "B"], &[("A", "B")]);
        let mut instance = BundleInstance::new("I1", def, cases(&["A", "B"])).unwrap();
        assert!(matches!(
            instance.mark_serial("B", "A"),
            Err(InstanceError::NotAnEdge { .. })
        ));
        instance.mark_serial("A", "B").unwrap();
        let json = serde_json::to_string(&instance).unwrap();
        let back: BundleInstance = serde_json::from_str(&json).unwrap();
        assert_eq!(back, instance);
        let forged = json.replace("CASE-B", "CASE-A");
        assert!(serde_json::from_str::<BundleInstance>(&forged).is_err());
    }
}
