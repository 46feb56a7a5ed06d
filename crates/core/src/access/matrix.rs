use std::fmt::Write as _;

use super::action::{allowed_roles, needs_clearance, Action};
use super::role::Role;

/// The action × role table of [`allowed_roles`] with the scope rule in words:
/// the text of `docs/permissions.md`.
pub fn permission_matrix_markdown() -> String {
    let mut out = String::new();
    out.push_str("# 权限矩阵 (permission matrix)\n\n");
    out.push_str(
        "<!-- Generated from approval_core::access::permission_matrix_markdown; do not edit by hand.\n     \
         Regenerate: UPDATE_DOCS=1 cargo test -p approval-desk-tests --test permissions -->\n\n",
    );
    out.push_str(
        "Every action goes through `approval_core::access::authorize`. \
         ✓: the role may do the action within its scope; —: it may not. \
         The last column is the clearance dimension (Art 28): on a classified item (涉密敏感事项) \
         an action marked 须 also needs the `classified_clearance` grant in a scope covering \
         the item's department.\n\n",
    );
    out.push_str("| 操作 (action) |");
    for role in Role::ACTING {
        let _ = write!(out, " {} (`{}`) |", role.name_zh(), role.code());
    }
    let clearance = Role::ClassifiedClearance;
    let _ = write!(
        out,
        " 涉密事项另须{} (`{}`) |",
        clearance.name_zh(),
        clearance.code()
    );
    out.push_str("\n|---|");
    for _ in 0..=Role::ACTING.len() {
        out.push_str(":---:|");
    }
    out.push('\n');
    for action in Action::ALL {
        let _ = write!(out, "| {} (`{}`) |", action.name_zh(), action.code());
        for role in Role::ACTING {
            let mark = if allowed_roles(action).contains(&role) {
                "✓"
            } else {
                "—"
            };
            let _ = write!(out, " {mark} |");
        }
        let mark = if needs_clearance(action) {
            "须"
        } else {
            "—"
        };
        let _ = write!(out, " {mark} |");
        out.push('\n');
    }
    out.push_str(SCOPE_RULE);
    out
}

const SCOPE_RULE: &str = "
## 范围规则 (scope rule)

- 每项授权（grant）限于一个部门（`department`）或全部部门（`all`）。授权范围为全部部门，或与对象所属部门相同时，授权才覆盖该对象。规则对所有角色相同：限于某一部门的政务服务管理部门审核人只能查看、审核该部门的办件和备案；政务服务管理部门的审核人持有全部部门范围的授权，可跨部门审核。
  A grant is scoped to one department or to all. It covers a target when its scope is `all` or names the target's department. The rule is the same for every role: a manager scoped to a department sees and decides only that department's cases and filings; a manager of the service management department holds an `all` grant and acts across departments.
- 不属于单一部门的对象（各部门共用的工作日历、跨部门视图）只有全部部门范围的授权才覆盖；导入工作日历须以全部部门为对象。
  Targets of no single department (the shared working-day calendar, views across departments) are covered only by an `all` grant; importing the calendar targets all departments.
- 政务服务管理部门审核人不得审核本人提交的备案（`access_own_filing`），无论其范围如何。
  A manager never decides a filing they filed themselves, whatever their scope.
- 部门管理员只能向其范围内部门的人员授予角色，不能授予政务服务管理部门审核人角色或全部部门范围（二者在系统部署时任命，`access_role_not_grantable`），也不能为本人授权（`access_own_grant`）。
  A department admin grants roles only within a department their scope covers, and never to themselves; a grant always names one department (an `all` scope comes only with the installation's first grant). The manager role is granted only by the installation's administrator: a department admin whose own grant covers all departments.
- 涉密敏感事项（第二十八条）的办件和办事指南（含流程图），除上表角色外，还须持有范围覆盖该事项所属部门的涉密事项知悉授权（`classified_clearance`，由部门管理员在其范围内授予）；无此授权者在待办和列表中看不到这些事项（`access_no_clearance`）。涉密事项的办事指南和流程图从不进入公开输出。
  On a classified item (Art 28) its cases and its guide (with the flowchart) also need a `classified_clearance` grant whose scope covers the item's department (granted by a department admin within their scope); without it the item's cases and guides are left out of inboxes and lists. A classified item's guide and flowchart never appear in public exports.
- 窗口人员的授权范围是其所在的政务服务窗口（以窗口名称作为范围，与部门相同）：只能办理本窗口收件或承办的办件，以及跨层级、跨区域转办时报送本窗口的办件（第十六条）。
  A window clerk's grant is scoped to their window unit (named like a department): they act on the cases their unit received or handles, and see those whose transfer was reported to their unit (Art 16).
- 一人可持有多项授权，所得权限为各项授权之并集，各自受其范围限制。
  A person may hold several grants; they may do the union of what each allows, each within its own scope.
- 部门自定义的环节角色（审核人、签发人等，见部门办理流程）决定可以办理哪一环节；本矩阵决定能否办理该部门的办件。两者都须允许。
  Department-defined step roles (in the department workflow) decide which step a person may do; this matrix decides whether they may act on the department's cases at all. Both must allow it.
";
