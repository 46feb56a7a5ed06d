//! Roles and the one permission check (角色与权限).
//!
//! Every action of the product goes through [`authorize`]: who the person is
//! (their [`Grant`]s), what they want to do ([`Action`]) and what it is about
//! ([`Target`]). The answer is either an [`Authorized`] proof, which later
//! code can require as an argument, or a [`Denied`] reason with a stable
//! code and a zh-CN message.
//!
//! # The policy
//!
//! The policy is data: [`allowed_roles`] says which roles may do an action,
//! and one scope rule says where:
//!
//! - A grant is scoped to one department ([`Scope::Department`]) or to all of
//!   them ([`Scope::All`]). A grant covers a target when its scope is
//!   `All`, or when it names the target's department. The rule is the same
//!   for every role: a manager scoped to a department sees and decides only
//!   that department's cases and filings; a manager of the service
//!   management department (政务服务管理部门) holds `Scope::All` and acts
//!   across departments.
//! - Targets that belong to no single department ([`Target::AllDepartments`]:
//!   the shared working-day calendar, views across departments) are covered
//!   only by `Scope::All`.
//! - A manager never decides (approves or rejects) a filing they filed
//!   themselves ([`Denied::OwnFiling`]), whatever their scope.
//! - Granting a role: a department admin grants roles only to people of a
//!   department their scope covers, and never to themselves
//!   ([`Denied::OwnGrant`]); a grant always names one department (an
//!   all-department grant comes only with the installation's first grant).
//!   The manager role is granted only by the installation's administrator, a
//!   department admin whose own grant covers all departments; anyone else
//!   gets [`Denied::RoleNotGrantable`].
//! - Some actions need a particular kind of target, because the rule depends
//!   on it: deciding a filing needs [`Target::Filing`] (who filed it),
//!   granting needs [`Target::Grant`] (which role, to whom), importing the
//!   calendar needs [`Target::AllDepartments`] (the calendar is shared by all
//!   departments). Anything else is [`Denied::WrongTarget`].
//!
//! The matrix is rendered by [`permission_matrix_markdown`] into
//! `docs/permissions.md`; a test of the `tests` package keeps the two equal.
//!
//! # How this fits with department workflows
//!
//! A department also defines its own step roles (审核人, 签发人 …) and its
//! supervisors in [`crate::case::DepartmentWorkflow::role_holders`] and
//! [`crate::case::DepartmentWorkflow::supervisors`]. The two layers answer
//! different questions and both must say yes:
//!
//! 1. [`authorize`] decides whether a person may act on a department's cases
//!    at all (an officer of that department, [`Action::ActOnCase`]);
//! 2. the workflow ([`crate::case::apply_as`]) then decides which step of
//!    which case they may do (holder of the step's role, a delegate, a
//!    supervisor for assigning and urging), and the case engine whether the
//!    law allows it now.
//!
//! Holding a step role in a workflow never replaces a grant: someone listed
//! as 审核人 without an officer grant for the department is refused by
//! `authorize` first. Setting the workflow itself is
//! [`Action::SetDepartmentWorkflow`], a department admin's action.

mod action;
mod authorize;
mod matrix;
mod role;

#[cfg(test)]
mod tests;

pub use action::{allowed_roles, needs_clearance, Action};
pub use authorize::{authorize, authorize_unless_setting_up, Authorized, Denied, Target};
pub use matrix::permission_matrix_markdown;
pub use role::{Grant, Role, Scope};
