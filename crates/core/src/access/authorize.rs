use crate::error_code::ErrorCode;
use serde::{Deserialize, Serialize};

use super::action::{allowed_roles, needs_clearance, Action};
use super::role::{Grant, Role, Scope};
use crate::guide::ItemDefinition;

/// What an action is about, as far as permission goes: the department it
/// belongs to and, where the rule needs them, the people concerned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A case, guide, workflow … of one department.
    Department(String),
    /// A case, guide, filing … of a classified item (涉密, Art 28) of one
    /// department: besides the role, the person needs a clearance covering
    /// the department ([`needs_clearance`]).
    Classified(String),
    /// Something about a person of a department (assigning to them, urging
    /// them …).
    Person { department: String, person: String },
    /// A filing of a department and who filed it (needed to decide it).
    Filing {
        department: String,
        filed_by: String,
    },
    /// The grant being given: `role` to `person` in `department`. Grants given
    /// in the app are always scoped to one department.
    Grant {
        department: String,
        person: String,
        role: Role,
    },
    /// Something shared by every department (the working-day calendar, views
    /// across departments). Only a [`Scope::All`] grant covers it.
    AllDepartments,
}

impl Target {
    /// The target for what belongs to `item`: its department's, or a
    /// classified target when the item is classified (Art 28).
    pub fn of_item(item: &ItemDefinition) -> Target {
        if item.classified {
            Target::Classified(item.department.clone())
        } else {
            Target::Department(item.department.clone())
        }
    }

    /// The department the target belongs to; `None` for
    /// [`Target::AllDepartments`].
    pub fn department(&self) -> Option<&str> {
        match self {
            Target::Department(department)
            | Target::Classified(department)
            | Target::Person { department, .. }
            | Target::Filing { department, .. }
            | Target::Grant { department, .. } => Some(department),
            Target::AllDepartments => None,
        }
    }
}

/// The kind of target an action needs, when its rule depends on it.
#[derive(Clone, Copy)]
enum NeededTarget {
    Filing,
    Grant,
    AllDepartments,
}

impl NeededTarget {
    fn of(action: Action) -> Option<NeededTarget> {
        match action {
            Action::DecideFiling => Some(NeededTarget::Filing),
            Action::GrantRole => Some(NeededTarget::Grant),
            Action::ImportCalendar => Some(NeededTarget::AllDepartments),
            _ => None,
        }
    }

    fn fits(self, target: &Target) -> bool {
        match self {
            NeededTarget::Filing => matches!(target, Target::Filing { .. }),
            NeededTarget::Grant => matches!(target, Target::Grant { .. }),
            NeededTarget::AllDepartments => matches!(target, Target::AllDepartments),
        }
    }

    fn code(self) -> &'static str {
        match self {
            NeededTarget::Filing => "filing",
            NeededTarget::Grant => "grant",
            NeededTarget::AllDepartments => "all_departments",
        }
    }
}

fn target_kind_zh(kind: &str) -> &'static str {
    match kind {
        "filing" => "所审核的备案及其提交人",
        "grant" => "所授予的角色、人员和部门",
        _ => "全部部门（工作日历为各部门共用）",
    }
}

/// Proof that `person` may do `action` on the target: only [`authorize`]
/// makes one, so code that takes an `Authorized` cannot be reached without
/// the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorized {
    person: String,
    action: Action,
    role: Role,
    scope: Scope,
    department: Option<String>,
}

impl Authorized {
    pub fn person(&self) -> &str {
        &self.person
    }

    pub fn action(&self) -> Action {
        self.action
    }

    /// The role of the grant that allowed the action.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The scope of the grant that allowed the action.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The target's department; `None` for [`Target::AllDepartments`].
    pub fn department(&self) -> Option<&str> {
        self.department.as_deref()
    }
}

