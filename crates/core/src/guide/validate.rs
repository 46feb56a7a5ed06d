//! The checks a guide must pass before it is published or imported, each
//! finding with a stable code, the JSON path of the field and a zh-CN message.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::content::GuideContent;
use super::finding::{Finding, FindingCode as Code};
use super::flowchart::{Flowchart, StepKind};
use super::item::ItemDefinition;
use super::limit::{LimitUnit, TimeLimit};
use super::material::{MaterialForm, Requirement};
use super::stage::StageDuration;

/// Every finding about an item and the guide content it would publish.
pub fn check_guide(item: &ItemDefinition, guide: &GuideContent) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_item(item, &mut findings);
    check_content(guide, &mut findings);
    check_flowchart(item, guide, &mut findings);
    findings
}

fn check_item(item: &ItemDefinition, out: &mut Vec<Finding>) {
    for (field, value, label) in [
        ("code", &item.code, "事项编码"),
        ("name", &item.name, "事项名称"),
        ("department", &item.department, "实施主体"),
        ("setting_basis", &item.setting_basis, "设定依据"),
    ] {
        if value.trim().is_empty() {
            out.push(Finding::error(
                Code::ItemFieldEmpty,
                format!("item.{field}"),
                format!("{label}不能为空"),
            ));
        }
    }
    for (field, limit, label) in [
        ("statutory_limit", item.statutory_limit, "法定时限"),
        ("promised_limit", item.promised_limit, "承诺时限"),
    ] {
        if limit.days == 0 {
            out.push(Finding::error(
                Code::LimitZero,
                format!("item.{field}.days"),
                format!("{label}须至少1日"),
            ));
        }
    }
    if let Some(instant) = &item.instant {
        match &instant.handled_by {
            None => out.push(Finding::warning(
                Code::InstantNotWithApprovalBureau,
                "item.instant.handled_by",
                "即办事项原则上应委托本级行政审批服务局开展审批，或划转至本级行政审批服务局，在政务服务大厅直接办理（第十八条）",
            )),
            Some(bureau) if bureau.name.trim().is_empty() => out.push(Finding::error(
                Code::ItemFieldEmpty,
                "item.instant.handled_by.name",
                "行政审批服务局名称不能为空",
            )),
            Some(_) => {}
        }
    }
    if item.promised_limit.unit == item.statutory_limit.unit
        && item.promised_limit.days > item.statutory_limit.days
    {
        out.push(Finding::error(
            Code::PromisedExceedsStatutory,
            "item.promised_limit.days",
            format!(
                "承诺时限{}超过法定时限{}",
                item.promised_limit.to_zh(),
                item.statutory_limit.to_zh()
            ),
        ));
    }
}

fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<(usize, &'a str)> {
    let mut seen = HashSet::new();
    ids.enumerate()
        .filter(|(_, id)| !seen.insert(*id))
        .collect()
}

