//! Service items: the definition in force, the cancelled flag and the
//! change waiting for approval.

use approval_core::guide::{ItemDefinition, PendingChange, ServiceItem};
use chrono::{DateTime, FixedOffset};
use sqlx::SqliteConnection;

use super::codec::{self, Unreadable};
use super::{DbError, Operation, StoreTx};

/// An `items` row with its pending change (if any).
struct ItemRow {
    code: String,
    name: String,
    item_type: String,
    department: String,
    level: String,
    setting_basis: String,
    complex: bool,
    statutory_limit_days: i64,
    statutory_limit_unit: String,
    promised_limit_days: i64,
    promised_limit_unit: String,
    result_kind: String,
    result_needs_public_notice: bool,
    delegated_to: Option<String>,
    instant_json: Option<String>,
    classified: bool,
    cancelled: bool,
    change_json: Option<String>,
    reason: Option<String>,
    requested_by: Option<String>,
    requested_at: Option<DateTime<FixedOffset>>,
}

impl ItemRow {
    fn into_item(self) -> Result<ServiceItem, Unreadable> {
        let pending = match (
            self.change_json,
            self.reason,
            self.requested_by,
            self.requested_at,
        ) {
            (Some(change), Some(reason), Some(requested_by), Some(requested_at)) => {
                Some(PendingChange {
                    change: codec::from_json("item_pending_changes.change_json", &change)?,
                    reason,
                    requested_by,
                    requested_at,
                })
            }
            (None, None, None, None) => None,
            _ => {
                return Err(Unreadable(
                    "item_pending_changes has a row with empty columns".to_owned(),
                ))
            }
        };
        Ok(ServiceItem {
            definition: ItemDefinition {
                item_type: codec::parse_item_type("items.item_type", &self.item_type)?,
                level: codec::parse_item_level("items.level", &self.level)?,
                statutory_limit: codec::limit(
                    "items.statutory_limit",
                    self.statutory_limit_days,
                    &self.statutory_limit_unit,
                )?,
                promised_limit: codec::limit(
                    "items.promised_limit",
                    self.promised_limit_days,
                    &self.promised_limit_unit,
                )?,
                result_kind: codec::parse_result_kind("items.result_kind", &self.result_kind)?,
                code: self.code,
                name: self.name,
                department: self.department,
                setting_basis: self.setting_basis,
                complex: self.complex,
                result_needs_public_notice: self.result_needs_public_notice,
                delegated_to: self.delegated_to,
                instant: self
                    .instant_json
                    .map(|json| codec::from_json("items.instant_json", &json))
                    .transpose()?,
                classified: self.classified,
            },
            cancelled: self.cancelled,
            pending,
        })
    }
}

impl StoreTx {
    /// Inserts the item or replaces what is stored under its code: the
    /// definition in force, the cancelled flag and the pending change (or
    /// its absence).
    pub async fn save_item(&mut self, item: &ServiceItem) -> Result<(), DbError> {
        save_item_in(self.conn(), item).await
    }
}

