use serde::{Deserialize, Serialize};

/// What a person is in the app. A person may hold several roles through
/// several [`Grant`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 承办人: department staff who handle cases.
    Officer,
    /// 办事指南编辑: maintains items, guides and flowcharts.
    GuideEditor,
    /// 政务服务管理部门审核人: decides filings, watches the dashboard.
    Manager,
    /// 部门管理员: grants roles within a department, sets its workflow.
    DepartmentAdmin,
    /// 窗口人员: staff of a window unit (政务服务窗口) who take cases in,
    /// transfer them to departments, hand out results and record the
    /// applicants' reviews. Their grant's scope is their window unit, named
    /// like a department ([`Scope::Department`]).
    WindowClerk,
    /// 涉密事项知悉授权 (Art 28): allows nothing by itself; on a classified
    /// item, every action also needs it, in a scope covering the item's
    /// department. Granted like a role, by the department administrator.
    ClassifiedClearance,
}

impl Role {
    /// Every role a grant can hold, the clearance last.
    pub const ALL: [Role; 6] = [
        Role::Officer,
        Role::GuideEditor,
        Role::Manager,
        Role::DepartmentAdmin,
        Role::WindowClerk,
        Role::ClassifiedClearance,
    ];

    /// The roles that allow actions, in the order the permission matrix
    /// shows them (the clearance is the matrix's own column).
    pub const ACTING: [Role; 5] = [
        Role::Officer,
        Role::GuideEditor,
        Role::Manager,
        Role::DepartmentAdmin,
        Role::WindowClerk,
    ];

    /// The role's name as officers know it.
    pub fn name_zh(self) -> &'static str {
        match self {
            Role::Officer => "承办人",
            Role::GuideEditor => "办事指南编辑",
            Role::Manager => "政务服务管理部门审核人",
            Role::DepartmentAdmin => "部门管理员",
            Role::WindowClerk => "窗口人员",
            Role::ClassifiedClearance => "涉密事项知悉授权",
        }
    }

    /// The stable code (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::GuideEditor => "guide_editor",
            Role::Manager => "manager",
            Role::DepartmentAdmin => "department_admin",
            Role::WindowClerk => "window_clerk",
            Role::ClassifiedClearance => "classified_clearance",
        }
    }
}

/// Where a grant applies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// One department, by its name as cases and guides carry it.
    Department(String),
    /// Every department (the service management department's staff).
    All,
}

impl Scope {
    /// Whether this scope covers a target in `department` (`None`: a target
    /// of no single department, which only [`Scope::All`] covers).
    pub fn covers(&self, department: Option<&str>) -> bool {
        match (self, department) {
            (Scope::All, _) => true,
            (Scope::Department(own), Some(target)) => own == target,
            (Scope::Department(_), None) => false,
        }
    }

    /// The scope in words, for messages.
    pub fn name_zh(&self) -> String {
        match self {
            Scope::Department(department) => format!("“{department}”"),
            Scope::All => "全部部门".to_owned(),
        }
    }
}

/// One role held by one person in one scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    pub person: String,
    pub role: Role,
    pub scope: Scope,
}

impl Grant {
    /// `person` holds `role` in `scope`.
    pub fn new(person: impl Into<String>, role: Role, scope: Scope) -> Self {
        Grant {
            person: person.into(),
            role,
            scope,
        }
    }
}
