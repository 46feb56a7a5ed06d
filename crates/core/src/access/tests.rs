//! The policy, checked exhaustively against a table written here by hand
//! (not computed from `allowed_roles`).

use super::*;

const A: &str = "市场监督管理局";
const B: &str = "生态环境局";
const ME: &str = "张三";
const OTHER: &str = "李四";

/// The expected matrix, written independently of `allowed_roles`. Columns:
/// officer, guide editor, manager, department admin, window clerk ('x'
/// allowed, '.' not).
const EXPECTED: &[(&str, &str)] = &[
    ("view_case", "x.x.."),
    ("receive_case", "x...."),
    ("act_on_case", "x...."),
    ("assign_case", "x...."),
    ("urge_case", "x.x.."),
    ("view_guide", "xxx.."),
    ("edit_guide", ".x..."),
    ("publish_guide", ".x..."),
    ("edit_bundle", ".x..."),
    ("import_calendar", "..x.."),
    ("submit_filing", "xx..."),
    ("withdraw_filing", "xx..."),
    ("decide_filing", "..x.."),
    ("revoke_filing", "..x.."),
    ("view_filing", "xxx.."),
    ("grant_role", "...x."),
    ("set_department_workflow", "...x."),
    ("establish_item", "...x."),
    ("create_window_case", "....x"),
    ("transfer_to_department", "....x"),
    ("release_result", "....x"),
    ("record_review", "....x"),
    ("view_window_case", "....x"),
];

/// What reads or works a classified item's cases or guide, so needs the
/// clearance on one (Art 28).
const WITH_CLEARANCE: &[&str] = &[
    "view_case",
    "receive_case",
    "act_on_case",
    "assign_case",
    "urge_case",
    "view_guide",
    "edit_guide",
    "publish_guide",
    "establish_item",
];

fn expected_allows(action: Action, role: Role) -> bool {
    let column = match role {
        Role::Officer => 0,
        Role::GuideEditor => 1,
        Role::Manager => 2,
        Role::DepartmentAdmin => 3,
        Role::WindowClerk => 4,
        // A qualifier: it allows nothing by itself.
        Role::ClassifiedClearance => return false,
    };
    let row = EXPECTED
        .iter()
        .find(|(code, _)| *code == action.code())
        .map(|(_, marks)| *marks)
        .unwrap_or_else(|| panic!("no expected row for {action:?}"));
    row.as_bytes()[column] == b'x'
}

/// Every variant, by an exhaustive match: a new action fails to compile here
/// until it gets a row in `EXPECTED`.
fn action_index(action: Action) -> usize {
    match action {
        Action::ViewCase => 0,
        Action::ReceiveCase => 1,
        Action::ActOnCase => 2,
        Action::AssignCase => 3,
        Action::UrgeCase => 4,
        Action::ViewGuide => 5,
        Action::EditGuide => 6,
        Action::PublishGuide => 7,
        Action::EditBundle => 8,
        Action::ImportCalendar => 9,
        Action::SubmitFiling => 10,
        Action::WithdrawFiling => 11,
        Action::DecideFiling => 12,
        Action::RevokeFiling => 13,
        Action::ViewFiling => 14,
        Action::GrantRole => 15,
        Action::SetDepartmentWorkflow => 16,
        Action::EstablishItem => 17,
        Action::CreateWindowCase => 18,
        Action::TransferToDepartment => 19,
        Action::ReleaseResult => 20,
        Action::RecordReview => 21,
        Action::ViewWindowCase => 22,
    }
}

#[test]
fn action_and_role_lists_are_complete_and_match_the_table() {
    for (i, action) in Action::ALL.iter().enumerate() {
        assert_eq!(action_index(*action), i, "{action:?} out of place");
        assert_eq!(EXPECTED[i].0, action.code());
    }
    assert_eq!(EXPECTED.len(), Action::ALL.len());
    for role in Role::ALL {
        let index = match role {
            Role::Officer => 0,
            Role::GuideEditor => 1,
            Role::Manager => 2,
            Role::DepartmentAdmin => 3,
            Role::WindowClerk => 4,
            Role::ClassifiedClearance => 5,
        };
        assert_eq!(Role::ALL[index], role);
    }
    assert_eq!(Role::ACTING, Role::ALL[..5]);
}

fn all_targets() -> Vec<Target> {
    let mut targets = vec![
        Target::Department(A.into()),
        Target::Classified(A.into()),
        Target::Person {
            department: A.into(),
            person: OTHER.into(),
        },
        Target::Filing {
            department: A.into(),
            filed_by: ME.into(),
        },
        Target::Filing {
            department: A.into(),
            filed_by: OTHER.into(),
        },
        Target::AllDepartments,
    ];
    for role in Role::ALL {
        for grantee in [ME, OTHER] {
            targets.push(Target::Grant {
                department: A.into(),
                person: grantee.into(),
                role,
            });
        }
    }
    targets
}

