//! Bundles (并联服务 / 套餐服务, Art 15, 17): items of several departments
//! with prerequisite relations (前后置关系) forming a DAG, one consolidated
//! materials list, a joint flowchart and the total limit along the longest
//! chain of prerequisites. An application under a bundle is a
//! [`BundleInstance`]; its results leave only through the release gate
//! ([`BundleInstance::release_permit`], Art 17).

mod check;
mod consolidate;
mod definition;
mod instance;
mod release_gate;
mod serial;

pub use check::check_bundle;
pub use consolidate::{
    bundle_flowchart, consolidated_materials, longest_chain, Chain, ConsolidatedMaterial,
    MaterialUse,
};
pub use definition::{BundleDefinition, BundleKind, BundleMember, Prerequisite};
pub use instance::{BundleInstance, DecisionBlocked, InstanceError, Outcome, Outcomes};
pub use release_gate::{standalone_permit, ReleaseBlocked, ReleasePermit, WaitReason, Withheld};
pub use serial::{BundleStanding, LatePrerequisite, MemberDecision, MemberDecisions, SerialWait};

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::guide::{
        GuideContent, GuideVersion, ItemDefinition, ItemLevel, ItemType, Material, MaterialForm,
        Requirement, ResultKind, TimeLimit, VersionState,
    };

    fn material(id: &str, name: &str, catalog: Option<&str>, required: bool) -> Material {
        Material {
            id: id.into(),
            name: name.into(),
            catalog_code: catalog.map(Into::into),
            requirement: if required {
                Requirement::Required
            } else {
                Requirement::Conditional {
                    condition: "委托办理的".into(),
                }
            },
            form: MaterialForm::Original,
            originals: 1,
            copies: 0,
            electronic_accepted: true,
            paper_required: false,
            paper_filing: None,
            format_notes: String::new(),
            filling_instructions: String::new(),
            sample: None,
        }
    }

    fn guide(code: &str, days: u32, materials: Vec<Material>) -> (String, GuideVersion) {
        let item = ItemDefinition {
            code: code.into(),
            name: format!("事项{code}"),
            item_type: ItemType::Licensing,
            department: format!("部门{code}"),
            level: ItemLevel::County,
            setting_basis: "依据".into(),
            complex: false,
            statutory_limit: TimeLimit::working_days(days),
            promised_limit: TimeLimit::working_days(days),
            result_kind: ResultKind::Certificate,
            result_needs_public_notice: false,
            delegated_to: None,
            instant: None,
            classified: false,
        };
        let version = GuideVersion {
            number: 1,
            state: VersionState::Draft,
            item,
            content: GuideContent {
                materials,
                ..GuideContent::default()
            },
        };
        (code.to_owned(), version)
    }

    fn bundle(edges: &[(&str, &str)]) -> BundleDefinition {
        definition::sample_bundle(&["A", "B", "C"], edges)
    }

    fn guides() -> HashMap<String, GuideVersion> {
        HashMap::from([
            guide(
                "A",
                10,
                vec![
                    material("A1", "营业执照", Some("LIC"), true),
                    material("A2", "申请书", None, true),
                ],
            ),
            guide(
                "B",
                7,
                vec![
                    material("B1", "营业执照（副本）", Some("LIC"), false),
                    material("B2", "身份 证明", None, true),
                ],
            ),
            guide("C", 20, vec![material("C1", "身份证明", None, false)]),
        ])
    }

    #[test]
    fn art15_a_material_shared_by_several_items_appears_once() {
        let list = consolidated_materials(&bundle(&[]), &guides());
        let names: Vec<_> = list
            .iter()
            .map(|m| (m.name.as_str(), m.used_by.len(), m.required))
            .collect();
        assert_eq!(
            names,
            vec![
                ("营业执照", 2, true),
                ("申请书", 1, true),
                // Without a catalogue code, B's and C's departments each
                // keep their own identity form (they are not one material).
                ("身份 证明", 1, true),
                ("身份证明", 1, false)
            ]
        );
    }

    #[test]
    fn prerequisites_must_form_a_dag_of_known_items() {
        let findings = check_bundle(&bundle(&[("A", "B"), ("B", "C"), ("C", "A")]), &guides());
        assert!(findings
            .iter()
            .any(|f| f.code == crate::guide::FindingCode::BundleCycle));
        let findings = check_bundle(&bundle(&[("A", "Z"), ("B", "B")]), &guides());
        assert!(findings
            .iter()
            .any(|f| f.path == "bundle.prerequisites[0].dependent"));
        assert!(findings
            .iter()
            .any(|f| f.code == crate::guide::FindingCode::BundleSelfPrerequisite));
        assert!(check_bundle(&bundle(&[("A", "B")]), &guides()).is_empty());
    }

    #[test]
    fn the_total_limit_runs_along_the_longest_chain() {
        let chain = longest_chain(&bundle(&[("B", "A")]), &guides()).expect("dag");
        assert_eq!(
            (chain.days, chain.item_codes.clone()),
            (20, vec!["C".to_owned()])
        );
        let chain = longest_chain(&bundle(&[("B", "A"), ("A", "C")]), &guides()).expect("dag");
        assert_eq!(
            (chain.days, chain.item_codes),
            (37, vec!["B".to_owned(), "A".to_owned(), "C".to_owned()])
        );
        assert!(longest_chain(&bundle(&[("A", "B"), ("B", "A")]), &guides()).is_none());
    }
}