fn check_content(guide: &GuideContent, out: &mut Vec<Finding>) {
    if guide.conditions.iter().all(|c| c.trim().is_empty()) {
        out.push(Finding::warning(
            Code::ConditionsEmpty,
            "guide.conditions",
            "未列出受理条件",
        ));
    }
    if guide.legal_basis.is_empty() {
        out.push(Finding::error(
            Code::LegalBasisEmpty,
            "guide.legal_basis",
            "须列明法律依据",
        ));
    }
    if guide.materials.is_empty() {
        out.push(Finding::warning(
            Code::MaterialsEmpty,
            "guide.materials",
            "未列出申请材料",
        ));
    }
    for (index, id) in duplicates(guide.materials.iter().map(|m| m.id.as_str())) {
        out.push(Finding::error(
            Code::DuplicateId,
            format!("guide.materials[{index}].id"),
            format!("材料编号“{id}”重复"),
        ));
    }
    for (index, material) in guide.materials.iter().enumerate() {
        let at = |field: &str| format!("guide.materials[{index}].{field}");
        if material.name.trim().is_empty() {
            out.push(Finding::error(
                Code::ItemFieldEmpty,
                at("name"),
                "材料名称不能为空",
            ));
        }
        if let Requirement::Conditional { condition } = &material.requirement {
            if condition.trim().is_empty() {
                out.push(Finding::error(
                    Code::ConditionalWithoutCondition,
                    at("requirement.condition"),
                    format!("“{}”为容缺或情形材料，须写明提交情形", material.name),
                ));
            }
        }
        if material.paper_required
            && material
                .paper_filing
                .as_deref()
                .is_none_or(|f| f.trim().is_empty())
        {
            out.push(Finding::error(
                Code::PaperWithoutFiling,
                at("paper_required"),
                format!(
                    "“{}”要求纸质材料，但没有经政务服务管理部门批准的纸质材料收取备案（第九条）",
                    material.name
                ),
            ));
        }
        // Art 8 gives electronic materials the force of paper; a material
        // that accepts no electronic copy asks for paper only, which Art 9
        // allows only under an approved paper-materials filing.
        if !material.electronic_accepted
            && material
                .paper_filing
                .as_deref()
                .is_none_or(|f| f.trim().is_empty())
        {
            out.push(Finding::error(
                Code::PaperOnlyWithoutFiling,
                at("electronic_accepted"),
                format!(
                    "“{}”不接受电子材料（只收纸质），但没有经政务服务管理部门批准的纸质材料收取备案（第八条、第九条）",
                    material.name
                ),
            ));
        }
        let counts_fit = match material.form {
            MaterialForm::Original => material.originals > 0,
            MaterialForm::Copy => material.copies > 0,
            MaterialForm::OriginalAndCopy => material.originals > 0 && material.copies > 0,
        };
        if !counts_fit {
            out.push(Finding::warning(
                Code::NoCopiesOrOriginals,
                at("form"),
                format!("“{}”的原件/复印件份数与材料形式不符", material.name),
            ));
        }
    }
    for (index, id) in duplicates(guide.special_stages.iter().map(|s| s.id.as_str())) {
        out.push(Finding::error(
            Code::DuplicateId,
            format!("guide.special_stages[{index}].id"),
            format!("特殊环节编号“{id}”重复"),
        ));
    }
    for (index, stage) in guide.special_stages.iter().enumerate() {
        let at = |field: &str| format!("guide.special_stages[{index}].{field}");
        let mut missing = Vec::new();
        if stage.legal_basis.trim().is_empty() {
            missing.push(("legal_basis", "法律依据"));
        }
        if stage.method.trim().is_empty() {
            missing.push(("method", "拟采用方式"));
        }
        match &stage.duration {
            StageDuration::Estimated { limit } if limit.days == 0 => {
                missing.push(("duration.limit", "预估时限"))
            }
            StageDuration::ByFiling { filing } if filing.trim().is_empty() => {
                missing.push(("duration.filing", "无法注明时限的备案"))
            }
            _ => {}
        }
        for (field, label) in missing {
            out.push(Finding::error(
                Code::StageIncomplete,
                at(field),
                format!("特殊环节“{}”须注明{label}（第十一条）", stage.name),
            ));
        }
        let used = guide.flowchart.steps.iter().any(|s| {
            s.kind == StepKind::SpecialStage && s.stage.as_deref() == Some(stage.id.as_str())
        });
        if !used {
            out.push(Finding::warning(
                Code::StageUnused,
                at("id"),
                format!("特殊环节“{}”未出现在流程图中", stage.name),
            ));
        }
    }
}

