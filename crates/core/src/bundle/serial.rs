//! The wait of a serial dependent (串联审批, Art 17): while a prerequisite
//! across a serial edge has no result, the dependent's approval cannot go on
//! at all (审批完全无法开展), so that time is not the dependent's. It is a
//! pause of its own kind, and where the prerequisite ran past its own
//! deadline the lateness is the prerequisite department's.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::instance::{quoted_list, BundleInstance, Outcomes};
use crate::china_time::minute_zh;
use crate::clock::Pause;

/// When a member's case got its gate outcome (its decision, or its refusal
/// at acceptance), and the processing deadline it was held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDecision {
    pub at: DateTime<FixedOffset>,
    /// `None` for a case refused at acceptance (no processing clock ran).
    pub processing_due: Option<DateTime<FixedOffset>>,
}

/// Item code → its case's decision; an item missing is undecided.
pub type MemberDecisions = BTreeMap<String, MemberDecision>;

/// What the release gate and a serial dependent's clock read of the cases
/// of one bundle instance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BundleStanding {
    pub outcomes: Outcomes,
    pub decisions: MemberDecisions,
}

/// A serial prerequisite decided after its own processing deadline: the
/// dependent's wait past that deadline is charged to its department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatePrerequisite {
    pub item: String,
    pub department: String,
    pub deadline: DateTime<FixedOffset>,
    pub decided_at: DateTime<FixedOffset>,
}

/// The time a dependent's case waited for its serial prerequisites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerialWait {
    /// The serial prerequisites it waited (or waits) for, in the bundle's
    /// order.
    pub prerequisites: Vec<String>,
    /// When the dependent's processing clock started (its acceptance).
    pub from: DateTime<FixedOffset>,
    /// The last of those prerequisites' decisions; `None` while one is
    /// still undecided.
    pub until: Option<DateTime<FixedOffset>>,
    pub late_prerequisites: Vec<LatePrerequisite>,
}

impl SerialWait {
    /// The pause the wait puts on the dependent's processing clock.
    pub fn pause(&self) -> Pause {
        Pause {
            start: self.from,
            end: self.until,
            reason: format!(
                "串联审批：等待前置事项{}的办理结果（第十七条）",
                quoted_list(&self.prerequisites)
            ),
        }
    }

    /// The explanation for officers, in zh-CN: what was waited for, and who
    /// answers for a prerequisite that was late.
    pub fn message_zh(&self) -> String {
        let mut text = format!(
            "串联审批：自{}起等待前置事项{}的办理结果",
            minute_zh(&self.from),
            quoted_list(&self.prerequisites)
        );
        match self.until {
            Some(until) => text.push_str(&format!("，至{}止", minute_zh(&until))),
            None => text.push_str("，仍在等待"),
        }
        text.push_str("，等待时间不计入本事项办理时限");
        for late in &self.late_prerequisites {
            text.push_str(&format!(
                "；前置事项“{}”超过其办理时限（{}）于{}方作出决定，超期责任由“{}”承担",
                late.item,
                minute_zh(&late.deadline),
                minute_zh(&late.decided_at),
                late.department
            ));
        }
        text.push_str("（第十七条）");
        text
    }
}