/// Why an action is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("{person} holds no role that may {action:?}")]
    NoRole {
        person: String,
        action: Action,
        department: Option<String>,
    },
    #[error("{person} may {action:?}, but not in {department:?}")]
    OutOfScope {
        person: String,
        action: Action,
        department: Option<String>,
    },
    #[error("{person} may {action:?} in {department:?}, but holds no clearance for its classified items")]
    NoClearance {
        person: String,
        action: Action,
        department: Option<String>,
    },
    #[error("{person} filed this filing and may not decide it")]
    OwnFiling {
        person: String,
        action: Action,
        department: Option<String>,
    },
    #[error("{person} may not grant a role to themselves")]
    OwnGrant {
        person: String,
        action: Action,
        department: Option<String>,
    },
    #[error("the {role:?} role is not granted in the app (asked by {person})")]
    RoleNotGrantable {
        person: String,
        action: Action,
        department: Option<String>,
        role: Role,
    },
    #[error("{action:?} needs a {expected} target (asked by {person})")]
    WrongTarget {
        person: String,
        action: Action,
        department: Option<String>,
        expected: &'static str,
    },
}

impl Denied {
    /// A stable code for the UI and scripts.
    pub fn code(&self) -> ErrorCode {
        match self {
            Denied::NoRole { .. } => ErrorCode::AccessNoRole,
            Denied::OutOfScope { .. } => ErrorCode::AccessOutOfScope,
            Denied::NoClearance { .. } => ErrorCode::AccessNoClearance,
            Denied::OwnFiling { .. } => ErrorCode::AccessOwnFiling,
            Denied::OwnGrant { .. } => ErrorCode::AccessOwnGrant,
            Denied::RoleNotGrantable { .. } => ErrorCode::AccessRoleNotGrantable,
            Denied::WrongTarget { .. } => ErrorCode::AccessWrongTarget,
        }
    }

    /// Who asked.
    pub fn person(&self) -> &str {
        match self {
            Denied::NoRole { person, .. }
            | Denied::OutOfScope { person, .. }
            | Denied::NoClearance { person, .. }
            | Denied::OwnFiling { person, .. }
            | Denied::OwnGrant { person, .. }
            | Denied::RoleNotGrantable { person, .. }
            | Denied::WrongTarget { person, .. } => person,
        }
    }

    /// What they asked to do.
    pub fn action(&self) -> Action {
        match self {
            Denied::NoRole { action, .. }
            | Denied::OutOfScope { action, .. }
            | Denied::NoClearance { action, .. }
            | Denied::OwnFiling { action, .. }
            | Denied::OwnGrant { action, .. }
            | Denied::RoleNotGrantable { action, .. }
            | Denied::WrongTarget { action, .. } => *action,
        }
    }

    /// The target's department; `None` for [`Target::AllDepartments`].
    pub fn department(&self) -> Option<&str> {
        match self {
            Denied::NoRole { department, .. }
            | Denied::OutOfScope { department, .. }
            | Denied::NoClearance { department, .. }
            | Denied::OwnFiling { department, .. }
            | Denied::OwnGrant { department, .. }
            | Denied::RoleNotGrantable { department, .. }
            | Denied::WrongTarget { department, .. } => department.as_deref(),
        }
    }

    /// The message for officers, in zh-CN, naming the person, the action and
    /// the department.
    pub fn message_zh(&self) -> String {
        let person = self.person();
        let action = self.action().name_zh();
        let area = match self.department() {
            Some(department) => format!("“{department}”"),
            None => "全部部门".to_owned(),
        };
        match self {
            Denied::NoRole { .. } => {
                let roles: Vec<&str> = allowed_roles(self.action())
                    .iter()
                    .map(|r| r.name_zh())
                    .collect();
                format!(
                    "{person}无权在{area}执行“{action}”：该操作需要{}角色",
                    roles.join("或")
                )
            }
            Denied::OutOfScope { .. } => {
                format!("{person}的角色授权范围不包括{area}，不能在{area}执行“{action}”")
            }
            Denied::NoClearance { .. } => format!(
                "{person}不能在{area}执行“{action}”：该事项为涉密敏感事项，须持有{area}的涉密事项知悉授权（第二十八条）"
            ),
            Denied::OwnFiling { .. } => {
                format!("{person}不能对本人提交的备案执行“{action}”（{area}），须由其他审核人审核")
            }
            Denied::OwnGrant { .. } => {
                format!("{person}不能为本人执行“{action}”（{area}），须由其他部门管理员授予")
            }
            Denied::RoleNotGrantable { role, .. } => format!(
                "{person}不能在{area}执行“{action}”：{}角色须在系统部署时任命，不能在应用内授予",
                role.name_zh()
            ),
            Denied::WrongTarget { expected, .. } => format!(
                "{person}在{area}执行“{action}”时须指明{}",
                target_kind_zh(expected)
            ),
        }
    }
}

