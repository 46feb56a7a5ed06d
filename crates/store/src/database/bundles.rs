//! Bundles (并联服务 / 套餐服务): members and prerequisites in their order.

use std::collections::HashMap;

use approval_core::bundle::{BundleDefinition, BundleMember, Prerequisite};

use super::codec;
use super::{DbError, Operation, StoreTx};

impl StoreTx {
    /// Inserts the bundle or replaces what is stored under its code.
    pub async fn save_bundle(&mut self, bundle: &BundleDefinition) -> Result<(), DbError> {
        let code = bundle.code.as_str();
        let query_failed = DbError::query(Operation::SaveBundle, Some(code));
        let kind = codec::bundle_kind_word(&bundle.kind);
        let tx = self.conn();
        sqlx::query!(
            r#"
            INSERT INTO bundles (code, name, kind) VALUES (?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind
            "#,
            code,
            bundle.name,
            kind,
        )
        .execute(&mut *tx)
        .await
        .map_err(&query_failed)?;
        sqlx::query!("DELETE FROM bundle_members WHERE bundle_code = ?", code)
            .execute(&mut *tx)
            .await
            .map_err(&query_failed)?;
        sqlx::query!(
            "DELETE FROM bundle_prerequisites WHERE bundle_code = ?",
            code
        )
        .execute(&mut *tx)
        .await
        .map_err(&query_failed)?;
        for (position, member) in (0_i64..).zip(&bundle.members) {
            sqlx::query!(
                r#"
                INSERT INTO bundle_members (bundle_code, position, item_code, department)
                VALUES (?, ?, ?, ?)
                "#,
                code,
                position,
                member.item_code,
                member.department,
            )
            .execute(&mut *tx)
            .await
            .map_err(&query_failed)?;
        }
        for (position, edge) in (0_i64..).zip(&bundle.prerequisites) {
            sqlx::query!(
                r#"
                INSERT INTO bundle_prerequisites (bundle_code, position, prerequisite, dependent)
                VALUES (?, ?, ?, ?)
                "#,
                code,
                position,
                edge.prerequisite,
                edge.dependent,
            )
            .execute(&mut *tx)
            .await
            .map_err(&query_failed)?;
        }
        Ok(())
    }

    /// The bundle stored under `code`, if any.
    pub async fn bundle(&mut self, code: &str) -> Result<Option<BundleDefinition>, DbError> {
        let operation = Operation::LoadBundle;
        let query_failed = DbError::query(operation, Some(code));
        let conn = self.conn();
        let Some(row) = sqlx::query!("SELECT code, name, kind FROM bundles WHERE code = ?", code)
            .fetch_optional(&mut *conn)
            .await
            .map_err(&query_failed)?
        else {
            return Ok(None);
        };
        let members = sqlx::query!(
            r#"
            SELECT item_code, department FROM bundle_members
            WHERE bundle_code = ? ORDER BY position
            "#,
            code,
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(&query_failed)?;
        let prerequisites = sqlx::query!(
            r#"
            SELECT prerequisite, dependent FROM bundle_prerequisites
            WHERE bundle_code = ? ORDER BY position
            "#,
            code,
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(&query_failed)?;
        Ok(Some(BundleDefinition {
            kind: codec::parse_bundle_kind("bundles.kind", &row.kind)
                .map_err(DbError::unreadable(operation, Some(code)))?,
            code: row.code,
            name: row.name,
            members: members
                .into_iter()
                .map(|m| BundleMember {
                    item_code: m.item_code,
                    department: m.department,
                })
                .collect(),
            prerequisites: prerequisites
                .into_iter()
                .map(|p| Prerequisite {
                    prerequisite: p.prerequisite,
                    dependent: p.dependent,
                })
                .collect(),
        }))
    }

    /// Every stored bundle, by code.
    pub async fn bundles(&mut self) -> Result<Vec<BundleDefinition>, DbError> {
        let operation = Operation::ListBundles;
        let query_failed = DbError::query(operation, None);
        let conn = self.conn();
        let rows = sqlx::query!("SELECT code, name, kind FROM bundles ORDER BY code")
            .fetch_all(&mut *conn)
            .await
            .map_err(&query_failed)?;
        let member_rows = sqlx::query!(
            r#"
            SELECT bundle_code, item_code, department FROM bundle_members
            ORDER BY bundle_code, position
            "#
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(&query_failed)?;
        let prerequisite_rows = sqlx::query!(
            r#"
            SELECT bundle_code, prerequisite, dependent FROM bundle_prerequisites
            ORDER BY bundle_code, position
            "#
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(&query_failed)?;

        let mut members: HashMap<String, Vec<BundleMember>> = HashMap::new();
        for m in member_rows {
            members
                .entry(m.bundle_code)
                .or_default()
                .push(BundleMember {
                    item_code: m.item_code,
                    department: m.department,
                });
        }
        let mut prerequisites: HashMap<String, Vec<Prerequisite>> = HashMap::new();
        for p in prerequisite_rows {
            prerequisites
                .entry(p.bundle_code)
                .or_default()
                .push(Prerequisite {
                    prerequisite: p.prerequisite,
                    dependent: p.dependent,
                });
        }
        rows.into_iter()
            .map(|row| {
                let kind = codec::parse_bundle_kind("bundles.kind", &row.kind)
                    .map_err(DbError::unreadable(operation, Some(&row.code)))?;
                Ok(BundleDefinition {
                    members: members.remove(&row.code).unwrap_or_default(),
                    prerequisites: prerequisites.remove(&row.code).unwrap_or_default(),
                    code: row.code,
                    name: row.name,
                    kind,
                })
            })
            .collect()
    }
}
