//! The department's workflow document.

use approval_core::case::DepartmentWorkflow;
use chrono::{DateTime, FixedOffset};

use super::error::{DbError, Operation};
use super::StoreTx;

impl StoreTx {
    /// The stored workflow, if the department has set one.
    pub async fn department_workflow(&mut self) -> Result<Option<DepartmentWorkflow>, DbError> {
        let operation = Operation::LoadDepartmentWorkflow;
        let row = sqlx::query!("SELECT body FROM department_workflow WHERE id = 1")
            .fetch_optional(self.conn())
            .await
            .map_err(DbError::query(operation, None))?;
        row.map(|row| serde_json::from_str(&row.body).map_err(DbError::json(operation, None)))
            .transpose()
    }

    /// How many cases of `item_code` are stored: the turn of the next one
    /// under an in-turn assignment rule.
    pub async fn case_count_of_item(&mut self, item_code: &str) -> Result<u64, DbError> {
        let operation = Operation::ListCases;
        let count = sqlx::query_scalar!(
            r#"SELECT count(*) AS "count!: i64" FROM cases WHERE item_code = ?"#,
            item_code
        )
        .fetch_one(self.conn())
        .await
        .map_err(DbError::query(operation, Some(item_code)))?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Replaces the workflow.
    pub async fn save_department_workflow(
        &mut self,
        workflow: &DepartmentWorkflow,
        at: DateTime<FixedOffset>,
    ) -> Result<(), DbError> {
        let operation = Operation::SaveDepartmentWorkflow;
        let body = serde_json::to_string(workflow).map_err(DbError::json(operation, None))?;
        let updated_at = at.to_rfc3339();
        sqlx::query!(
            r#"
            INSERT INTO department_workflow (id, body, updated_at) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
            "#,
            body,
            updated_at,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        Ok(())
    }
}
