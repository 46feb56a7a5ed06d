//! Guide versions and everything under them. A published version is never
//! written again: the saving code skips it, and the schema's triggers refuse
//! any change to it or its rows.

use std::collections::HashMap;

use approval_core::guide::{
    Contact, Edge, Fee, Flowchart, GuideContent, GuideHistory, GuideVersion, ItemDefinition,
    LegalBasis, Material, MaterialForm, Requirement, SampleFile, ServiceWindow, SpecialStage,
    StageDuration, Step, VersionState,
};
use chrono::{DateTime, FixedOffset};
use sqlx::SqliteConnection;

use super::codec::{self, Unreadable};
use super::{DbError, Operation, StoreTx};

impl StoreTx {
    /// Every stored version of the item's guide, oldest first (empty when
    /// the item has none).
    pub async fn guide_history(&mut self, code: &str) -> Result<GuideHistory, DbError> {
        let versions = stored_versions(self.conn(), code, Operation::LoadGuide).await?;
        Ok(GuideHistory::from_versions(
            versions.into_iter().map(|(_, v)| v).collect(),
        ))
    }

    /// Saves the item's guide history in one transaction: inserts the
    /// versions the database lacks, replaces the stored draft's rows, and
    /// publishes a stored draft that `history` has published (a state change
    /// of its row). A version already published in the database is never
    /// written again; a stored draft that `history` no longer holds is
    /// removed.
    ///
    /// Errors: the item is not stored ([`DbError::UnknownItem`]); `history`
    /// lacks or differs on a version published in the database
    /// ([`DbError::PublishedVersionChanged`]); the schema refuses a row.
    pub async fn save_guide_history(
        &mut self,
        code: &str,
        history: &GuideHistory,
    ) -> Result<(), DbError> {
        let operation = Operation::SaveGuide;
        let query_failed = DbError::query(operation, Some(code));
        let tx = self.conn();

        let known = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM items WHERE code = ?) AS "known!: bool""#,
            code
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(&query_failed)?;
        if !known {
            return Err(DbError::UnknownItem {
                operation,
                code: code.to_owned(),
            });
        }

        let stored = stored_versions(tx, code, operation).await?;
        for (id, version) in &stored {
            let kept = history
                .versions()
                .iter()
                .find(|v| v.number == version.number);
            match kept {
                _ if version.is_published() && kept != Some(version) => {
                    return Err(DbError::PublishedVersionChanged {
                        code: code.to_owned(),
                        number: version.number,
                    })
                }
                // The stored draft goes; its replacement (if any) is
                // inserted below, and its rows go with it (ON DELETE CASCADE).
                _ if !version.is_published() => {
                    sqlx::query!("DELETE FROM guide_versions WHERE id = ?", id)
                        .execute(&mut *tx)
                        .await
                        .map_err(&query_failed)?;
                }
                _ => {}
            }
        }

        for version in history.versions() {
            let published_already = stored
                .iter()
                .any(|(_, v)| v.number == version.number && v.is_published());
            if !published_already {
                insert_version(tx, code, version).await?;
            }
        }
        Ok(())
    }
}

