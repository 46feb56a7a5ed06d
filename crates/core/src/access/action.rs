use serde::{Deserialize, Serialize};

use super::role::Role;

/// Everything a person can do in the product, each checked by
/// [`super::authorize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// See a case and its history.
    ViewCase,
    /// Take a transferred case in from the window unit.
    ReceiveCase,
    /// Officer work on a case of the officer's department: accept, correction
    /// notice, steps, special stages, decision, push.
    ActOnCase,
    /// Assign a case from the pool, or reassign it (转办).
    AssignCase,
    /// Urge the holder of a case (催办).
    UrgeCase,
    /// Read a guide and its flowchart.
    ViewGuide,
    /// Edit a guide draft.
    EditGuide,
    /// Publish a guide version.
    PublishGuide,
    /// Store or replace a bundle definition (并联/套餐服务): its items,
    /// prerequisite edges and joint flowchart. A bundle spans departments, so
    /// the editor's scope must cover every department of its items.
    EditBundle,
    /// Import a year's working-day arrangement into the shared calendar.
    ImportCalendar,
    /// File an exemption filing (备案/申报).
    SubmitFiling,
    /// Withdraw a filing before it is decided.
    WithdrawFiling,
    /// Approve or reject a filing.
    DecideFiling,
    /// Revoke an approved filing.
    RevokeFiling,
    /// See a filing and its history.
    ViewFiling,
    /// Grant a role to a person.
    GrantRole,
    /// Set a department's workflow (step role holders, supervisors, sign-offs).
    SetDepartmentWorkflow,
    /// Establish a new service item (设立, Art 5) without an item-change
    /// filing: an administrator's act, audited.
    EstablishItem,
    /// Take an applicant's materials in at a window unit and create the case
    /// (接件/收件), in the unit's scope.
    CreateWindowCase,
    /// Transfer a window unit's case (or a bundle's cases) to the
    /// departments that implement the items (转办至部门, Art 16).
    TransferToDepartment,
    /// Hand a decided result out to the applicant (发放办理结果), only
    /// through the release gate (Art 17).
    ReleaseResult,
    /// Record an applicant's review of a case (录入好差评, Art 26).
    RecordReview,
    /// See the cases a window unit received, handles or was reported
    /// (查看窗口办件).
    ViewWindowCase,
}

impl Action {
    /// Every action, in the order the permission matrix shows them.
    pub const ALL: [Action; 23] = [
        Action::ViewCase,
        Action::ReceiveCase,
        Action::ActOnCase,
        Action::AssignCase,
        Action::UrgeCase,
        Action::ViewGuide,
        Action::EditGuide,
        Action::PublishGuide,
        Action::EditBundle,
        Action::ImportCalendar,
        Action::SubmitFiling,
        Action::WithdrawFiling,
        Action::DecideFiling,
        Action::RevokeFiling,
        Action::ViewFiling,
        Action::GrantRole,
        Action::SetDepartmentWorkflow,
        Action::EstablishItem,
        Action::CreateWindowCase,
        Action::TransferToDepartment,
        Action::ReleaseResult,
        Action::RecordReview,
        Action::ViewWindowCase,
    ];

