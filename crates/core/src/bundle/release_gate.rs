//! The release gate (Art 17): 前置事项结果未全部获得批准前，任何单位、个人
//! 不得将办理结果公布或发放.
//!
//! This module is the ONE place that decides whether a result may be
//! published or handed out. It does so by issuing a [`ReleasePermit`], whose
//! fields are private to this module and which has exactly two constructors:
//!
//! - [`BundleInstance::release_permit`], for an item of a bundle — it grants
//!   the permit only when the item's own case is decided and every transitive
//!   prerequisite is approved;
//! - [`standalone_permit`], for a case that belongs to no bundle.
//!
//! The permit cannot be deserialized, cloned or built any other way, so the
//! case engine, by requiring a permit for its Release action, makes the gate
//! impossible to bypass. The engine must still check that the permit is for
//! the case being released: same [`ReleasePermit::case_number`], and
//! [`ReleasePermit::bundle_instance`] equal to the case's bundle instance
//! (`None` for a case with no bundle). A permit reflects the outcomes at the
//! moment it was issued: take it and release at once, do not keep it.

use crate::error_code::ErrorCode;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::instance::{outcome_of, quoted_list, BundleInstance, Outcome, Outcomes};

/// Proof that a result passed the release gate. Only obtainable from
/// [`BundleInstance::release_permit`] or [`standalone_permit`].
#[derive(Debug, PartialEq, Eq, Serialize)]
#[must_use = "a permit is only worth something when handed to the Release action"]
pub struct ReleasePermit {
    item: String,
    case_number: String,
    bundle_instance: Option<String>,
}

impl ReleasePermit {
    /// The item code whose result may be released; empty for a standalone
    /// permit (a case with no bundle).
    pub fn item(&self) -> &str {
        &self.item
    }

    /// The case whose result may be released.
    pub fn case_number(&self) -> &str {
        &self.case_number
    }

    /// The bundle instance the permit was issued under; `None` for a
    /// standalone permit.
    pub fn bundle_instance(&self) -> Option<&str> {
        self.bundle_instance.as_deref()
    }

    /// Whether this permit was issued by [`standalone_permit`].
    pub fn is_standalone(&self) -> bool {
        self.bundle_instance.is_none()
    }
}

/// The permit for a case that belongs to NO bundle: no prerequisite can hold
/// its result back. This is the only permit for such a case; a case that is
/// an item of a bundle must get its permit from
/// [`BundleInstance::release_permit`], and the case engine must refuse a
/// standalone permit for it (see [`ReleasePermit::bundle_instance`]).
pub fn standalone_permit(case_number: &str) -> ReleasePermit {
    ReleasePermit {
        item: String::new(),
        case_number: case_number.to_owned(),
        bundle_instance: None,
    }
}

/// Why a result may not be published or handed out yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseBlocked {
    pub item: String,
    /// Transitive prerequisites not decided yet.
    pub pending: Vec<String>,
    /// Transitive prerequisites that were rejected.
    pub rejected: Vec<String>,
    /// The item's own case is not decided: there is no result to release.
    pub own_undecided: bool,
    /// `item` is not a member of the bundle (the other fields are empty).
    pub not_a_member: bool,
}

impl ReleaseBlocked {
    /// A stable code for the UI and scripts.
    pub fn code(&self) -> ErrorCode {
        if self.not_a_member {
            ErrorCode::BundleNotAMember
        } else if !self.rejected.is_empty() {
            ErrorCode::PrerequisiteRejected
        } else if !self.pending.is_empty() {
            ErrorCode::PrerequisitePending
        } else {
            ErrorCode::NotDecided
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        let item = &self.item;
        if self.not_a_member {
            return format!("事项“{item}”不属于本套餐，不能按本套餐公布或发放结果");
        }
        let mut reasons = Vec::new();
        if self.own_undecided {
            reasons.push(format!("事项“{item}”尚未作出决定"));
        }
        if !self.pending.is_empty() {
            reasons.push(format!(
                "前置事项{}尚未获得批准",
                quoted_list(&self.pending)
            ));
        }
        if !self.rejected.is_empty() {
            let mut reason = format!("前置事项{}未获批准", quoted_list(&self.rejected));
            if !self.own_undecided {
                reason.push_str("，本事项须重新作出决定");
            }
            reasons.push(reason);
        }
        format!(
            "{}，事项“{item}”的结果暂不得公布或发放（第十七条）",
            reasons.join("；")
        )
    }
}

impl std::fmt::Display for ReleaseBlocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for ReleaseBlocked {}

/// Why a prerequisite holds a result back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitReason {
    /// Not decided yet.
    Pending,
    /// Decided and rejected.
    Rejected,
}