impl BundleInstance {
    /// The wait of `item`'s case, accepted at `accepted_at`, for the
    /// prerequisites across serial edges into it (direct ones: a serial
    /// prerequisite's own wait is already in its decision time). `None`
    /// when no edge into `item` is serial, or every serial prerequisite had
    /// decided before the case was accepted.
    pub fn serial_wait(
        &self,
        item: &str,
        accepted_at: DateTime<FixedOffset>,
        decisions: &MemberDecisions,
    ) -> Option<SerialWait> {
        let prerequisites: Vec<String> = self
            .prerequisites_of(item)
            .into_iter()
            .filter(|p| self.is_serial(p, item))
            .collect();
        if prerequisites.is_empty() {
            return None;
        }
        let mut until = Some(accepted_at);
        for prerequisite in &prerequisites {
            until = match (until, decisions.get(prerequisite)) {
                (Some(latest), Some(decision)) => Some(latest.max(decision.at)),
                _ => None,
            };
        }
        if until == Some(accepted_at) {
            return None;
        }
        let late_prerequisites = prerequisites
            .iter()
            .filter_map(|item| {
                let decision = decisions.get(item)?;
                let deadline = decision.processing_due?;
                (decision.at >= deadline && decision.at > accepted_at).then(|| LatePrerequisite {
                    item: item.clone(),
                    department: self.department(item).unwrap_or_default().to_owned(),
                    deadline,
                    decided_at: decision.at,
                })
            })
            .collect();
        Some(SerialWait {
            prerequisites,
            from: accepted_at,
            until,
            late_prerequisites,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::definition::sample_bundle;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn restaurant(serial: bool) -> BundleInstance {
        let bundle = sample_bundle(&["fire", "food", "env"], &[("fire", "food")]);
        let cases = ["fire", "food", "env"]
            .iter()
            .map(|i| ((*i).to_owned(), format!("CASE-{i}")))
            .collect();
        let mut instance = BundleInstance::new("APP-1", bundle, cases).unwrap();
        if serial {
            instance.mark_serial("fire", "food").unwrap();
        }
        instance
    }

    fn decided(item: &str, when: &str, due: Option<&str>) -> MemberDecisions {
        MemberDecisions::from([(
            item.to_owned(),
            MemberDecision {
                at: at(when),
                processing_due: due.map(at),
            },
        )])
    }

    #[test]
    fn art17_without_a_serial_edge_nothing_waits() {
        let accepted = at("2026-11-02T10:00:00+08:00");
        assert_eq!(
            restaurant(false).serial_wait("food", accepted, &MemberDecisions::new()),
            None
        );
        assert_eq!(
            restaurant(true).serial_wait("env", accepted, &MemberDecisions::new()),
            None
        );
    }

    #[test]
    fn art17_the_wait_runs_from_acceptance_to_the_prerequisites_decision() {
        let instance = restaurant(true);
        let accepted = at("2026-11-02T10:00:00+08:00");
        let open = instance
            .serial_wait("food", accepted, &MemberDecisions::new())
            .unwrap();
        assert_eq!((open.from, open.until), (accepted, None));
        assert_eq!(open.pause().end, None);
        assert!(
            open.message_zh().contains("仍在等待"),
            "{}",
            open.message_zh()
        );

        let on_time = decided(
            "fire",
            "2026-11-10T16:00:00+08:00",
            Some("2026-11-20T17:00:00+08:00"),
        );
        let wait = instance.serial_wait("food", accepted, &on_time).unwrap();
        assert_eq!(wait.until, Some(at("2026-11-10T16:00:00+08:00")));
        assert!(wait.late_prerequisites.is_empty());
        assert_eq!(
            wait.pause().reason,
            "串联审批：等待前置事项“fire”的办理结果（第十七条）"
        );
    }

    #[test]
    fn art17_a_prerequisite_decided_before_acceptance_costs_no_wait() {
        let instance = restaurant(true);
        let before = decided("fire", "2026-11-01T16:00:00+08:00", None);
        assert_eq!(
            instance.serial_wait("food", at("2026-11-02T10:00:00+08:00"), &before),
            None
        );
    }

    #[test]
    fn art17_a_late_prerequisite_is_charged_to_its_own_department() {
        let instance = restaurant(true);
        let late = decided(
            "fire",
            "2026-11-25T16:00:00+08:00",
            Some("2026-11-20T17:00:00+08:00"),
        );
        let wait = instance
            .serial_wait("food", at("2026-11-02T10:00:00+08:00"), &late)
            .unwrap();
        assert_eq!(
            wait.late_prerequisites,
            vec![LatePrerequisite {
                item: "fire".into(),
                department: "部门fire".into(),
                deadline: at("2026-11-20T17:00:00+08:00"),
                decided_at: at("2026-11-25T16:00:00+08:00"),
            }]
        );
        assert!(
            wait.message_zh().contains("超期责任由“部门fire”承担"),
            "{}",
            wait.message_zh()
        );
    }
}