/// The expected outcome, as a denial code or `None` for allowed, written
/// from the documented rule.
fn expected_outcome(
    action: Action,
    role: Role,
    scope: &Scope,
    cleared: bool,
    target: &Target,
) -> Option<&'static str> {
    let fits = match action {
        Action::DecideFiling => matches!(target, Target::Filing { .. }),
        Action::GrantRole => matches!(target, Target::Grant { .. }),
        Action::ImportCalendar => *target == Target::AllDepartments,
        _ => true,
    };
    if !fits {
        return Some("access_wrong_target");
    }
    if !expected_allows(action, role) {
        return Some("access_no_role");
    }
    let target_in_a = !matches!(target, Target::AllDepartments);
    let in_scope = match scope {
        Scope::All => true,
        Scope::Department(d) => d == A && target_in_a,
    };
    if !in_scope {
        return Some("access_out_of_scope");
    }
    let needs_clearance = WITH_CLEARANCE.contains(&action.code());
    if matches!(target, Target::Classified(_)) && needs_clearance && !cleared {
        return Some("access_no_clearance");
    }
    match target {
        Target::Filing { filed_by, .. } if action == Action::DecideFiling && filed_by == ME => {
            Some("access_own_filing")
        }
        Target::Grant {
            person,
            role: granted,
            ..
        } if action == Action::GrantRole => {
            if *granted == Role::Manager && *scope != Scope::All {
                Some("access_role_not_grantable")
            } else if person == ME {
                Some("access_own_grant")
            } else {
                None
            }
        }
        _ => None,
    }
}

