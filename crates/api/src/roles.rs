//! Who holds which role: granting one (the installation's first grant, its
//! first administrator, is stored without a check; every later one goes
//! through core's permission check) and listing them.

use approval_core::access::{authorize, Action, Denied, Grant, Role, Scope, Target};
use chrono::{DateTime, FixedOffset};

use crate::access::Actor;
use crate::{in_read_unit, in_write_unit, ApiError, Desk};

/// A role for a person, in one department or (at installation) in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRequest {
    pub person: String,
    pub role: Role,
    /// `None`: every department (only the installation's first grant).
    pub department: Option<String>,
}

/// What a grant did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantOutcome {
    pub grant: Grant,
    /// No grant was stored before: this one was stored without a check.
    pub first_grant: bool,
    /// The grant was new (an existing one is left as it is, unaudited).
    pub stored: bool,
}

/// The role of a stable code (`officer`, `manager`, …).
pub fn parse_role(word: &str) -> Result<Role, ApiError> {
    Role::ALL
        .into_iter()
        .find(|r| r.code() == word)
        .ok_or_else(|| {
            let codes: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
            let codes = codes.join(", ");
            ApiError::invalid_input(
                format!("没有角色“{word}”；可选：{codes}"),
                format!("no role {word}; one of: {codes}"),
            )
            .at_field("role")
        })
}

/// Grants `request` as `actor` at `at`, with its audit entry.
pub async fn grant_role(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    request: GrantRequest,
) -> Result<GrantOutcome, ApiError> {
    in_write_unit!(desk.db(), async |tx| {
        let grants = tx.grants().await?;
        let first_grant = grants.is_empty();
        if !first_grant {
            let Some(department) = &request.department else {
                // An all-department grant is appointed when the installation
                // is set up; in the app every grant names its department.
                return Err(ApiError::from(Denied::WrongTarget {
                    person: actor.name().to_owned(),
                    action: Action::GrantRole,
                    department: None,
                    expected: "grant",
                }));
            };
            let target = Target::Grant {
                department: department.clone(),
                person: request.person.clone(),
                role: request.role,
            };
            authorize(&grants, actor.name(), Action::GrantRole, &target)?;
        }
        let scope = request
            .department
            .clone()
            .map_or(Scope::All, Scope::Department);
        let grant = Grant::new(request.person.clone(), request.role, scope);
        let stored = tx.grant(&grant, actor.name(), at).await?;
        Ok(GrantOutcome {
            grant,
            first_grant,
            stored,
        })
    })
    .await
}

/// Every stored grant, by person, role and scope.
pub async fn list_grants(desk: &Desk) -> Result<Vec<Grant>, ApiError> {
    in_read_unit!(desk.db(), async |tx| { Ok(tx.grants().await?) }).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_core::error_code::ErrorCode;

    use super::*;
    use crate::testing::desk;

    const FOOD: &str = "蓝田县市场监督管理局";

    fn at() -> DateTime<FixedOffset> {
        crate::testing::at(2026, 3, 2)
    }

    async fn grant(
        desk: &Desk,
        by: &str,
        person: &str,
        role: Role,
        department: Option<&str>,
    ) -> Result<GrantOutcome, ApiError> {
        let request = GrantRequest {
            person: person.to_owned(),
            role,
            department: department.map(str::to_owned),
        };
        grant_role(desk, &Actor::new(by), at(), request).await
    }

    #[tokio::test]
    async fn the_first_grant_is_stored_unchecked_and_every_later_one_is_checked() {
        let (_dir, desk) = desk().await;
        let first = grant(&desk, "installer", "管理员", Role::DepartmentAdmin, None)
            .await
            .unwrap();
        assert!(first.first_grant && first.stored);
        assert_eq!(first.grant.scope, Scope::All);

        let officer = grant(&desk, "管理员", "王科员", Role::Officer, Some(FOOD))
            .await
            .unwrap();
        assert!(!officer.first_grant && officer.stored);
        let again = grant(&desk, "管理员", "王科员", Role::Officer, Some(FOOD))
            .await
            .unwrap();
        assert!(!again.stored, "an existing grant is left as it is");

        let error = grant(&desk, "管理员", "钱科长", Role::Officer, None)
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessWrongTarget);
        let error = grant(&desk, "王科员", "钱科长", Role::Officer, Some(FOOD))
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessNoRole);
        let error = grant(&desk, "管理员", "管理员", Role::Officer, Some(FOOD))
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessOwnGrant);

        let grants = list_grants(&desk).await.unwrap();
        assert_eq!(grants.len(), 2, "{grants:?}");
        assert!(grants.contains(&Grant::new(
            "王科员",
            Role::Officer,
            Scope::Department(FOOD.to_owned())
        )));
    }

    #[test]
    fn a_role_is_named_by_its_stable_code() {
        assert_eq!(parse_role("manager").unwrap(), Role::Manager);
        let error = parse_role("boss").unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.field.as_deref(), Some("role"));
        assert!(
            error
                .message_en
                .starts_with("no role boss; one of: officer"),
            "{}",
            error.message_en
        );
    }
}
