//! Bundles (并联服务 / 套餐服务, Art 15, 17): items of several departments
//! with prerequisite relations (前后置关系) forming a DAG, one consolidated
//! materials list, a joint flowchart and the total limit along the longest
//! chain of prerequisites.

mod check;
mod consolidate;
mod definition;

pub use check::check_bundle;
pub use consolidate::{
    bundle_flowchart, consolidated_materials, longest_chain, Chain, ConsolidatedMaterial,
    MaterialUse,
};
pub use definition::{BundleDefinition, BundleKind, BundleMember, Prerequisite};