fn check_flowchart(item: &ItemDefinition, guide: &GuideContent, out: &mut Vec<Finding>) {
    let chart = &guide.flowchart;
    let step_path = |index: usize, field: &str| format!("guide.flowchart.steps[{index}].{field}");
    let before = out.len();
    for (index, id) in duplicates(chart.steps.iter().map(|s| s.id.as_str())) {
        out.push(Finding::error(
            Code::DuplicateId,
            step_path(index, "id"),
            format!("环节编号“{id}”重复"),
        ));
    }
    for (index, edge) in chart.edges.iter().enumerate() {
        for (field, id) in [("from", &edge.from), ("to", &edge.to)] {
            if chart.step(id).is_none() {
                out.push(Finding::error(
                    Code::EdgeUnknownStep,
                    format!("guide.flowchart.edges[{index}].{field}"),
                    format!("连线指向不存在的环节“{id}”"),
                ));
            }
        }
    }
    let starts: Vec<usize> = indices(chart, |k| matches!(k, StepKind::Start));
    let ends: Vec<usize> = indices(chart, |k| matches!(k, StepKind::End));
    match starts.len() {
        0 => out.push(Finding::error(
            Code::FlowchartNoStart,
            "guide.flowchart.steps",
            "流程图须有一个开始环节",
        )),
        1 => {}
        _ => {
            for &i in &starts[1..] {
                out.push(Finding::error(
                    Code::FlowchartManyStarts,
                    step_path(i, "kind"),
                    "流程图只能有一个开始环节",
                ));
            }
        }
    }
    if ends.is_empty() {
        out.push(Finding::error(
            Code::FlowchartNoEnd,
            "guide.flowchart.steps",
            "流程图须至少有一个结束环节",
        ));
    }
    if indices(chart, |k| matches!(k, StepKind::Decision)).is_empty() {
        out.push(Finding::warning(
            Code::NoDecisionStep,
            "guide.flowchart.steps",
            "流程图没有决定环节",
        ));
    }
    let next = chart.successors();
    for (index, step) in chart.steps.iter().enumerate() {
        let has_incoming = next.iter().any(|targets| targets.contains(&index));
        if matches!(step.kind, StepKind::Start) && has_incoming {
            out.push(Finding::error(
                Code::StartHasIncoming,
                step_path(index, "id"),
                format!("开始环节“{}”不能有来自其他环节的连线", step.name),
            ));
        }
        if matches!(step.kind, StepKind::End) && !next[index].is_empty() {
            out.push(Finding::error(
                Code::EndHasOutgoing,
                step_path(index, "id"),
                format!("结束环节“{}”之后不能再有环节", step.name),
            ));
        }
        if step.is_timed_work() {
            if step.role.as_deref().is_none_or(|r| r.trim().is_empty()) {
                out.push(Finding::error(
                    Code::StepWithoutRole,
                    step_path(index, "role"),
                    format!("环节“{}”须指定办理角色", step.name),
                ));
            }
            match step.limit {
                None => out.push(Finding::error(
                    Code::StepWithoutLimit,
                    step_path(index, "limit"),
                    format!("环节“{}”须注明最长时限（第六条）", step.name),
                )),
                Some(limit) if limit.days == 0 => out.push(Finding::error(
                    Code::LimitZero,
                    step_path(index, "limit.days"),
                    format!("环节“{}”的时限须至少1日", step.name),
                )),
                Some(_) => {}
            }
        }
        if step.kind == StepKind::SpecialStage {
            let stage = step.stage.as_deref().unwrap_or("");
            if guide.stage(stage).is_none() {
                out.push(Finding::error(
                    Code::StageStepUndeclared,
                    step_path(index, "stage"),
                    format!(
                        "环节“{}”引用的特殊环节“{stage}”未在办事指南中注明（第十一条）",
                        step.name
                    ),
                ));
            }
        }
    }
    if let [start] = starts[..] {
        let reachable = reach(&next, &[start]);
        for (index, step) in chart.steps.iter().enumerate() {
            if !reachable[index] {
                out.push(Finding::error(
                    Code::StepUnreachable,
                    step_path(index, "id"),
                    format!("从开始环节无法到达环节“{}”", step.name),
                ));
            }
        }
    }
    if !ends.is_empty() {
        let mut previous = vec![Vec::new(); chart.steps.len()];
        for (from, targets) in next.iter().enumerate() {
            for &to in targets {
                previous[to].push(from);
            }
        }
        let reaches_end = reach(&previous, &ends);
        for (index, step) in chart.steps.iter().enumerate() {
            if !reaches_end[index] {
                out.push(Finding::error(
                    Code::StepCannotReachEnd,
                    step_path(index, "id"),
                    format!("环节“{}”无法到达结束环节", step.name),
                ));
            }
        }
    }
    if chart.topological_order().is_none() {
        out.push(Finding::error(
            Code::FlowchartCycle,
            "guide.flowchart.edges",
            "流程图存在循环：环节之间不能形成回路（退回另行处理）",
        ));
    }
    let structure_ok = out[before..].iter().all(|f| !f.is_error());
    if structure_ok {
        check_total_limit(item.promised_limit, chart, out);
    }
}

