//! A draft against the published version, readable: one row per changed
//! field, and the entries of each list (materials, stages, fees,
//! conditions, legal basis, windows, flowchart steps and edges) added,
//! removed or changed, each with the fields that changed.

use approval_core::exchange::GuideFile;
use approval_core::guide::TimeLimit;
use serde_json::Value;

use crate::views::guide_editor::{GuideChangeRowView, GuideDiffView, GuideEntryChangeView};

/// What `draft` changes against `published` (everything is new without
/// one).
pub fn diff_files(
    code: &str,
    draft_number: u32,
    draft: &GuideFile,
    published: Option<(u32, &GuideFile)>,
) -> GuideDiffView {
    let after = serde_json::to_value(draft).unwrap_or(Value::Null);
    let before = published
        .and_then(|(_, file)| serde_json::to_value(file).ok())
        .unwrap_or(Value::Null);
    let mut fields = object_rows("item", &before["item"], &after["item"]);
    fields.extend(object_rows(
        "guide.contact",
        &before["guide"]["contact"],
        &after["guide"]["contact"],
    ));
    let list = |section: &'static str, key: fn(&Value) -> String| {
        let path = if matches!(section, "steps" | "edges") {
            format!("guide.flowchart.{section}")
        } else {
            format!("guide.{section}")
        };
        let pick = |file: &Value| {
            let list = if matches!(section, "steps" | "edges") {
                &file["guide"]["flowchart"][section]
            } else {
                &file["guide"][section]
            };
            list.as_array().cloned().unwrap_or_default()
        };
        list_changes(section, &path, &pick(&before), &pick(&after), key)
    };
    let by_id = |v: &Value| text(&v["id"]);
    let by_name = |v: &Value| text(&v["name"]);
    let mut entries = Vec::new();
    entries.extend(list("conditions", text));
    entries.extend(list("legal_basis", |v| {
        format!("{}{}", text(&v["title"]), text(&v["provision"]))
    }));
    entries.extend(list("materials", by_id));
    entries.extend(list("fees", by_name));
    entries.extend(list("special_stages", by_id));
    entries.extend(list("windows", by_name));
    entries.extend(list("steps", by_id));
    entries.extend(list("edges", |v| {
        format!("{}→{}", text(&v["from"]), text(&v["to"]))
    }));
    GuideDiffView {
        code: code.to_owned(),
        draft_number,
        published_number: published.map(|(n, _)| n),
        fields,
        entries,
    }
}

/// A field's value as an editor reads it: text as it is, a time limit in
/// Chinese (`5个工作日`), anything else as compact JSON; absent: `None`.
fn shown(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Object(_) => Some(
            serde_json::from_value::<TimeLimit>(value.clone())
                .map(TimeLimit::to_zh)
                .unwrap_or_else(|_| value.to_string()),
        ),
        other => Some(other.to_string()),
    }
}

fn text(value: &Value) -> String {
    shown(value).unwrap_or_default()
}

fn keys<'a>(before: &'a Value, after: &'a Value) -> Vec<&'a String> {
    let mut keys: Vec<&String> = after
        .as_object()
        .map(|a| a.keys().collect())
        .unwrap_or_default();
    if let Some(before) = before.as_object() {
        for key in before.keys() {
            if after.get(key).is_none() {
                keys.push(key);
            }
        }
    }
    keys
}

/// One row per field of two objects that differs.
fn object_rows(path: &str, before: &Value, after: &Value) -> Vec<GuideChangeRowView> {
    keys(before, after)
        .into_iter()
        .filter(|key| before[key.as_str()] != after[key.as_str()])
        .map(|key| GuideChangeRowView {
            path: format!("{path}.{key}"),
            label: label(key).to_owned(),
            before: shown(&before[key.as_str()]),
            after: shown(&after[key.as_str()]),
        })
        .collect()
}

fn list_changes(
    section: &'static str,
    path: &str,
    before: &[Value],
    after: &[Value],
    key: impl Fn(&Value) -> String,
) -> Vec<GuideEntryChangeView> {
    let mut changes = Vec::new();
    for (index, entry) in after.iter().enumerate() {
        let id = key(entry);
        let entry_path = format!("{path}[{index}]");
        match before.iter().find(|b| key(b) == id) {
            None => changes.push(entry_change(section, id, "added", entry_path, Vec::new())),
            Some(old) if old != entry => {
                let rows = if entry.is_object() {
                    object_rows(&entry_path, old, entry)
                } else {
                    Vec::new()
                };
                changes.push(entry_change(section, id, "changed", entry_path, rows));
            }
            Some(_) => {}
        }
    }
    for (index, entry) in before.iter().enumerate() {
        let id = key(entry);
        if !after.iter().any(|a| key(a) == id) {
            let entry_path = format!("{path}[{index}]");
            changes.push(entry_change(section, id, "removed", entry_path, Vec::new()));
        }
    }
    changes
}

fn entry_change(
    section: &'static str,
    key: String,
    change: &'static str,
    path: String,
    rows: Vec<GuideChangeRowView>,
) -> GuideEntryChangeView {
    GuideEntryChangeView {
        section: section.to_owned(),
        section_label: label(section).to_owned(),
        key,
        change: change.to_owned(),
        path,
        fields: rows
            .iter()
            .filter_map(|r| r.path.rsplit('.').next().map(str::to_owned))
            .collect(),
        rows,
    }
}

/// The zh-CN name of a field or a list of the exchange format.
fn label(key: &str) -> &str {
    match key {
        "code" => "事项编码",
        "item_type" => "事项类型",
        "department" => "实施主体",
        "level" => "行使层级",
        "setting_basis" => "设定依据",
        "complex" => "复杂事项",
        "statutory_limit" => "法定时限",
        "promised_limit" => "承诺时限",
        "result_kind" => "审批结果类型",
        "result_needs_public_notice" => "结果须公示",
        "delegated_to" => "下放或委托至",
        "instant" => "即办事项",
        "classified" => "涉密敏感事项",
        "phone" => "咨询电话",
        "complaint_phone" => "监督投诉电话",
        "id" => "编号",
        "name" => "名称",
        "catalog_code" => "材料目录编码",
        "requirement" => "提交要求",
        "form" => "原件或复印件",
        "originals" => "原件份数",
        "copies" => "复印件份数",
        "electronic_accepted" => "接受电子材料",
        "paper_required" => "须提交纸质材料",
        "paper_filing" => "纸质材料备案",
        "format_notes" => "格式要求",
        "filling_instructions" => "填写说明",
        "sample" => "示范文本",
        "standard" => "收费标准",
        "basis" => "收费依据",
        "kind" => "类型",
        "stage" => "特殊环节",
        "role" => "承办角色",
        "limit" => "时限",
        "legal_basis" => "法律依据",
        "method" => "方式",
        "duration" => "时限",
        "title" => "法律名称",
        "provision" => "条款",
        "address" => "地址",
        "hours" => "办公时间",
        "conditions" => "受理条件",
        "materials" => "申请材料",
        "fees" => "收费项目",
        "special_stages" => "特殊环节",
        "windows" => "办理窗口",
        "steps" => "流程环节",
        "edges" => "流程连线",
        other => other,
    }
}