#[test]
fn every_action_role_scope_and_target_matches_the_expected_table() {
    let scopes = [
        Scope::Department(A.into()),
        Scope::Department(B.into()),
        Scope::All,
    ];
    let mut checked = 0;
    for action in Action::ALL {
        for role in Role::ALL {
            for (scope, cleared) in scopes.iter().flat_map(|s| [(s, false), (s, true)]) {
                // Someone else's grants never count for ME.
                let mut grants = vec![
                    Grant::new(ME, role, scope.clone()),
                    Grant::new(OTHER, Role::DepartmentAdmin, Scope::All),
                    Grant::new(OTHER, Role::ClassifiedClearance, Scope::All),
                ];
                if cleared {
                    grants.push(Grant::new(ME, Role::ClassifiedClearance, scope.clone()));
                }
                for target in all_targets() {
                    let got = authorize(&grants, ME, action, &target);
                    let want = expected_outcome(action, role, scope, cleared, &target);
                    match (&got, want) {
                        (Ok(proof), None) => {
                            assert_eq!(proof.person(), ME);
                            assert_eq!(proof.action(), action);
                            assert_eq!(proof.role(), role);
                            assert_eq!(proof.scope(), scope);
                            assert_eq!(proof.department(), target.department());
                        }
                        (Err(denied), Some(code)) => {
                            assert_eq!(
                                denied.code(),
                                code,
                                "{action:?} {role:?} {scope:?} {target:?}"
                            );
                            assert_eq!(denied.person(), ME);
                            assert_eq!(denied.action(), action);
                            assert_eq!(denied.department(), target.department());
                        }
                        _ => panic!(
                            "{action:?} by {role:?} in {scope:?} on {target:?}: got {got:?}, want {want:?}"
                        ),
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, Action::ALL.len() * 6 * 3 * 2 * 18);
}

#[test]
fn no_grants_means_no_role_for_everything() {
    for action in Action::ALL {
        for target in all_targets() {
            let got = authorize(&[], ME, action, &target);
            let code = got.err().map(|d| d.code().as_str());
            assert!(
                code == Some("access_no_role") || code == Some("access_wrong_target"),
                "{action:?} {target:?}: {code:?}"
            );
        }
    }
}

#[test]
fn two_grants_give_exactly_the_union_each_in_its_own_scope() {
    let grants = [
        Grant::new(ME, Role::Officer, Scope::Department(A.into())),
        Grant::new(ME, Role::GuideEditor, Scope::Department(B.into())),
    ];
    for action in Action::ALL {
        for department in [A, B, "自然资源局"] {
            let target = match action {
                Action::DecideFiling => Target::Filing {
                    department: department.into(),
                    filed_by: OTHER.into(),
                },
                Action::GrantRole => Target::Grant {
                    department: department.into(),
                    person: OTHER.into(),
                    role: Role::Officer,
                },
                _ => Target::Department(department.into()),
            };
            let as_officer = department == A && expected_allows(action, Role::Officer);
            let as_editor = department == B && expected_allows(action, Role::GuideEditor);
            let got = authorize(&grants, ME, action, &target);
            if action == Action::ImportCalendar {
                assert_eq!(
                    got.err().map(|d| d.code().as_str()),
                    Some("access_wrong_target")
                );
                continue;
            }
            assert_eq!(
                got.is_ok(),
                as_officer || as_editor,
                "{action:?} in {department}: {got:?}"
            );
            if let Ok(proof) = &got {
                let role = if as_officer {
                    Role::Officer
                } else {
                    Role::GuideEditor
                };
                assert_eq!(proof.role(), role);
            }
        }
        // Nothing of either grant reaches the calendar shared by all.
        let all = authorize(&grants, ME, action, &Target::AllDepartments);
        assert!(all.is_err(), "{action:?} on all departments: {all:?}");
    }
}

#[test]
fn a_manager_holding_an_officer_grant_still_cannot_decide_their_own_filing() {
    let grants = [
        Grant::new(ME, Role::Officer, Scope::Department(A.into())),
        Grant::new(ME, Role::Manager, Scope::All),
    ];
    let own = Target::Filing {
        department: A.into(),
        filed_by: ME.into(),
    };
    assert!(authorize(&grants, ME, Action::SubmitFiling, &own).is_ok());
    let denied = authorize(&grants, ME, Action::DecideFiling, &own).unwrap_err();
    assert_eq!(denied.code(), "access_own_filing");
    // Another manager may.
    let other = [Grant::new(
        OTHER,
        Role::Manager,
        Scope::Department(A.into()),
    )];
    assert!(authorize(&other, OTHER, Action::DecideFiling, &own).is_ok());
}

#[test]
fn denial_messages_name_the_person_the_action_and_the_department() {
    let cases = [
        authorize(&[], ME, Action::ActOnCase, &Target::Department(A.into())),
        authorize(
            &[Grant::new(ME, Role::Officer, Scope::Department(B.into()))],
            ME,
            Action::ActOnCase,
            &Target::Department(A.into()),
        ),
        authorize(
            &[Grant::new(ME, Role::Manager, Scope::All)],
            ME,
            Action::DecideFiling,
            &Target::Filing {
                department: A.into(),
                filed_by: ME.into(),
            },
        ),
        authorize(
            &[Grant::new(
                ME,
                Role::DepartmentAdmin,
                Scope::Department(A.into()),
            )],
            ME,
            Action::GrantRole,
            &Target::Grant {
                department: A.into(),
                person: ME.into(),
                role: Role::Officer,
            },
        ),
        authorize(
            &[Grant::new(
                ME,
                Role::DepartmentAdmin,
                Scope::Department(A.into()),
            )],
            ME,
            Action::GrantRole,
            &Target::Grant {
                department: A.into(),
                person: OTHER.into(),
                role: Role::Manager,
            },
        ),
        authorize(
            &[Grant::new(ME, Role::Manager, Scope::All)],
            ME,
            Action::DecideFiling,
            &Target::Department(A.into()),
        ),
    ];
    let mut codes = Vec::new();
    for denied in cases.iter().map(|c| c.clone().unwrap_err()) {
        let message = denied.message_zh();
        assert!(message.contains(ME), "{message}");
        assert!(message.contains(A), "{message}");
        assert!(message.contains(denied.action().name_zh()), "{message}");
        codes.push(denied.code());
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 6, "every denial has its own code");
    let everywhere = authorize(&[], ME, Action::ImportCalendar, &Target::AllDepartments)
        .unwrap_err()
        .message_zh();
    assert!(everywhere.contains("全部部门"), "{everywhere}");
}

#[test]
fn roles_scopes_and_grants_read_and_write_as_documented() {
    let grant = Grant::new(ME, Role::GuideEditor, Scope::Department(A.into()));
    let json = serde_json::to_value(&grant).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"person": ME, "role": "guide_editor", "scope": {"department": A}})
    );
    assert_eq!(serde_json::from_value::<Grant>(json).unwrap(), grant);
    assert_eq!(serde_json::to_value(Scope::All).unwrap(), "all");
    for role in Role::ALL {
        assert_eq!(serde_json::to_value(role).unwrap(), role.code());
        assert!(!role.name_zh().is_empty());
    }
    for action in Action::ALL {
        assert_eq!(serde_json::to_value(action).unwrap(), action.code());
        assert!(!action.name_zh().is_empty());
    }
}

#[test]
fn the_matrix_shows_every_action_and_role() {
    let text = permission_matrix_markdown();
    for action in Action::ALL {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("(`{}`)", action.code())))
            .unwrap_or_else(|| panic!("no row for {action:?}"));
        let marks: String = line
            .chars()
            .filter(|c| *c == '✓' || *c == '—' || *c == '须')
            .collect();
        let mut want: String = Role::ACTING
            .iter()
            .map(|r| {
                if expected_allows(action, *r) {
                    '✓'
                } else {
                    '—'
                }
            })
            .collect();
        want.push(if WITH_CLEARANCE.contains(&action.code()) {
            '须'
        } else {
            '—'
        });
        assert_eq!(marks, want, "{line}");
    }
    for role in Role::ALL {
        assert!(text.contains(role.name_zh()));
    }
}

#[test]
fn an_installation_without_grants_is_being_set_up_and_anything_goes() {
    for action in Action::ALL {
        for target in all_targets() {
            assert_eq!(
                authorize_unless_setting_up(&[], ME, action, &target),
                Ok(None)
            );
        }
    }
}

#[test]
fn after_the_first_grant_the_set_up_rule_is_exactly_authorize() {
    let grants = [Grant::new(OTHER, Role::DepartmentAdmin, Scope::All)];
    for action in Action::ALL {
        for target in all_targets() {
            assert_eq!(
                authorize_unless_setting_up(&grants, ME, action, &target),
                authorize(&grants, ME, action, &target).map(Some)
            );
        }
    }
}