fn check_total_limit(promised: TimeLimit, chart: &Flowchart, out: &mut Vec<Finding>) {
    let units: HashSet<LimitUnit> = chart
        .steps
        .iter()
        .filter(|s| s.is_timed_work())
        .filter_map(|s| s.limit.map(|l| l.unit))
        .collect();
    if units.iter().any(|u| *u != promised.unit) {
        out.push(Finding::warning(
            Code::LimitUnitMismatch,
            "guide.flowchart.steps",
            "环节时限与承诺时限的计算单位不同，无法核对总时限",
        ));
        return;
    }
    if let Some(longest) = longest_step_path(chart) {
        if longest.days > promised.days {
            out.push(Finding::error(
                Code::LongestPathExceedsLimit,
                "guide.flowchart.steps",
                format!(
                    "最长办理路径（{}）各环节时限合计{}日，超过承诺时限{}",
                    longest.step_names.join("→"),
                    longest.days,
                    promised.to_zh()
                ),
            ));
        }
    }
}

fn indices(chart: &Flowchart, pick: impl Fn(&StepKind) -> bool) -> Vec<usize> {
    chart
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| pick(&s.kind))
        .map(|(i, _)| i)
        .collect()
}

/// Which steps can be reached from `from` along `next`.
fn reach(next: &[Vec<usize>], from: &[usize]) -> Vec<bool> {
    let mut seen = vec![false; next.len()];
    let mut stack: Vec<usize> = from.to_vec();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(next[i].iter().copied().filter(|&j| !seen[j]));
    }
    seen
}

/// The longest path through a chart, by the sum of its timed steps' limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathLength {
    pub days: u32,
    pub step_names: Vec<String>,
}

/// The longest path of step limits, special stages excluded (their time is
/// not counted, Art 11); `None` for a chart with a cycle.
pub fn longest_step_path(chart: &Flowchart) -> Option<PathLength> {
    let order = chart.topological_order()?;
    let next = chart.successors();
    let weight = |i: usize| {
        let step = &chart.steps[i];
        if step.is_timed_work() {
            step.limit.map_or(0, |l| l.days)
        } else {
            0
        }
    };
    let mut best: HashMap<usize, (u32, Option<usize>)> = HashMap::new();
    for &i in &order {
        let (days, _) = *best.entry(i).or_insert((weight(i), None));
        for &j in &next[i] {
            let candidate = days + weight(j);
            let entry = best.entry(j).or_insert((weight(j), None));
            if candidate > entry.0 || entry.1.is_none() && candidate >= entry.0 {
                *entry = (candidate, Some(i));
            }
        }
    }
    let (&last, &(days, _)) = best
        .iter()
        .max_by_key(|(i, (d, _))| (*d, std::cmp::Reverse(**i)))?;
    let mut path = vec![last];
    let mut cursor = last;
    while let Some(&(_, Some(previous))) = best.get(&cursor) {
        path.push(previous);
        cursor = previous;
    }
    path.reverse();
    Some(PathLength {
        days,
        step_names: path
            .into_iter()
            .filter(|&i| weight(i) > 0)
            .map(|i| chart.steps[i].name.clone())
            .collect(),
    })
}
