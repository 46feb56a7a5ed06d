//! `deskctl flowchart render …`

use approval_api::bundles::check_bundle_file;
use approval_api::flowcharts::{bundle_flowchart_svg, guide_flowchart, is_bundle_file};
use approval_api::guides::check_guide_file;

use crate::args::{Cli, FlowchartCommand};
use crate::failure::Failure;
use crate::findings::render;
use crate::guide_cmd::read_text;

pub fn run(cli: &Cli, command: &FlowchartCommand) -> Result<(), Failure> {
    let FlowchartCommand::Render { file, out, guides } = command;
    let text = read_text(file)?;
    let what = file.display().to_string();
    let svg = if is_bundle_file(&text) {
        let guides = crate::block_on(crate::bundle_cmd::guides_for(cli, &text, guides))?;
        let check = check_bundle_file(&text, &guides);
        eprint!("{}", render(&check.findings));
        bundle_flowchart_svg(&check.accepted(&what)?, &guides)?
    } else {
        let check = check_guide_file(&text);
        eprint!("{}", render(&check.findings));
        guide_flowchart(&check.accepted(&what)?)?
    };
    std::fs::write(out, svg).map_err(|source| Failure::WriteOutput {
        path: out.display().to_string(),
        source,
    })?;
    println!("{}", out.display());
    Ok(())
}