/// The one permission check every action goes through.
///
/// In this order: the target must be of the kind the action needs
/// ([`Denied::WrongTarget`]); the person must hold a role that may do the
/// action ([`Denied::NoRole`]) in a scope that covers the target's department
/// ([`Denied::OutOfScope`]); a manager may not decide their own filing
/// ([`Denied::OwnFiling`]); a department admin may not grant the manager
/// role ([`Denied::RoleNotGrantable`]) nor grant to themselves
/// ([`Denied::OwnGrant`]). When several grants allow the action, the first
/// one in `grants` is named in the proof.
pub fn authorize(
    grants: &[Grant],
    person: &str,
    action: Action,
    target: &Target,
) -> Result<Authorized, Denied> {
    let department = target.department().map(str::to_owned);
    if let Some(needed) = NeededTarget::of(action) {
        if !needed.fits(target) {
            return Err(Denied::WrongTarget {
                person: person.to_owned(),
                action,
                department,
                expected: needed.code(),
            });
        }
    }
    let allowed = allowed_roles(action);
    let mut holding = grants
        .iter()
        .filter(|g| g.person == person && allowed.contains(&g.role))
        .peekable();
    if holding.peek().is_none() {
        return Err(Denied::NoRole {
            person: person.to_owned(),
            action,
            department,
        });
    }
    let Some(grant) = holding.find(|g| g.scope.covers(target.department())) else {
        return Err(Denied::OutOfScope {
            person: person.to_owned(),
            action,
            department,
        });
    };
    if let Target::Classified(classified) = target {
        let cleared = grants.iter().any(|g| {
            g.person == person
                && g.role == Role::ClassifiedClearance
                && g.scope.covers(Some(classified))
        });
        if needs_clearance(action) && !cleared {
            return Err(Denied::NoClearance {
                person: person.to_owned(),
                action,
                department,
            });
        }
    }
    match target {
        Target::Filing { filed_by, .. } if action == Action::DecideFiling && filed_by == person => {
            return Err(Denied::OwnFiling {
                person: person.to_owned(),
                action,
                department,
            });
        }
        Target::Grant {
            person: grantee,
            role,
            ..
        } if action == Action::GrantRole => {
            // Managers oversee departments from outside them: only the
            // installation's administrator (a department administrator over
            // all departments) appoints one.
            let installation_admin = grants.iter().any(|g| {
                g.person == person && g.role == Role::DepartmentAdmin && g.scope == Scope::All
            });
            if *role == Role::Manager && !installation_admin {
                return Err(Denied::RoleNotGrantable {
                    person: person.to_owned(),
                    action,
                    department,
                    role: *role,
                });
            }
            if grantee == person {
                return Err(Denied::OwnGrant {
                    person: person.to_owned(),
                    action,
                    department,
                });
            }
        }
        _ => {}
    }
    Ok(Authorized {
        person: person.to_owned(),
        action,
        role: grant.role,
        scope: grant.scope.clone(),
        department,
    })
}

/// [`authorize`], except while the installation is being set up: with no
/// grant at all nobody could act, not even to grant the first administrator,
/// so everything is allowed (`Ok(None)`) until the first grant exists. From
/// then on this is exactly [`authorize`].
pub fn authorize_unless_setting_up(
    grants: &[Grant],
    person: &str,
    action: Action,
    target: &Target,
) -> Result<Option<Authorized>, Denied> {
    if grants.is_empty() {
        return Ok(None);
    }
    authorize(grants, person, action, target).map(Some)
}
