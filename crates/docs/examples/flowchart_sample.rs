//! Renders sample charts to `target/`, to look at them:
//!
//! ```text
//! cargo run -p approval-docs --example flowchart_sample
//! rsvg-convert target/flowchart-sample.svg -o target/flowchart-sample.png
//! ```
//!
//! Writes `flowchart-sample.svg` (a guide's chart: a construction permit
//! with a parallel site survey) and `flowchart-bundle-sample.svg` (a
//! bundle with three parallel lanes) and `flowchart-complex-sample.svg`
//! (exits, long edges, a back edge) into the workspace's `target/`.

#[path = "../src/samples.rs"]
mod samples;

use std::path::PathBuf;

use approval_docs::{guide_flowchart_svg, render_flowchart_svg, ChartText};

fn main() -> std::io::Result<()> {
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target");
    std::fs::create_dir_all(&target)?;

    let (item, content) = samples::construction_permit();
    let path = target.join("flowchart-sample.svg");
    std::fs::write(&path, guide_flowchart_svg(&item, &content))?;
    println!("{}", path.display());

    let text = ChartText {
        title: "开餐馆一件事并联审批流程图".to_owned(),
        subtitle: Some(
            "默认前置条件批准（容缺）：各部门同时办理；各事项结果在其前置事项结果全部获得批准后，由窗口统一出件".to_owned(),
        ),
        footer: vec![
            "注：特殊环节时间不计入办理时限（《陕西省政务服务效能管理暂行办法》第十一条）。"
                .to_owned(),
        ],
    };
    let path = target.join("flowchart-bundle-sample.svg");
    std::fs::write(
        &path,
        render_flowchart_svg(&samples::three_lane_bundle(), &[], &text),
    )?;
    println!("{}", path.display());

    let (chart, stages) = samples::complex_chart();
    let text = ChartText {
        title: "复杂流程图（含退回补正）".to_owned(),
        subtitle: None,
        footer: Vec::new(),
    };
    let path = target.join("flowchart-complex-sample.svg");
    std::fs::write(&path, render_flowchart_svg(&chart, &stages, &text))?;
    println!("{}", path.display());
    Ok(())
}