/// A decided result the gate holds back, and what it waits on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withheld {
    pub item: String,
    pub case_number: String,
    /// The department implementing the item.
    pub department: String,
    /// Transitive prerequisites not approved, in the bundle's order.
    pub waiting_on: Vec<(String, WaitReason)>,
    /// A prerequisite was rejected: the decision was made on a premise that
    /// failed, so the case (and its department) is flagged for a new decision.
    pub needs_new_decision: bool,
}

impl BundleInstance {
    /// The release gate. Grants a permit for `item`'s result only when its
    /// own case is decided (either way) AND every transitive prerequisite is
    /// approved; otherwise says what is missing.
    pub fn release_permit(
        &self,
        item: &str,
        outcomes: &Outcomes,
    ) -> Result<ReleasePermit, ReleaseBlocked> {
        let Some(case_number) = self.cases.get(item).filter(|_| self.is_member(item)) else {
            return Err(ReleaseBlocked {
                item: item.to_owned(),
                pending: Vec::new(),
                rejected: Vec::new(),
                own_undecided: false,
                not_a_member: true,
            });
        };
        let mut pending = Vec::new();
        let mut rejected = Vec::new();
        for prerequisite in self.ordered_prerequisites_of(item) {
            match outcome_of(outcomes, &prerequisite) {
                Some(Outcome::Approved) => {}
                Some(Outcome::Rejected) => rejected.push(prerequisite),
                None => pending.push(prerequisite),
            }
        }
        let own_undecided = outcome_of(outcomes, item).is_none();
        if own_undecided || !pending.is_empty() || !rejected.is_empty() {
            return Err(ReleaseBlocked {
                item: item.to_owned(),
                pending,
                rejected,
                own_undecided,
                not_a_member: false,
            });
        }
        Ok(ReleasePermit {
            item: item.to_owned(),
            case_number: case_number.clone(),
            bundle_instance: Some(self.id.clone()),
        })
    }

    /// The bundle view: every decided result the gate holds back, in member
    /// order, with what it waits on. Exactly the decided items for which
    /// [`BundleInstance::release_permit`] fails.
    pub fn withheld(&self, outcomes: &Outcomes) -> Vec<Withheld> {
        self.bundle
            .members
            .iter()
            .filter(|m| outcome_of(outcomes, &m.item_code).is_some())
            .filter_map(|member| {
                let blocked = self.release_permit(&member.item_code, outcomes).err()?;
                let waiting_on: Vec<(String, WaitReason)> = self
                    .ordered_prerequisites_of(&member.item_code)
                    .into_iter()
                    .filter_map(|p| {
                        if blocked.rejected.contains(&p) {
                            Some((p, WaitReason::Rejected))
                        } else if blocked.pending.contains(&p) {
                            Some((p, WaitReason::Pending))
                        } else {
                            None
                        }
                    })
                    .collect();
                Some(Withheld {
                    item: member.item_code.clone(),
                    case_number: self
                        .case_number(&member.item_code)
                        .unwrap_or_default()
                        .to_owned(),
                    department: member.department.clone(),
                    needs_new_decision: !blocked.rejected.is_empty(),
                    waiting_on,
                })
            })
            .collect()
    }