    /// The action's name as officers read it.
    pub fn name_zh(self) -> &'static str {
        match self {
            Action::ViewCase => "查看办件",
            Action::ReceiveCase => "接收办件",
            Action::ActOnCase => "办理办件",
            Action::AssignCase => "分派办件",
            Action::UrgeCase => "催办",
            Action::ViewGuide => "查看办事指南",
            Action::EditGuide => "编辑办事指南草稿",
            Action::PublishGuide => "发布办事指南",
            Action::EditBundle => "维护并联/套餐服务",
            Action::ImportCalendar => "导入工作日历",
            Action::SubmitFiling => "提交备案",
            Action::WithdrawFiling => "撤回备案",
            Action::DecideFiling => "审核备案（批准或驳回）",
            Action::RevokeFiling => "撤销备案",
            Action::ViewFiling => "查看备案",
            Action::GrantRole => "授予角色",
            Action::SetDepartmentWorkflow => "设置部门办理流程",
            Action::EstablishItem => "设立事项",
            Action::CreateWindowCase => "窗口收件",
            Action::TransferToDepartment => "转办至部门",
            Action::ReleaseResult => "发放办理结果",
            Action::RecordReview => "录入好差评",
            Action::ViewWindowCase => "查看窗口办件",
        }
    }

    /// The stable code (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            Action::ViewCase => "view_case",
            Action::ReceiveCase => "receive_case",
            Action::ActOnCase => "act_on_case",
            Action::AssignCase => "assign_case",
            Action::UrgeCase => "urge_case",
            Action::ViewGuide => "view_guide",
            Action::EditGuide => "edit_guide",
            Action::PublishGuide => "publish_guide",
            Action::EditBundle => "edit_bundle",
            Action::ImportCalendar => "import_calendar",
            Action::SubmitFiling => "submit_filing",
            Action::WithdrawFiling => "withdraw_filing",
            Action::DecideFiling => "decide_filing",
            Action::RevokeFiling => "revoke_filing",
            Action::ViewFiling => "view_filing",
            Action::GrantRole => "grant_role",
            Action::SetDepartmentWorkflow => "set_department_workflow",
            Action::EstablishItem => "establish_item",
            Action::CreateWindowCase => "create_window_case",
            Action::TransferToDepartment => "transfer_to_department",
            Action::ReleaseResult => "release_result",
            Action::RecordReview => "record_review",
            Action::ViewWindowCase => "view_window_case",
        }
    }
}

const OFFICER: &[Role] = &[Role::Officer];
const EDITOR: &[Role] = &[Role::GuideEditor];
const MANAGER: &[Role] = &[Role::Manager];
const ADMIN: &[Role] = &[Role::DepartmentAdmin];
const WINDOW: &[Role] = &[Role::WindowClerk];
const OFFICER_MANAGER: &[Role] = &[Role::Officer, Role::Manager];
const FILERS: &[Role] = &[Role::Officer, Role::GuideEditor];
const READERS: &[Role] = &[Role::Officer, Role::GuideEditor, Role::Manager];

/// The policy table: which roles may do `action` (in their scope; see the
/// module documentation for the scope rule and the special cases).
/// Whether `action` on a classified item (涉密, Art 28) also needs
/// [`Role::ClassifiedClearance`]: what reads or works its cases and its
/// guide. Filings and bundles name a classified item but carry neither its
/// cases nor its guide, and the rest is about no item.
pub fn needs_clearance(action: Action) -> bool {
    matches!(
        action,
        Action::ViewCase
            | Action::ReceiveCase
            | Action::ActOnCase
            | Action::AssignCase
            | Action::UrgeCase
            | Action::ViewGuide
            | Action::EditGuide
            | Action::PublishGuide
            | Action::EstablishItem
    )
}

pub fn allowed_roles(action: Action) -> &'static [Role] {
    match action {
        // Managers watch the dashboard and may urge; case work is officers'.
        Action::ViewCase | Action::UrgeCase => OFFICER_MANAGER,
        Action::ReceiveCase | Action::ActOnCase | Action::AssignCase => OFFICER,
        Action::ViewGuide | Action::ViewFiling => READERS,
        Action::EditGuide | Action::PublishGuide | Action::EditBundle => EDITOR,
        // DESIGN.md 3.5: an officer or editor files, a manager decides.
        Action::SubmitFiling | Action::WithdrawFiling => FILERS,
        Action::DecideFiling | Action::RevokeFiling | Action::ImportCalendar => MANAGER,
        // Art 5: an item exists only once it is lawfully set up; without an
        // approved item-change filing that is the department administrator's
        // act, and it is audited.
        Action::GrantRole | Action::SetDepartmentWorkflow | Action::EstablishItem => ADMIN,
        // The window unit's side of the exchange (Art 16, 17, 26): its own
        // staff, in the scope of their unit.
        Action::CreateWindowCase
        | Action::TransferToDepartment
        | Action::ReleaseResult
        | Action::RecordReview
        | Action::ViewWindowCase => WINDOW,
    }
}
