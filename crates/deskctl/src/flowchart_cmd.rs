//! `deskctl flowchart render …`

use approval_core::bundle::bundle_flowchart;
use approval_core::exchange::{read_bundle_file, read_guide_file, BUNDLE_FORMAT};
use approval_docs::{guide_flowchart_svg, render_flowchart_svg, ChartText};

use crate::args::{Cli, FlowchartCommand};
use crate::failure::Failure;
use crate::findings::{fail_on_errors, render};
use crate::guide_cmd::read_text;

pub fn run(cli: &Cli, command: &FlowchartCommand) -> Result<(), Failure> {
    let FlowchartCommand::Render { file, out, guides } = command;
    let text = read_text(file)?;
    let is_bundle = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("format")?.as_str().map(|f| f == BUNDLE_FORMAT))
        .unwrap_or(false);
    let svg = if is_bundle {
        let guides = crate::block_on(crate::bundle_cmd::guides_for(cli, &text, guides))?;
        let reading = read_bundle_file(&text, &guides);
        eprint!("{}", render(&reading.findings));
        fail_on_errors(&file.display().to_string(), &reading.findings)?;
        let Some(bundle) = reading.file.map(|f| f.bundle) else {
            return Err(Failure::Usage(format!(
                "{} could not be read",
                file.display()
            )));
        };
        let chart = bundle_flowchart(&bundle, &guides);
        let stages: Vec<_> = guides
            .values()
            .flat_map(|g| g.content.special_stages.clone())
            .collect();
        render_flowchart_svg(
            &chart,
            &stages,
            &ChartText {
                title: format!("{}办事流程图", bundle.name),
                subtitle: Some(
                    "各部门按“默认前置条件批准”容缺机制同步办理，前置结果全部批准后统一出件"
                        .to_owned(),
                ),
                footer: vec![
                    "特殊环节时间不计入办理时限（《陕西省政务服务效能管理暂行办法》第十一条）"
                        .to_owned(),
                ],
            },
        )
    } else {
        let reading = read_guide_file(&text);
        eprint!("{}", render(&reading.findings));
        fail_on_errors(&file.display().to_string(), &reading.findings)?;
        let Some(guide) = reading.file else {
            return Err(Failure::Usage(format!(
                "{} could not be read",
                file.display()
            )));
        };
        guide_flowchart_svg(&guide.item, &guide.guide)
    };
    std::fs::write(out, svg).map_err(|source| Failure::WriteOutput {
        path: out.display().to_string(),
        source,
    })?;
    println!("{}", out.display());
    Ok(())
}