    /// Departments with a decided case flagged for a new decision because a
    /// prerequisite it depends on was rejected.
    pub fn flagged_departments(&self, outcomes: &Outcomes) -> BTreeSet<String> {
        self.withheld(outcomes)
            .into_iter()
            .filter(|w| w.needs_new_decision)
            .map(|w| w.department)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::bundle::DecisionBlocked;

    use Outcome::{Approved, Rejected};

    fn instance(id: &str, members: &[&str], edges: &[(&str, &str)]) -> BundleInstance {
        let bundle = crate::bundle::definition::sample_bundle(members, edges);
        let cases = members
            .iter()
            .map(|i| ((*i).to_owned(), format!("CASE-{i}")))
            .collect();
        BundleInstance::new(id, bundle, cases).unwrap()
    }

    /// 开办餐馆: 消防 (fire) → 食品经营 (food); 环评 (env) independent.
    fn restaurant() -> BundleInstance {
        instance("APP-1", &["fire", "food", "env"], &[("fire", "food")])
    }

    fn outcomes(decided: &[(&str, Outcome)]) -> Outcomes {
        decided
            .iter()
            .map(|(i, o)| ((*i).to_owned(), Some(*o)))
            .collect()
    }

    #[test]
    fn art17_food_approved_before_fire_is_decided_is_withheld() {
        let r = restaurant();
        // 容缺: food decides at once, without waiting for fire.
        assert_eq!(r.may_decide("food", &Outcomes::new()), Ok(()));
        let o = outcomes(&[("food", Approved)]);
        let blocked = r.release_permit("food", &o).unwrap_err();
        assert_eq!(
            blocked,
            ReleaseBlocked {
                item: "food".into(),
                pending: vec!["fire".into()],
                rejected: vec![],
                own_undecided: false,
                not_a_member: false,
            }
        );
        assert_eq!(blocked.code(), "prerequisite_pending");
        assert_eq!(
            blocked.message_zh(),
            "前置事项“fire”尚未获得批准，事项“food”的结果暂不得公布或发放（第十七条）"
        );
        assert_eq!(
            r.withheld(&o),
            vec![Withheld {
                item: "food".into(),
                case_number: "CASE-food".into(),
                department: "部门food".into(),
                waiting_on: vec![("fire".into(), WaitReason::Pending)],
                needs_new_decision: false,
            }]
        );
        assert!(r.flagged_departments(&o).is_empty());
        // An undecided case has nothing to release, prerequisites or not.
        let env = r.release_permit("env", &o).unwrap_err();
        assert!(env.own_undecided && env.pending.is_empty());
        assert_eq!(env.code(), "not_decided");
    }

    #[test]
    fn art17_fire_approved_makes_food_releasable() {
        let r = restaurant();
        let o = outcomes(&[("food", Approved), ("fire", Approved)]);
        let permit = r.release_permit("food", &o).unwrap();
        assert_eq!(
            (
                permit.item(),
                permit.case_number(),
                permit.bundle_instance()
            ),
            ("food", "CASE-food", Some("APP-1"))
        );
        assert!(!permit.is_standalone());
        assert!(r.release_permit("fire", &o).is_ok());
        assert!(r.withheld(&o).is_empty());
        // A rejection of food is a result too, released the same way.
        let o = outcomes(&[("food", Rejected), ("fire", Approved)]);
        assert!(r.release_permit("food", &o).is_ok());
    }

    #[test]
    fn art17_fire_rejected_withholds_food_and_flags_it_env_is_free() {
        let r = restaurant();
        let o = outcomes(&[("food", Approved), ("fire", Rejected), ("env", Approved)]);
        let blocked = r.release_permit("food", &o).unwrap_err();
        assert_eq!(blocked.rejected, vec!["fire".to_owned()]);
        assert_eq!(blocked.code(), "prerequisite_rejected");
        assert_eq!(
            blocked.message_zh(),
            "前置事项“fire”未获批准，本事项须重新作出决定，\
             事项“food”的结果暂不得公布或发放（第十七条）"
        );
        let withheld = r.withheld(&o);
        assert_eq!(withheld.len(), 1);
        assert_eq!(withheld[0].item, "food");
        assert_eq!(
            withheld[0].waiting_on,
            vec![("fire".into(), WaitReason::Rejected)]
        );
        assert!(withheld[0].needs_new_decision);
        assert_eq!(
            r.flagged_departments(&o),
            BTreeSet::from(["部门food".to_owned()])
        );
        // The rejection of fire itself has no prerequisite: it is released.
        assert!(r.release_permit("fire", &o).is_ok());
        assert_eq!(
            r.release_permit("env", &o).unwrap().case_number(),
            "CASE-env"
        );
        // Food not yet decided: not withheld (nothing to withhold), not flagged.
        let o = outcomes(&[("fire", Rejected)]);
        assert!(r.withheld(&o).is_empty());
        assert!(r.flagged_departments(&o).is_empty());
    }

    #[test]
    fn art17_serial_edge_food_cannot_decide_before_fire_has_a_result() {
        let mut r = restaurant();
        r.mark_serial("fire", "food").unwrap();
        let blocked = r.may_decide("food", &Outcomes::new()).unwrap_err();
        assert_eq!(
            blocked,
            DecisionBlocked {
                item: "food".into(),
                waiting_on: vec!["fire".into()],
                not_a_member: false,
            }
        );
        assert_eq!(
            blocked.message_zh(),
            "事项“food”实行串联审批，须待前置事项“fire”的办理结果作出后方可作出决定（第十七条）"
        );
        // fire and env are not held by the serial edge.
        assert_eq!(r.may_decide("fire", &Outcomes::new()), Ok(()));
        assert_eq!(r.may_decide("env", &Outcomes::new()), Ok(()));
        // fire's result is in, either way: food may decide.
        assert_eq!(
            r.may_decide("food", &outcomes(&[("fire", Rejected)])),
            Ok(())
        );
        assert_eq!(
            r.may_decide("food", &outcomes(&[("fire", Approved)])),
            Ok(())
        );
        // An explicit "undecided" entry is still undecided.
        let o: Outcomes = BTreeMap::from([("fire".to_owned(), None)]);
        assert!(r.may_decide("food", &o).is_err());
        assert!(r.may_decide("nobody", &o).unwrap_err().not_a_member);
    }

    #[test]
    fn art17_chain_c_waits_on_a_transitively() {
        let chain = instance("APP-2", &["A", "B", "C"], &[("A", "B"), ("B", "C")]);
        let o = outcomes(&[("C", Approved), ("B", Approved)]);
        let blocked = chain.release_permit("C", &o).unwrap_err();
        assert_eq!(blocked.pending, vec!["A".to_owned()]);
        let o = outcomes(&[("C", Approved), ("A", Rejected), ("B", Approved)]);
        let w = chain.withheld(&o);
        assert_eq!(
            w.iter().map(|w| w.item.as_str()).collect::<Vec<_>>(),
            vec!["B", "C"]
        );
        assert!(w.iter().all(|w| w.needs_new_decision));
        assert_eq!(
            chain.flagged_departments(&o),
            BTreeSet::from(["部门B".to_owned(), "部门C".to_owned()])
        );
        let o = outcomes(&[("C", Approved), ("A", Approved)]);
        let w = chain.withheld(&o);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].waiting_on, vec![("B".into(), WaitReason::Pending)]);
        let o = outcomes(&[("C", Approved), ("A", Approved), ("B", Approved)]);
        assert!(chain.release_permit("C", &o).is_ok());
    }

    #[test]
    fn several_reasons_are_reported_together() {
        let chain = instance(
            "APP-3",
            &["A", "B", "C", "D"],
            &[("A", "D"), ("B", "D"), ("C", "D")],
        );
        let o = outcomes(&[("A", Rejected), ("B", Approved)]);
        let blocked = chain.release_permit("D", &o).unwrap_err();
        assert_eq!(
            blocked.message_zh(),
            "事项“D”尚未作出决定；前置事项“C”尚未获得批准；前置事项“A”未获批准，\
             事项“D”的结果暂不得公布或发放（第十七条）"
        );
    }

    #[test]
    fn no_permit_for_an_item_outside_the_bundle_and_standalone_is_marked() {
        let r = restaurant();
        let o = outcomes(&[("ghost", Approved)]);
        let blocked = r.release_permit("ghost", &o).unwrap_err();
        assert!(blocked.not_a_member);
        assert_eq!(blocked.code(), "bundle_not_a_member");
        let permit = standalone_permit("CASE-9");
        assert_eq!(
            (
                permit.item(),
                permit.case_number(),
                permit.bundle_instance()
            ),
            ("", "CASE-9", None)
        );
        assert!(permit.is_standalone());
    }
}

