//! Realistic inputs for every result document: a food business licence
//! (食品经营许可) in Xi'an, from acceptance to certificate. Used by the
//! tests, the `render_samples` example (docs/examples/documents), the
//! benchmark and demos.

use approval_core::guide::{LegalBasis, TimeLimit};
use chrono::NaiveDate;

use crate::pdf::templates::{
    AcceptanceNotice, ApprovalDecision, Certificate, CertificateField, CorrectionEntry,
    CorrectionNotice, DocumentHeader, Orientation, RefusalDecision, RefusalOfAcceptance, Remedies,
};

pub const DEPARTMENT: &str = "西安市市场监督管理局";
pub const APPLICANT: &str = "西安秦味餐饮管理有限公司";
pub const ITEM: &str = "食品经营许可（新办）";
pub const CASE_NUMBER: &str = "SX610100-20260302-000123";
pub const LICENCE_NUMBER: &str = "JY16101130012345";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn header(number: &str, issued_on: NaiveDate) -> DocumentHeader {
    DocumentHeader {
        department: DEPARTMENT.into(),
        document_number: number.into(),
        case_number: CASE_NUMBER.into(),
        issued_on,
        verification_url: Some("https://zwfw.shaanxi.gov.cn/verify".into()),
    }
}

fn basis(title: &str, provision: &str) -> LegalBasis {
    LegalBasis {
        title: title.into(),
        provision: provision.into(),
    }
}

pub fn remedies() -> Remedies {
    Remedies {
        review_body: "西安市人民政府".into(),
        court: "西安铁路运输法院".into(),
    }
}

pub fn acceptance_notice() -> AcceptanceNotice {
    AcceptanceNotice {
        header: header("市市监食许受〔2026〕123号", date(2026, 3, 3)),
        applicant: APPLICANT.into(),
        item_name: ITEM.into(),
        applied_on: date(2026, 3, 2),
        accepted_on: date(2026, 3, 3),
        promised_limit: TimeLimit::working_days(10),
        legal_basis: AcceptanceNotice::default_basis(),
        contact: Some("联系人：李敏　联系电话：029-86781234".into()),
    }
}

/// The materials of a food business licence application, as a correction
/// notice lists them.
fn entries() -> Vec<CorrectionEntry> {
    let entry = |material: &str, problem: &str, form: &str| CorrectionEntry {
        material: material.into(),
        problem: problem.into(),
        form: form.into(),
    };
    vec![
        entry(
            "食品经营许可申请书",
            "第三页“经营项目”栏未填写，且未加盖公章；请按示范文本完整填写后加盖公章。",
            "原件1份",
        ),
        entry(
            "营业执照",
            "提交的复印件不清晰，无法辨认统一社会信用代码。",
            "复印件1份",
        ),
        entry(
            "与食品经营相适应的主要设备设施布局、操作流程等文件",
            "缺少粗加工区、烹饪区、餐用具清洗消毒区的平面布局图（须标明面积、比例尺和设备位置）。",
            "原件1份",
        ),
        entry(
            "食品安全管理制度",
            "未包括从业人员健康管理制度和食品安全自查制度。",
            "原件1份",
        ),
        entry(
            "授权委托书（委托他人办理的）",
            "未提交。",
            "原件1份、复印件1份",
        ),
    ]
}

pub fn correction_notice() -> CorrectionNotice {
    CorrectionNotice {
        header: header("市市监食许补〔2026〕45号", date(2026, 3, 3)),
        applicant: APPLICANT.into(),
        item_name: ITEM.into(),
        applied_on: date(2026, 3, 2),
        entries: entries(),
        submit_to: Some("西安市政务服务中心二楼市场监管窗口（西安市未央区凤城八路109号）".into()),
        legal_basis: CorrectionNotice::default_basis(),
    }
}

/// A correction notice with `count` materials, to run over several pages.
/// The last material's name is `材料{count}：…`.
pub fn long_correction_notice(count: usize) -> CorrectionNotice {
    let base = entries();
    let mut notice = correction_notice();
    notice.entries = (0..count)
        .map(|i| {
            let template = &base[i % base.len()];
            CorrectionEntry {
                material: format!("材料{}：{}", i + 1, template.material),
                problem: template.problem.clone(),
                form: template.form.clone(),
            }
        })
        .collect();
    notice
}

