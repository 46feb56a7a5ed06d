use std::collections::{HashMap, HashSet};

use super::definition::BundleDefinition;
use crate::guide::{Finding, FindingCode as Code, GuideVersion};

/// Every finding about a bundle; `guides` holds the guide in force of each
/// item that is known.
pub fn check_bundle(
    bundle: &BundleDefinition,
    guides: &HashMap<String, GuideVersion>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, value, label) in [
        ("code", &bundle.code, "套餐编码"),
        ("name", &bundle.name, "套餐名称"),
    ] {
        if value.trim().is_empty() {
            out.push(Finding::error(
                Code::ItemFieldEmpty,
                format!("bundle.{field}"),
                format!("{label}不能为空"),
            ));
        }
    }
    if bundle.members.len() < 2 {
        out.push(Finding::error(
            Code::BundleTooFewItems,
            "bundle.members",
            "并联或套餐服务至少包含两个事项",
        ));
    }
    let mut seen = HashSet::new();
    for (index, member) in bundle.members.iter().enumerate() {
        if !seen.insert(member.item_code.as_str()) {
            out.push(Finding::error(
                Code::BundleDuplicateItem,
                format!("bundle.members[{index}].item_code"),
                format!("事项“{}”重复列入", member.item_code),
            ));
        }
        if !guides.contains_key(&member.item_code) {
            out.push(Finding::error(
                Code::BundleGuideMissing,
                format!("bundle.members[{index}].item_code"),
                format!("事项“{}”没有已发布的办事指南", member.item_code),
            ));
        }
    }
    let mut edges = HashSet::new();
    for (index, edge) in bundle.prerequisites.iter().enumerate() {
        for (field, code) in [
            ("prerequisite", &edge.prerequisite),
            ("dependent", &edge.dependent),
        ] {
            if bundle.member_index(code).is_none() {
                out.push(Finding::error(
                    Code::BundleEdgeUnknownItem,
                    format!("bundle.prerequisites[{index}].{field}"),
                    format!("前后置关系引用了不在套餐中的事项“{code}”"),
                ));
            }
        }
        if edge.prerequisite == edge.dependent {
            out.push(Finding::error(
                Code::BundleSelfPrerequisite,
                format!("bundle.prerequisites[{index}]"),
                format!("事项“{}”不能是自身的前置事项", edge.dependent),
            ));
        }
        if !edges.insert((edge.prerequisite.as_str(), edge.dependent.as_str())) {
            out.push(Finding::error(
                Code::BundleDuplicateEdge,
                format!("bundle.prerequisites[{index}]"),
                "前后置关系重复".to_owned(),
            ));
        }
    }
    if bundle.topological_order().is_none() {
        out.push(Finding::error(
            Code::BundleCycle,
            "bundle.prerequisites",
            "前后置关系形成循环：事项之间不能互为前置",
        ));
    }
    out
}