#[cfg(test)]
mod properties {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::bundle::{BundleDefinition, BundleKind, BundleMember, Prerequisite};

    #[derive(Debug, Clone)]
    enum Action {
        Decide { item: usize, approve: bool },
        Release { item: usize },
    }

    #[derive(Debug, Clone)]
    struct Scenario {
        n: usize,
        /// Member declaration order (a permutation of `0..n`).
        order: Vec<usize>,
        /// `(from, to, serial)` with `from < to`.
        edges: Vec<(usize, usize, bool)>,
        actions: Vec<Action>,
    }

    fn name(i: usize) -> String {
        format!("I{i}")
    }

    fn scenario() -> impl Strategy<Value = Scenario> {
        (2usize..=8).prop_flat_map(|n| {
            let pairs: Vec<(usize, usize)> = (0..n)
                .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                .collect();
            let edge_flags = proptest::collection::vec((any::<bool>(), any::<bool>()), pairs.len());
            let order = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
            let action = prop_oneof![
                (0..n, any::<bool>()).prop_map(|(item, approve)| Action::Decide { item, approve }),
                (0..n).prop_map(|item| Action::Release { item }),
            ];
            let actions = proptest::collection::vec(action, 0..40);
            (order, edge_flags, actions).prop_map(move |(order, flags, actions)| Scenario {
                n,
                order,
                edges: pairs
                    .iter()
                    .zip(flags)
                    .filter(|(_, (present, _))| *present)
                    .map(|(&(a, b), (_, serial))| (a, b, serial))
                    .collect(),
                actions,
            })
        })
    }

