//! Service items (政务服务事项), their guides (办事指南) and process flowcharts
//! (办事流程图): what every case is judged against (Art 5, 6, 7, 9, 11).
//!
//! A guide is versioned: drafts are edited, a published version is
//! immutable and binds every case received while it is in force.

mod content;
mod finding;
mod flowchart;
mod item;
mod limit;
mod material;
mod stage;
mod validate;
mod version;

pub use content::{Contact, Fee, GuideContent, LegalBasis, ServiceWindow};
pub use finding::{Finding, FindingCode, Severity};
pub use flowchart::{Edge, Flowchart, Step, StepKind};
pub use item::{
    ApprovalBureau, BureauMode, HandledElsewhere, InstantItem, ItemChange, ItemDefinition,
    ItemError, ItemLevel, ItemStatus, ItemType, NotPublic, PendingChange, ResultKind, ServiceItem,
};
pub use limit::{LimitUnit, TimeLimit};
pub use material::{Material, MaterialForm, Requirement, SampleFile};
pub use stage::{SpecialStage, StageDuration, StageKind};
pub use validate::{check_guide, longest_step_path, PathLength};
pub use version::{GuideHistory, GuideVersion, VersionError, VersionState};

#[cfg(test)]
mod sample;
#[cfg(test)]
mod tests;