/// [`Database::save_item`] inside the caller's transaction.
pub(crate) async fn save_item_in(
    conn: &mut SqliteConnection,
    item: &ServiceItem,
) -> Result<(), DbError> {
    {
        let d = &item.definition;
        let code = d.code.as_str();
        let query_failed = DbError::query(Operation::SaveItem, Some(code));
        let item_type = codec::item_type_word(&d.item_type);
        let level = codec::item_level_word(&d.level);
        let statutory_days = i64::from(d.statutory_limit.days);
        let statutory_unit = codec::limit_unit_word(&d.statutory_limit.unit);
        let promised_days = i64::from(d.promised_limit.days);
        let promised_unit = codec::limit_unit_word(&d.promised_limit.unit);
        let result_kind = codec::result_kind_word(&d.result_kind);
        let instant_json = d
            .instant
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(DbError::json(Operation::SaveItem, Some(code)))?;

        sqlx::query!(
            r#"
            INSERT INTO items (
                code, name, item_type, department, level, setting_basis, complex,
                statutory_limit_days, statutory_limit_unit, promised_limit_days,
                promised_limit_unit, result_kind, result_needs_public_notice,
                delegated_to, cancelled, instant_json, classified
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET
                name = excluded.name,
                item_type = excluded.item_type,
                department = excluded.department,
                level = excluded.level,
                setting_basis = excluded.setting_basis,
                complex = excluded.complex,
                statutory_limit_days = excluded.statutory_limit_days,
                statutory_limit_unit = excluded.statutory_limit_unit,
                promised_limit_days = excluded.promised_limit_days,
                promised_limit_unit = excluded.promised_limit_unit,
                result_kind = excluded.result_kind,
                result_needs_public_notice = excluded.result_needs_public_notice,
                delegated_to = excluded.delegated_to,
                cancelled = excluded.cancelled,
                instant_json = excluded.instant_json,
                classified = excluded.classified
            "#,
            code,
            d.name,
            item_type,
            d.department,
            level,
            d.setting_basis,
            d.complex,
            statutory_days,
            statutory_unit,
            promised_days,
            promised_unit,
            result_kind,
            d.result_needs_public_notice,
            d.delegated_to,
            item.cancelled,
            instant_json,
            d.classified,
        )
        .execute(&mut *conn)
        .await
        .map_err(&query_failed)?;

        sqlx::query!("DELETE FROM item_pending_changes WHERE item_code = ?", code)
            .execute(&mut *conn)
            .await
            .map_err(&query_failed)?;
        if let Some(pending) = &item.pending {
            let change_json = serde_json::to_string(&pending.change)
                .map_err(DbError::json(Operation::SaveItem, Some(code)))?;
            sqlx::query!(
                r#"
                INSERT INTO item_pending_changes (item_code, change_json, reason, requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?)
                "#,
                code,
                change_json,
                pending.reason,
                pending.requested_by,
                pending.requested_at,
            )
            .execute(&mut *conn)
            .await
            .map_err(&query_failed)?;
        }
        Ok(())
    }
}

impl StoreTx {
    /// The item stored under `code`, if any.
    pub async fn item(&mut self, code: &str) -> Result<Option<ServiceItem>, DbError> {
        let row = sqlx::query_as!(
            ItemRow,
            r#"
            SELECT i.code, i.name, i.item_type, i.department, i.level, i.setting_basis,
                   i.complex, i.statutory_limit_days, i.statutory_limit_unit,
                   i.promised_limit_days, i.promised_limit_unit, i.result_kind,
                   i.result_needs_public_notice, i.delegated_to, i.cancelled,
                   i.instant_json, i.classified,
                   p.change_json AS "change_json?",
                   p.reason AS "reason?",
                   p.requested_by AS "requested_by?",
                   p.requested_at AS "requested_at?: DateTime<FixedOffset>"
            FROM items i
            LEFT JOIN item_pending_changes p ON p.item_code = i.code
            WHERE i.code = ?
            "#,
            code,
        )
        .fetch_optional(self.conn())
        .await
        .map_err(DbError::query(Operation::LoadItem, Some(code)))?;
        row.map(ItemRow::into_item)
            .transpose()
            .map_err(DbError::unreadable(Operation::LoadItem, Some(code)))
    }

    /// Every stored item, by code.
    pub async fn items(&mut self) -> Result<Vec<ServiceItem>, DbError> {
        let rows = sqlx::query_as!(
            ItemRow,
            r#"
            SELECT i.code, i.name, i.item_type, i.department, i.level, i.setting_basis,
                   i.complex, i.statutory_limit_days, i.statutory_limit_unit,
                   i.promised_limit_days, i.promised_limit_unit, i.result_kind,
                   i.result_needs_public_notice, i.delegated_to, i.cancelled,
                   i.instant_json, i.classified,
                   p.change_json AS "change_json?",
                   p.reason AS "reason?",
                   p.requested_by AS "requested_by?",
                   p.requested_at AS "requested_at?: DateTime<FixedOffset>"
            FROM items i
            LEFT JOIN item_pending_changes p ON p.item_code = i.code
            ORDER BY i.code
            "#,
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(Operation::ListItems, None))?;
        rows.into_iter()
            .map(|row| {
                let code = row.code.clone();
                row.into_item().map_err(|e| DbError::Unreadable {
                    operation: Operation::ListItems,
                    code: Some(code),
                    detail: e.0,
                })
            })
            .collect()
    }
}