    fn build(s: &Scenario) -> BundleInstance {
        let bundle = BundleDefinition {
            code: "P".into(),
            name: "property".into(),
            kind: BundleKind::Parallel,
            members: s
                .order
                .iter()
                .map(|&i| BundleMember {
                    item_code: name(i),
                    department: format!("D{i}"),
                })
                .collect(),
            prerequisites: s
                .edges
                .iter()
                .map(|&(a, b, _)| Prerequisite {
                    prerequisite: name(a),
                    dependent: name(b),
                })
                .collect(),
        };
        let cases = (0..s.n).map(|i| (name(i), format!("C{i}"))).collect();
        let mut instance = BundleInstance::new("X", bundle, cases).unwrap();
        for &(a, b, serial) in &s.edges {
            if serial {
                instance.mark_serial(&name(a), &name(b)).unwrap();
            }
        }
        instance
    }

    /// Transitive closure computed independently: `reach[a][b]` when `a` is
    /// a (transitive) prerequisite of `b`.
    fn closure(s: &Scenario) -> Vec<Vec<bool>> {
        let mut reach = vec![vec![false; s.n]; s.n];
        for &(a, b, _) in &s.edges {
            reach[a][b] = true;
        }
        for k in 0..s.n {
            for a in 0..s.n {
                for b in 0..s.n {
                    if reach[a][k] && reach[k][b] {
                        reach[a][b] = true;
                    }
                }
            }
        }
        reach
    }

