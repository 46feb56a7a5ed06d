//! Bundles (并联服务 / 套餐服务, Art 15–17): checking a bundle file against
//! its items' guides, storing a bundle (an editor of every department it
//! spans), and the status of one application under a bundle: each item's
//! outcome and which results are withheld on what.

use std::collections::{BTreeSet, HashMap};

use approval_core::access::{Action, Target};
use approval_core::bundle::{
    check_bundle, consolidated_materials, longest_chain, BundleDefinition, Chain,
    ConsolidatedMaterial, Outcome, WaitReason,
};
use approval_core::error_code::ErrorCode;
use approval_core::exchange::{read_bundle_file, GuideFile};
use approval_core::guide::{GuideVersion, VersionState};
use approval_store::StoreTx;
use chrono::{DateTime, FixedOffset};

use crate::access::{may_view, require, Actor};
use crate::file_check::{rejected, FileCheck};
use crate::{in_read_unit, in_write_unit, ApiError, Desk};

/// Each member's guide, by item code.
pub type MemberGuides = HashMap<String, GuideVersion>;

/// A checked guide file standing in for its item's stored guide, as if
/// published at `now` by `file <origin>`.
pub fn guide_file_as_version(
    file: GuideFile,
    origin: &str,
    now: DateTime<FixedOffset>,
) -> GuideVersion {
    GuideVersion {
        number: 0,
        state: VersionState::Published {
            effective_from: file.effective_from.unwrap_or(now),
            published_at: now,
            published_by: format!("file {origin}"),
        },
        item: file.item,
        content: file.guide,
    }
}

/// The item codes a bundle file names as members that `given` has no
/// guide for. When there is none, the bundle can be checked without the
/// profile.
pub fn members_without_guide(json: &str, given: &MemberGuides) -> Vec<String> {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| {
            v.pointer("/bundle/members")?.as_array().map(|members| {
                members
                    .iter()
                    .filter_map(|m| m.get("item_code")?.as_str().map(str::to_owned))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|code| !given.contains_key(code))
        .collect()
}

/// The guides to check a bundle file against: `given` (from guide files),
/// and for each other member the stored guide in force at `at`, where
/// there is one.
pub async fn guides_for_bundle(
    desk: &Desk,
    at: DateTime<FixedOffset>,
    json: &str,
    mut given: MemberGuides,
) -> Result<MemberGuides, ApiError> {
    let missing = members_without_guide(json, &given);
    if missing.is_empty() {
        return Ok(given);
    }
    let stored = in_read_unit!(desk.db(), async |tx| {
        guides_in_force(tx, missing.iter().map(String::as_str), at).await
    })
    .await?;
    given.extend(stored);
    Ok(given)
}

async fn guides_in_force(
    tx: &mut StoreTx,
    codes: impl Iterator<Item = &str>,
    at: DateTime<FixedOffset>,
) -> Result<MemberGuides, ApiError> {
    let mut guides = MemberGuides::new();
    for code in codes {
        if let Some(version) = tx.guide_history(code).await?.in_force_at(at) {
            guides.insert(code.to_owned(), version.clone());
        }
    }
    Ok(guides)
}

/// Checks a bundle file (the exchange format) against its members' guides.
pub fn check_bundle_file(json: &str, guides: &MemberGuides) -> FileCheck<BundleDefinition> {
    let reading = read_bundle_file(json, guides);
    FileCheck::new(
        reading.findings,
        reading.file.map(|f| f.bundle),
        ErrorCode::BundleInvalid,
    )
}

/// What a bundle asks of an applicant: one list of materials (a material
/// shared by several items once, Art 15) and the longest chain of
/// prerequisites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSummary {
    pub materials: Vec<ConsolidatedMaterial>,
    /// `None` when the prerequisites form a cycle.
    pub longest_chain: Option<Chain>,
}

pub fn bundle_summary(bundle: &BundleDefinition, guides: &MemberGuides) -> BundleSummary {
    BundleSummary {
        materials: consolidated_materials(bundle, guides),
        longest_chain: longest_chain(bundle, guides),
    }
}

/// The bundle a successful import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleImported {
    pub code: String,
    pub name: String,
}

/// Stores `bundle` (replacing one of its code) after checking it again
/// against the guides in force at `at`. A bundle spans departments, so
/// `actor` must hold `edit_bundle` for every department of its items.
pub async fn import_bundle(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    bundle: BundleDefinition,
) -> Result<BundleImported, ApiError> {
    in_write_unit!(desk.db(), async |tx| {
        for department in departments_of(&bundle) {
            let target = Target::Department(department.to_owned());
            require(tx, actor, Action::EditBundle, target).await?;
        }
        let codes = bundle.members.iter().map(|m| m.item_code.as_str());
        let guides = guides_in_force(tx, codes, at).await?;
        let findings = check_bundle(&bundle, &guides);
        if findings.iter().any(|f| f.is_error()) {
            let what = format!("bundle {}", bundle.code);
            return Err(rejected(&what, ErrorCode::BundleInvalid, &findings));
        }
        tx.save_bundle(&bundle).await?;
        Ok(BundleImported {
            code: bundle.code.clone(),
            name: bundle.name.clone(),
        })
    })
    .await
}

