//! The process flowchart (办事流程图): steps with a role and a maximum time
//! (Art 6), joined by edges; parallel branches allowed.

use serde::{Deserialize, Serialize};

use super::limit::TimeLimit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Receipt of the transferred case (收件/受理).
    Start,
    /// An ordinary review step (审查, 审核 …).
    Step,
    /// A special stage the guide declares (named by the step's `stage`); its
    /// time is the stage's and is not counted in the total (Art 11).
    SpecialStage,
    /// The decision (决定).
    Decision,
    /// The end (办结, 送达).
    End,
}

/// One step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub name: String,
    pub kind: StepKind,
    /// For a special-stage step: the id of the guide's special stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// The role that does the step (承办人, 审核人, 签发人 …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// 环节最长时限.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<TimeLimit>,
}

impl Step {
    /// Steps that take working time and so need a role and a limit.
    pub fn is_timed_work(&self) -> bool {
        matches!(self.kind, StepKind::Step | StepKind::Decision)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Edge {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Flowchart {
    pub steps: Vec<Step>,
    pub edges: Vec<Edge>,
}

impl Flowchart {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// Successors of each step by index; edges to unknown steps are left out.
    pub fn successors(&self) -> Vec<Vec<usize>> {
        let mut next = vec![Vec::new(); self.steps.len()];
        for edge in &self.edges {
            if let (Some(from), Some(to)) = (self.index_of(&edge.from), self.index_of(&edge.to)) {
                if !next[from].contains(&to) {
                    next[from].push(to);
                }
            }
        }
        next
    }

    /// The steps in an order where every edge goes forward, or `None` when
    /// the chart has a cycle (Kahn's algorithm).
    pub fn topological_order(&self) -> Option<Vec<usize>> {
        let next = self.successors();
        let mut incoming = vec![0usize; self.steps.len()];
        for targets in &next {
            for &t in targets {
                incoming[t] += 1;
            }
        }
        let mut ready: Vec<usize> = (0..self.steps.len())
            .filter(|&i| incoming[i] == 0)
            .rev()
            .collect();
        let mut order = Vec::with_capacity(self.steps.len());
        while let Some(i) = ready.pop() {
            order.push(i);
            for &t in next[i].iter().rev() {
                incoming[t] -= 1;
                if incoming[t] == 0 {
                    ready.push(t);
                }
            }
        }
        (order.len() == self.steps.len()).then_some(order)
    }
}