    /// The law, stated directly: the item is decided and every transitive
    /// prerequisite is approved.
    fn law_allows(reach: &[Vec<bool>], outcomes: &Outcomes, y: usize) -> bool {
        let get = |i: usize| outcomes.get(&name(i)).copied().flatten();
        get(y).is_some()
            && (0..reach.len())
                .filter(|&p| reach[p][y])
                .all(|p| get(p) == Some(Outcome::Approved))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_gate_is_exactly_the_law(s in scenario()) {
            let instance = build(&s);
            let reach = closure(&s);
            let mut outcomes: Outcomes = (0..s.n).map(|i| (name(i), None)).collect();
            for action in &s.actions {
                match *action {
                    Action::Decide { item, approve } => {
                        let serial_pending: Vec<String> = s
                            .edges
                            .iter()
                            .filter(|&&(a, b, serial)| {
                                serial && b == item && outcomes[&name(a)].is_none()
                            })
                            .map(|&(a, _, _)| name(a))
                            .collect();
                        match instance.may_decide(&name(item), &outcomes) {
                            Ok(()) => {
                                prop_assert!(serial_pending.is_empty());
                                let outcome = if approve { Outcome::Approved } else { Outcome::Rejected };
                                outcomes.insert(name(item), Some(outcome));
                            }
                            Err(blocked) => {
                                let mut waiting = blocked.waiting_on.clone();
                                waiting.sort();
                                let mut expected = serial_pending.clone();
                                expected.sort();
                                prop_assert_eq!(waiting, expected);
                                prop_assert!(!serial_pending.is_empty());
                            }
                        }
                    }
                    Action::Release { item } => {
                        let allowed = law_allows(&reach, &outcomes, item);
                        match instance.release_permit(&name(item), &outcomes) {
                            Ok(permit) => {
                                prop_assert!(allowed, "permit granted against the law");
                                prop_assert_eq!(permit.item(), name(item));
                                prop_assert_eq!(permit.case_number(), format!("C{item}"));
                                prop_assert_eq!(permit.bundle_instance(), Some("X"));
                            }
                            Err(blocked) => {
                                prop_assert!(!allowed, "gate stricter than the law: {:?}", blocked);
                            }
                        }
                    }
                }
                // Serial edges hold: a decided item's serial prerequisites are decided.
                for &(a, b, serial) in &s.edges {
                    if serial && outcomes[&name(b)].is_some() {
                        prop_assert!(outcomes[&name(a)].is_some());
                    }
                }
                // `withheld` lists exactly the decided items that cannot get a permit.
                let withheld: BTreeMap<String, Withheld> = instance
                    .withheld(&outcomes)
                    .into_iter()
                    .map(|w| (w.item.clone(), w))
                    .collect();
                for y in 0..s.n {
                    let decided = outcomes[&name(y)].is_some();
                    let blocked = !law_allows(&reach, &outcomes, y);
                    prop_assert_eq!(withheld.contains_key(&name(y)), decided && blocked);
                    if let Some(w) = withheld.get(&name(y)) {
                        let any_rejected = (0..s.n).any(|p| {
                            reach[p][y] && outcomes[&name(p)] == Some(Outcome::Rejected)
                        });
                        prop_assert_eq!(w.needs_new_decision, any_rejected);
                        prop_assert_eq!(&w.case_number, &format!("C{y}"));
                        for (p, reason) in &w.waiting_on {
                            let pi: usize = p[1..].parse().unwrap();
                            prop_assert!(reach[pi][y]);
                            let expected = match outcomes[p] {
                                None => WaitReason::Pending,
                                Some(Outcome::Rejected) => WaitReason::Rejected,
                                Some(Outcome::Approved) => unreachable!("approved listed"),
                            };
                            prop_assert_eq!(*reason, expected);
                        }
                        let not_approved = (0..s.n)
                            .filter(|&p| reach[p][y] && outcomes[&name(p)] != Some(Outcome::Approved))
                            .count();
                        prop_assert_eq!(w.waiting_on.len(), not_approved);
                    }
                }
                let flagged: BTreeSet<String> = withheld
                    .values()
                    .filter(|w| w.needs_new_decision)
                    .map(|w| w.department.clone())
                    .collect();
                prop_assert_eq!(instance.flagged_departments(&outcomes), flagged);
            }
        }

        #[test]
        fn transitive_prerequisites_match_the_closure(s in scenario()) {
            let instance = build(&s);
            let reach = closure(&s);
            for y in 0..s.n {
                let expected: BTreeSet<String> = reach
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| row[y])
                    .map(|(p, _)| name(p))
                    .collect();
                prop_assert_eq!(instance.all_prerequisites_of(&name(y)), expected);
                let direct: BTreeSet<String> = s
                    .edges
                    .iter()
                    .filter(|e| e.1 == y)
                    .map(|e| name(e.0))
                    .collect();
                let got: BTreeSet<String> = instance.prerequisites_of(&name(y)).into_iter().collect();
                prop_assert_eq!(got, direct);
            }
        }
    }
}
