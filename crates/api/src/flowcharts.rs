//! Flowcharts (办事流程图) as SVG: a guide's own, or a bundle's joint
//! chart over its members' guides (Art 11: special stages are drawn and
//! noted as not counting towards the time limit).

use approval_core::bundle::{bundle_flowchart, BundleDefinition};
use approval_core::exchange::{GuideFile, BUNDLE_FORMAT};
use approval_docs::{guide_flowchart_svg, render_flowchart_svg, ChartText};

use crate::bundles::MemberGuides;
use crate::ApiError;

/// Whether `json` is a bundle file (its `format` says so) rather than a
/// guide file.
pub fn is_bundle_file(json: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("format")?.as_str().map(|f| f == BUNDLE_FORMAT))
        .unwrap_or(false)
}

/// The public flowchart of a checked guide file, as a standalone SVG
/// document; refused for a classified item (Art 28).
pub fn guide_flowchart(file: &GuideFile) -> Result<String, ApiError> {
    file.item.may_be_published()?;
    Ok(guide_flowchart_svg(&file.item, &file.guide))
}

/// The public joint flowchart of a checked bundle over its members' guides,
/// as a standalone SVG document; refused when a member is classified (Art
/// 28: its steps would be published with the bundle's).
pub fn bundle_flowchart_svg(
    bundle: &BundleDefinition,
    guides: &MemberGuides,
) -> Result<String, ApiError> {
    for guide in guides.values() {
        guide.item.may_be_published()?;
    }
    let chart = bundle_flowchart(bundle, guides);
    let stages: Vec<_> = guides
        .values()
        .flat_map(|g| g.content.special_stages.clone())
        .collect();
    Ok(render_flowchart_svg(
        &chart,
        &stages,
        &ChartText {
            title: format!("{}办事流程图", bundle.name),
            subtitle: Some(
                "各部门按“默认前置条件批准”容缺机制同步办理；各事项的结果在其前置事项结果全部获得批准后，由窗口服务单位统一出件".to_owned(),
            ),
            footer: vec![
                "特殊环节时间不计入办理时限（《陕西省政务服务效能管理暂行办法》第十一条）"
                    .to_owned(),
            ],
        },
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_core::error_code::ErrorCode;

    use super::*;
    use crate::bundles::{check_bundle_file, guide_file_as_version};
    use crate::guides::check_guide_file;
    use crate::testing::{at, FIRE, FOOD, POLLUTANT};

    const CONSTRUCTION: &str =
        include_str!("../../../tests/fixtures/guides/construction-works-permit.json");
    const RESTAURANT: &str = include_str!("../../../tests/fixtures/bundles/open-restaurant.json");
    const CYCLE: &str = include_str!("../../../tests/fixtures/bad/guide-cycle.json");

    #[test]
    fn a_guide_and_a_bundle_render_as_svg() {
        assert!(!is_bundle_file(CONSTRUCTION));
        let svg =
            guide_flowchart(&check_guide_file(CONSTRUCTION).accepted("c.json").unwrap()).unwrap();
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"));
        assert!(svg.contains("特殊环节"));

        assert!(is_bundle_file(RESTAURANT));
        let guides: MemberGuides = [FOOD, FIRE, POLLUTANT]
            .into_iter()
            .map(|json| {
                let file = check_guide_file(json).accepted("g.json").unwrap();
                let version = guide_file_as_version(file, "g.json", at(2026, 1, 1));
                (version.item.code.clone(), version)
            })
            .collect();
        let bundle = check_bundle_file(RESTAURANT, &guides)
            .accepted("r.json")
            .unwrap();
        assert!(bundle_flowchart_svg(&bundle, &guides)
            .unwrap()
            .contains("统一出件"));
    }

    #[test]
    fn a_file_with_errors_draws_nothing() {
        assert!(!is_bundle_file("{"));
        let error = check_guide_file(CYCLE).accepted("cycle.json").unwrap_err();
        assert_eq!(error.code, ErrorCode::GuideInvalid);
        let error = check_bundle_file(RESTAURANT, &MemberGuides::new())
            .accepted("r.json")
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::BundleInvalid);
    }
}