/// The departments whose items a bundle groups, each once.
fn departments_of(bundle: &BundleDefinition) -> BTreeSet<&str> {
    bundle
        .members
        .iter()
        .map(|member| member.department.as_str())
        .collect()
}

/// One application under a bundle, as `actor` may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleStatus {
    pub id: String,
    pub code: String,
    pub name: String,
    /// In the bundle's order.
    pub members: Vec<MemberStatus>,
}

/// One item of a bundle instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberStatus {
    pub item_code: String,
    pub department: String,
    pub case: MemberCase,
    /// `None`: not decided yet.
    pub outcome: Option<Outcome>,
    pub gate: ReleaseGate,
}

/// The case of a member, if the reader may see its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberCase {
    /// The case's number (`None`: no case received for it yet).
    Number(Option<String>),
    /// Another department's case: its number stays within it.
    OtherDepartment,
}

/// Whether a member's result may be released (Art 17).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReleaseGate {
    /// Decided, but waiting on prerequisites not approved.
    Withheld {
        waiting_on: Vec<(String, WaitReason)>,
        /// A prerequisite was rejected: the item needs a new decision.
        needs_new_decision: bool,
    },
    NotDecided,
    Releasable,
}

/// The bundle view of instance `id`. Outcomes are shared across the
/// bundle (each department needs to know what its result waits on), but
/// only someone who may see one of its cases (`view_case`) reads the
/// status, and case numbers stay within their department.
pub async fn bundle_status(desk: &Desk, actor: &Actor, id: &str) -> Result<BundleStatus, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let instance = tx.bundle_instance(id).await?.ok_or_else(|| {
            ApiError::not_found(
                format!("套餐办件{id}未保存"),
                format!("no bundle instance {id} is stored"),
            )
        })?;
        let departments = departments_of(&instance.bundle);
        // The members whose case the actor may see: of their department, and
        // cleared for a classified item (Art 28).
        let mut visible = BTreeSet::new();
        for member in &instance.bundle.members {
            let target = match tx.item(&member.item_code).await? {
                Some(item) if item.definition.classified => {
                    Target::Classified(member.department.clone())
                }
                _ => Target::Department(member.department.clone()),
            };
            if may_view(tx, actor, Action::ViewCase, &target).await? {
                visible.insert(member.item_code.clone());
            }
        }
        let Some(first) = departments.first() else {
            return Err(ApiError::not_found(
                format!("套餐办件{id}没有任何事项"),
                format!("bundle instance {id} has no items"),
            ));
        };
        if visible.is_empty() {
            // The first department stands for all in the refusal: the
            // actor may see none of them.
            let target = Target::Department((*first).to_owned());
            require(tx, actor, Action::ViewCase, target).await?;
        }
        let outcomes = tx.bundle_standing(&instance).await?.outcomes;
        let withheld = instance.withheld(&outcomes);
        let members = instance
            .bundle
            .members
            .iter()
            .map(|member| {
                let item = &member.item_code;
                let outcome = outcomes.get(item).copied().flatten();
                let gate = match withheld.iter().find(|w| &w.item == item) {
                    Some(w) => ReleaseGate::Withheld {
                        waiting_on: w.waiting_on.clone(),
                        needs_new_decision: w.needs_new_decision,
                    },
                    None if outcome.is_none() => ReleaseGate::NotDecided,
                    None => ReleaseGate::Releasable,
                };
                let case = if visible.contains(item) {
                    MemberCase::Number(instance.case_number(item).map(str::to_owned))
                } else {
                    MemberCase::OtherDepartment
                };
                MemberStatus {
                    item_code: item.clone(),
                    department: member.department.clone(),
                    case,
                    outcome,
                    gate,
                }
            })
            .collect();
        Ok(BundleStatus {
            id: instance.id.clone(),
            code: instance.bundle.code.clone(),
            name: instance.bundle.name.clone(),
            members,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_core::access::{Role, Scope};

    use super::*;
    use crate::guides::check_guide_file;
    use crate::testing::{at, desk, grant, publish, FIRE, FOOD, MARKET, POLLUTANT};

    const RESTAURANT: &str = include_str!("../../../tests/fixtures/bundles/open-restaurant.json");
    const CYCLE: &str = include_str!("../../../tests/fixtures/bad/bundle-cycle.json");

    fn given() -> MemberGuides {
        [FOOD, FIRE, POLLUTANT]
            .into_iter()
            .map(|json| {
                let file = check_guide_file(json).accepted("guide").unwrap();
                let version = guide_file_as_version(file, "guide.json", at(2026, 1, 1));
                (version.item.code.clone(), version)
            })
            .collect()
    }

    #[test]
    fn a_bundle_checks_against_given_guides_and_sums_up() {
        let guides = given();
        assert!(members_without_guide(RESTAURANT, &guides).is_empty());
        assert_eq!(
            members_without_guide(RESTAURANT, &MemberGuides::new()).len(),
            3
        );
        let check = check_bundle_file(RESTAURANT, &guides);
        let summary = bundle_summary(check.file().unwrap(), &guides);
        assert!(!summary.materials.is_empty());
        assert!(summary.longest_chain.is_some());
        assert!(check.accepted("open-restaurant.json").is_ok());
    }

    #[test]
    fn a_bundle_without_its_guides_or_with_a_cycle_is_refused() {
        let error = check_bundle_file(RESTAURANT, &MemberGuides::new())
            .accepted("open-restaurant.json")
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::BundleInvalid);
        assert!(
            error.message_en.ends_with("nothing was changed"),
            "{error:?}"
        );
        assert!(!error.details.is_empty());
        let error = check_bundle_file(CYCLE, &given())
            .accepted("cycle.json")
            .unwrap_err();
        assert!(
            error.details.iter().any(|d| d.message_en == "bundle_cycle"),
            "{error:?}"
        );
    }

    #[tokio::test]
    async fn stored_guides_fill_in_and_an_import_checks_them_again() {
        let (_dir, desk) = desk().await;
        let bundle = check_bundle_file(RESTAURANT, &given())
            .accepted("open-restaurant.json")
            .unwrap();
        let actor = Actor::new("editor");
        // No guide stored yet: refused, nothing stored.
        let refused = import_bundle(&desk, &actor, at(2026, 2, 1), bundle.clone())
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::BundleInvalid);
        for json in [FOOD, FIRE, POLLUTANT] {
            publish(&desk, json).await;
        }
        let stored = guides_for_bundle(&desk, at(2026, 2, 1), RESTAURANT, MemberGuides::new())
            .await
            .unwrap();
        assert_eq!(stored.len(), 3);
        let imported = import_bundle(&desk, &actor, at(2026, 2, 1), bundle)
            .await
            .unwrap();
        assert_eq!(imported.name, "开办餐馆");
    }

    #[tokio::test]
    async fn an_import_needs_an_editor_of_every_department() {
        let (_dir, desk) = desk().await;
        for json in [FOOD, FIRE, POLLUTANT] {
            publish(&desk, json).await;
        }
        grant(
            &desk,
            "editor",
            Role::GuideEditor,
            Scope::Department(MARKET.into()),
        )
        .await;
        let bundle = check_bundle_file(RESTAURANT, &given())
            .accepted("open-restaurant.json")
            .unwrap();
        let denied = import_bundle(&desk, &Actor::new("editor"), at(2026, 2, 1), bundle.clone())
            .await
            .unwrap_err();
        assert_eq!(denied.code, ErrorCode::AccessOutOfScope);
        grant(&desk, "chief", Role::GuideEditor, Scope::All).await;
        import_bundle(&desk, &Actor::new("chief"), at(2026, 2, 1), bundle)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn the_status_hides_other_departments_cases_and_refuses_strangers() {
        let (_dir, desk) = desk().await;
        let bundle = check_bundle_file(RESTAURANT, &given())
            .accepted("open-restaurant.json")
            .unwrap();
        let cases = bundle
            .members
            .iter()
            .enumerate()
            .map(|(n, m)| (m.item_code.clone(), format!("SX2026-00000{n}")))
            .collect();
        let instance = approval_core::bundle::BundleInstance::new("BI-1", bundle, cases).unwrap();
        let mut tx = desk.db().write().await.unwrap();
        tx.save_bundle_instance(&instance).await.unwrap();
        tx.commit().await.unwrap();
        grant(
            &desk,
            "officer",
            Role::Officer,
            Scope::Department(MARKET.into()),
        )
        .await;

        let status = bundle_status(&desk, &Actor::new("officer"), "BI-1")
            .await
            .unwrap();
        assert_eq!(status.members.len(), 3);
        for member in &status.members {
            assert_eq!(member.outcome, None);
            assert_eq!(member.gate, ReleaseGate::NotDecided);
            if member.department == MARKET {
                assert!(
                    matches!(&member.case, MemberCase::Number(Some(_))),
                    "{member:?}"
                );
            } else {
                assert_eq!(member.case, MemberCase::OtherDepartment);
            }
        }
        let denied = bundle_status(&desk, &Actor::new("stranger"), "BI-1")
            .await
            .unwrap_err();
        assert_eq!(denied.code, ErrorCode::AccessNoRole);
    }

    #[tokio::test]
    async fn the_status_of_an_unknown_instance_is_not_found() {
        let (_dir, desk) = desk().await;
        let error = bundle_status(&desk, &Actor::new("officer"), "BI-404")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(error.message_en, "no bundle instance BI-404 is stored");
    }
}