pub fn refusal_of_acceptance() -> RefusalOfAcceptance {
    RefusalOfAcceptance {
        header: header("市市监食许不受〔2026〕7号", date(2026, 3, 3)),
        applicant: APPLICANT.into(),
        item_name: "仅销售预包装食品经营许可".into(),
        applied_on: date(2026, 3, 2),
        reason: "你单位申请的仅销售预包装食品依法实行备案管理，不需要取得食品经营许可".into(),
        legal_basis: vec![
            basis("中华人民共和国行政许可法", "第三十二条第一款第（一）项"),
            basis("中华人民共和国食品安全法", "第三十五条第一款"),
        ],
        refer_to: None,
        remedies: remedies(),
    }
}

pub fn approval_decision() -> ApprovalDecision {
    ApprovalDecision {
        header: header("市市监食许准〔2026〕123号", date(2026, 3, 13)),
        applicant: APPLICANT.into(),
        item_name: ITEM.into(),
        applied_on: date(2026, 3, 2),
        accepted_on: date(2026, 3, 3),
        finding: "你单位的申请材料齐全、符合法定形式，经现场核查，经营场所、设备设施和食品安全管理制度符合《食品经营许可审查通则》规定的条件".into(),
        legal_basis: vec![
            basis("中华人民共和国行政许可法", "第三十八条第一款"),
            basis("中华人民共和国食品安全法", "第三十五条第二款"),
        ],
        grants: vec![
            format!("许可证编号：{LICENCE_NUMBER}"),
            "主体业态：餐饮服务经营者（中型餐馆）".into(),
            "经营项目：热食类食品制售；冷食类食品制售；自制饮品制售".into(),
            "有效期限：自2026年3月13日至2031年3月12日".into(),
        ],
        notes: vec![
            "请持本决定书及经办人有效身份证件到西安市政务服务中心二楼市场监管窗口领取《食品经营许可证》，也可以选择邮寄送达".into(),
        ],
        remedies: remedies(),
    }
}

pub fn refusal_decision() -> RefusalDecision {
    RefusalDecision {
        header: header("市市监食许不准〔2026〕9号", date(2026, 3, 13)),
        applicant: APPLICANT.into(),
        item_name: ITEM.into(),
        applied_on: date(2026, 3, 2),
        accepted_on: date(2026, 3, 3),
        reasons: vec![
            "经现场核查，你单位经营场所距离公共厕所不足25米，不符合《食品经营许可审查通则》第十条的要求".into(),
            "你单位未设置与经营的食品品种、数量相适应的冷藏、冷冻设施".into(),
        ],
        legal_basis: vec![basis("中华人民共和国行政许可法", "第三十八条第二款")],
        remedies: remedies(),
    }
}

pub fn certificate() -> Certificate {
    Certificate {
        header: header(LICENCE_NUMBER, date(2026, 3, 13)),
        title: "食品经营许可证".into(),
        holder_label: "经营者名称".into(),
        holder: APPLICANT.into(),
        fields: vec![
            CertificateField::new("统一社会信用代码", "91610113MA6U2Q8K7X"),
            CertificateField::new("法定代表人（负责人）", "王建国"),
            CertificateField::new("住所", "陕西省西安市雁塔区科技路38号"),
            CertificateField::new("经营场所", "陕西省西安市雁塔区科技路38号一层101室"),
            CertificateField::new("主体业态", "餐饮服务经营者（中型餐馆）"),
            CertificateField::new("日常监督管理机构", "西安市雁塔区市场监督管理局"),
        ],
        scope_label: "经营项目".into(),
        scope: "热食类食品制售；冷食类食品制售；自制饮品制售".into(),
        valid_from: date(2026, 3, 13),
        valid_until: date(2031, 3, 12),
        orientation: Orientation::Landscape,
    }
}