/// Inserts a version as a draft with all its rows, then publishes it if it
/// is published (the triggers refuse rows under a published version).
async fn insert_version(
    conn: &mut SqliteConnection,
    code: &str,
    version: &GuideVersion,
) -> Result<(), DbError> {
    let operation = Operation::SaveGuide;
    let query_failed = DbError::query(operation, Some(code));
    let to_json = DbError::json(operation, Some(code));
    let number = i64::from(version.number);
    let item = &version.item;
    let item_type = codec::item_type_word(&item.item_type);
    let level = codec::item_level_word(&item.level);
    let statutory_days = i64::from(item.statutory_limit.days);
    let statutory_unit = codec::limit_unit_word(&item.statutory_limit.unit);
    let promised_days = i64::from(item.promised_limit.days);
    let promised_unit = codec::limit_unit_word(&item.promised_limit.unit);
    let result_kind = codec::result_kind_word(&item.result_kind);
    let content = &version.content;
    let conditions_json = serde_json::to_string(&content.conditions).map_err(&to_json)?;
    let legal_basis_json = serde_json::to_string(&content.legal_basis).map_err(&to_json)?;
    let fees_json = serde_json::to_string(&content.fees).map_err(&to_json)?;
    let contact_json = serde_json::to_string(&content.contact).map_err(&to_json)?;
    let windows_json = serde_json::to_string(&content.windows).map_err(&to_json)?;
    let instant_json = item
        .instant
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(&to_json)?;

    let version_id = sqlx::query!(
        r#"
        INSERT INTO guide_versions (
            item_code, number, state, stated_code, name, item_type, department, level,
            setting_basis, complex, statutory_limit_days, statutory_limit_unit,
            promised_limit_days, promised_limit_unit, result_kind,
            result_needs_public_notice, delegated_to, conditions_json,
            legal_basis_json, fees_json, contact_json, windows_json, instant_json, classified
        ) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        "#,
        code,
        number,
        item.code,
        item.name,
        item_type,
        item.department,
        level,
        item.setting_basis,
        item.complex,
        statutory_days,
        statutory_unit,
        promised_days,
        promised_unit,
        result_kind,
        item.result_needs_public_notice,
        item.delegated_to,
        conditions_json,
        legal_basis_json,
        fees_json,
        contact_json,
        windows_json,
        instant_json,
        item.classified,
    )
    .execute(&mut *conn)
    .await
    .map_err(&query_failed)?
    .last_insert_rowid();

    for (position, material) in (0_i64..).zip(&content.materials) {
        let (requirement, condition) = match &material.requirement {
            Requirement::Required => ("required", None),
            Requirement::Conditional { condition } => ("conditional", Some(condition.as_str())),
        };
        let form = codec::material_form_word(&material.form);
        let originals = i64::from(material.originals);
        let copies = i64::from(material.copies);
        let material_row = sqlx::query!(
            r#"
            INSERT INTO materials (
                version_id, position, material_id, name, catalog_code, requirement,
                condition, form, originals, copies, electronic_accepted, paper_required,
                paper_filing, format_notes, filling_instructions
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            "#,
            version_id,
            position,
            material.id,
            material.name,
            material.catalog_code,
            requirement,
            condition,
            form,
            originals,
            copies,
            material.electronic_accepted,
            material.paper_required,
            material.paper_filing,
            material.format_notes,
            material.filling_instructions,
        )
        .execute(&mut *conn)
        .await
        .map_err(&query_failed)?
        .last_insert_rowid();
        if let Some(sample) = &material.sample {
            sqlx::query!(
                r#"
                INSERT INTO material_samples (material, file_name, media_type, content)
                VALUES (?, ?, ?, ?)
                "#,
                material_row,
                sample.file_name,
                sample.media_type,
                sample.content,
            )
            .execute(&mut *conn)
            .await
            .map_err(&query_failed)?;
        }
    }

    for (position, stage) in (0_i64..).zip(&content.special_stages) {
        let kind = codec::stage_kind_word(&stage.kind);
        let (duration_kind, estimate_days, estimate_unit, filing) = match &stage.duration {
            StageDuration::Estimated { limit } => (
                "estimated",
                Some(i64::from(limit.days)),
                Some(codec::limit_unit_word(&limit.unit)),
                None,
            ),
            StageDuration::ByFiling { filing } => ("by_filing", None, None, Some(filing.as_str())),
        };
        sqlx::query!(
            r#"
            INSERT INTO special_stages (
                version_id, position, stage_id, kind, name, legal_basis, method,
                duration_kind, estimate_days, estimate_unit, filing
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            "#,
            version_id,
            position,
            stage.id,
            kind,
            stage.name,
            stage.legal_basis,
            stage.method,
            duration_kind,
            estimate_days,
            estimate_unit,
            filing,
        )
        .execute(&mut *conn)
        .await
        .map_err(&query_failed)?;
    }

    for (position, step) in (0_i64..).zip(&content.flowchart.steps) {
        let kind = codec::step_kind_word(&step.kind);
        let limit_days = step.limit.map(|l| i64::from(l.days));
        let limit_unit = step.limit.map(|l| codec::limit_unit_word(&l.unit));
        sqlx::query!(
            r#"
            INSERT INTO flowchart_steps (
                version_id, position, step_id, name, kind, stage, role, limit_days, limit_unit
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            "#,
            version_id,
            position,
            step.id,
            step.name,
            kind,
            step.stage,
            step.role,
            limit_days,
            limit_unit,
        )
        .execute(&mut *conn)
        .await
        .map_err(&query_failed)?;
    }

    for (position, edge) in (0_i64..).zip(&content.flowchart.edges) {
        sqlx::query!(
            r#"
            INSERT INTO flowchart_edges (version_id, position, from_step, to_step)
            VALUES (?, ?, ?, ?)
            "#,
            version_id,
            position,
            edge.from,
            edge.to,
        )
        .execute(&mut *conn)
        .await
        .map_err(&query_failed)?;
    }

    if let VersionState::Published {
        effective_from,
        published_at,
        published_by,
    } = &version.state
    {
        sqlx::query!(
            r#"
            UPDATE guide_versions
            SET state = 'published', effective_from = ?, published_at = ?, published_by = ?
            WHERE id = ?
            "#,
            effective_from,
            published_at,
            published_by,
            version_id,
        )
        .execute(&mut *conn)
        .await
        .map_err(&query_failed)?;
    }
    Ok(())
}

/// The item's stored versions with their row ids, oldest first.
async fn stored_versions(
    conn: &mut SqliteConnection,
    code: &str,
    operation: Operation,
) -> Result<Vec<(i64, GuideVersion)>, DbError> {
    let query_failed = DbError::query(operation, Some(code));
    let unreadable = DbError::unreadable(operation, Some(code));

    let version_rows = sqlx::query!(
        r#"
        SELECT id, number, state, effective_from AS "effective_from: DateTime<FixedOffset>",
               published_at AS "published_at: DateTime<FixedOffset>", published_by,
               stated_code, name, item_type, department, level, setting_basis, complex,
               statutory_limit_days, statutory_limit_unit, promised_limit_days,
               promised_limit_unit, result_kind, result_needs_public_notice, delegated_to,
               conditions_json, legal_basis_json, fees_json, contact_json, windows_json,
               instant_json, classified
        FROM guide_versions
        WHERE item_code = ?
        ORDER BY number
        "#,
        code,
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(&query_failed)?;

    let material_rows = sqlx::query!(
        r#"
        SELECT m.version_id, m.material_id, m.name, m.catalog_code, m.requirement,
               m.condition, m.form, m.originals, m.copies, m.electronic_accepted,
               m.paper_required, m.paper_filing, m.format_notes, m.filling_instructions,
               s.file_name AS "sample_file_name?",
               s.media_type AS "sample_media_type?",
               s.content AS "sample_content?"
        FROM materials m
        JOIN guide_versions v ON v.id = m.version_id
        LEFT JOIN material_samples s ON s.material = m.id
        WHERE v.item_code = ?
        ORDER BY m.version_id, m.position
        "#,
        code,
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(&query_failed)?;

    let stage_rows = sqlx::query!(
        r#"
        SELECT st.version_id, st.stage_id, st.kind, st.name, st.legal_basis, st.method,
               st.duration_kind, st.estimate_days, st.estimate_unit, st.filing
        FROM special_stages st
        JOIN guide_versions v ON v.id = st.version_id
        WHERE v.item_code = ?
        ORDER BY st.version_id, st.position
        "#,
        code,
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(&query_failed)?;

    let step_rows = sqlx::query!(
        r#"
        SELECT f.version_id, f.step_id, f.name, f.kind, f.stage, f.role, f.limit_days,
               f.limit_unit
        FROM flowchart_steps f
        JOIN guide_versions v ON v.id = f.version_id
        WHERE v.item_code = ?
        ORDER BY f.version_id, f.position
        "#,
        code,
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(&query_failed)?;

    let edge_rows = sqlx::query!(
        r#"
        SELECT e.version_id, e.from_step, e.to_step
        FROM flowchart_edges e
        JOIN guide_versions v ON v.id = e.version_id
        WHERE v.item_code = ?
        ORDER BY e.version_id, e.position
        "#,
        code,
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(&query_failed)?;

    let mut contents: HashMap<i64, GuideContent> = HashMap::new();
    for row in material_rows {
        let requirement = match (row.requirement.as_str(), row.condition) {
            ("required", None) => Requirement::Required,
            ("conditional", Some(condition)) => Requirement::Conditional { condition },
            (other, _) => {
                return Err(unreadable(Unreadable(format!(
                    "materials.requirement {other:?} does not fit its condition"
                ))))
            }
        };
        let sample = match (
            row.sample_file_name,
            row.sample_media_type,
            row.sample_content,
        ) {
            (Some(file_name), Some(media_type), Some(content)) => Some(SampleFile {
                file_name,
                media_type,
                content,
            }),
            _ => None,
        };
        let form: MaterialForm =
            codec::parse_material_form("materials.form", &row.form).map_err(&unreadable)?;
        contents
            .entry(row.version_id)
            .or_default()
            .materials
            .push(Material {
                id: row.material_id,
                name: row.name,
                catalog_code: row.catalog_code,
                requirement,
                form,
                originals: codec::count("materials.originals", row.originals)
                    .map_err(&unreadable)?,
                copies: codec::count("materials.copies", row.copies).map_err(&unreadable)?,
                electronic_accepted: row.electronic_accepted,
                paper_required: row.paper_required,
                paper_filing: row.paper_filing,
                format_notes: row.format_notes,
                filling_instructions: row.filling_instructions,
                sample,
            });
    }
    for row in stage_rows {
        let duration = match (row.duration_kind.as_str(), row.filing) {
            ("estimated", None) => StageDuration::Estimated {
                limit: codec::optional_limit(
                    "special_stages.estimate",
                    row.estimate_days,
                    row.estimate_unit.as_deref(),
                )
                .and_then(|limit| {
                    limit.ok_or_else(|| Unreadable("special_stages.estimate is empty".to_owned()))
                })
                .map_err(&unreadable)?,
            },
            ("by_filing", Some(filing)) => StageDuration::ByFiling { filing },
            (other, _) => {
                return Err(unreadable(Unreadable(format!(
                    "special_stages.duration_kind {other:?} does not fit its columns"
                ))))
            }
        };
        contents
            .entry(row.version_id)
            .or_default()
            .special_stages
            .push(SpecialStage {
                id: row.stage_id,
                kind: codec::parse_stage_kind("special_stages.kind", &row.kind)
                    .map_err(&unreadable)?,
                name: row.name,
                legal_basis: row.legal_basis,
                method: row.method,
                duration,
            });
    }
    for row in step_rows {
        let step = Step {
            id: row.step_id,
            name: row.name,
            kind: codec::parse_step_kind("flowchart_steps.kind", &row.kind).map_err(&unreadable)?,
            stage: row.stage,
            role: row.role,
            limit: codec::optional_limit(
                "flowchart_steps.limit",
                row.limit_days,
                row.limit_unit.as_deref(),
            )
            .map_err(&unreadable)?,
        };
        contents
            .entry(row.version_id)
            .or_default()
            .flowchart
            .steps
            .push(step);
    }
    for row in edge_rows {
        contents
            .entry(row.version_id)
            .or_default()
            .flowchart
            .edges
            .push(Edge {
                from: row.from_step,
                to: row.to_step,
            });
    }

    let mut versions = Vec::with_capacity(version_rows.len());
    for row in version_rows {
        let number = codec::count("guide_versions.number", row.number).map_err(&unreadable)?;
        let state = match (
            row.state.as_str(),
            row.effective_from,
            row.published_at,
            row.published_by,
        ) {
            ("draft", None, None, None) => VersionState::Draft,
            ("published", Some(effective_from), Some(published_at), Some(published_by)) => {
                VersionState::Published {
                    effective_from,
                    published_at,
                    published_by,
                }
            }
            (other, ..) => {
                return Err(unreadable(Unreadable(format!(
                    "guide version {number} has state {other:?} with columns that do not fit it"
                ))))
            }
        };
        let item = ItemDefinition {
            code: row.stated_code,
            name: row.name,
            item_type: codec::parse_item_type("guide_versions.item_type", &row.item_type)
                .map_err(&unreadable)?,
            department: row.department,
            level: codec::parse_item_level("guide_versions.level", &row.level)
                .map_err(&unreadable)?,
            setting_basis: row.setting_basis,
            complex: row.complex,
            statutory_limit: codec::limit(
                "guide_versions.statutory_limit",
                row.statutory_limit_days,
                &row.statutory_limit_unit,
            )
            .map_err(&unreadable)?,
            promised_limit: codec::limit(
                "guide_versions.promised_limit",
                row.promised_limit_days,
                &row.promised_limit_unit,
            )
            .map_err(&unreadable)?,
            result_kind: codec::parse_result_kind("guide_versions.result_kind", &row.result_kind)
                .map_err(&unreadable)?,
            result_needs_public_notice: row.result_needs_public_notice,
            delegated_to: row.delegated_to,
            instant: row
                .instant_json
                .as_deref()
                .map(|json| codec::from_json("guide_versions.instant_json", json))
                .transpose()
                .map_err(&unreadable)?,
            classified: row.classified,
        };
        let rows = contents.remove(&row.id).unwrap_or_default();
        let content = GuideContent {
            conditions: codec::from_json::<Vec<String>>(
                "guide_versions.conditions_json",
                &row.conditions_json,
            )
            .map_err(&unreadable)?,
            legal_basis: codec::from_json::<Vec<LegalBasis>>(
                "guide_versions.legal_basis_json",
                &row.legal_basis_json,
            )
            .map_err(&unreadable)?,
            materials: rows.materials,
            fees: codec::from_json::<Vec<Fee>>("guide_versions.fees_json", &row.fees_json)
                .map_err(&unreadable)?,
            special_stages: rows.special_stages,
            flowchart: Flowchart {
                steps: rows.flowchart.steps,
                edges: rows.flowchart.edges,
            },
            contact: codec::from_json::<Contact>("guide_versions.contact_json", &row.contact_json)
                .map_err(&unreadable)?,
            windows: codec::from_json::<Vec<ServiceWindow>>(
                "guide_versions.windows_json",
                &row.windows_json,
            )
            .map_err(&unreadable)?,
        };
        versions.push((
            row.id,
            GuideVersion {
                number,
                state,
                item,
                content,
            },
        ));
    }
    Ok(versions)
}
