//! Opens a database created by every earlier schema version.
//!
//! For each k in 1..=N (N migrations), a fresh database is built the way a
//! real one grows: each of the first k migrations in turn, each followed by
//! `migration_seeds/<its version>.sql`, the rows that version added written
//! as that version's SQL. Then `Database::open` brings it up to date and the
//! store must read every row back. A new migration needs only its seed file.

use std::path::{Path, PathBuf};

use approval_core::audit::verify_chain;
use approval_store::{Database, InboxFilter, MIGRATOR};
use sqlx::migrate::{MigrationType, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn seeds_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("migration_seeds")
}

/// A migrator of the embedded migrations' first `k`, through sqlx's public
/// API: the same files (so the same checksums) in a folder of their own.
async fn first_migrations(k: usize, folder: &Path) -> Result<Migrator, Box<dyn std::error::Error>> {
    for migration in MIGRATOR.iter().take(k) {
        assert_eq!(
            migration.migration_type,
            MigrationType::Simple,
            "the harness writes simple (not reversible) migrations"
        );
        let name = format!(
            "{}_{}.sql",
            migration.version,
            migration.description.replace(' ', "_")
        );
        std::fs::write(folder.join(name), migration.sql.as_bytes())?;
    }
    Ok(Migrator::new(folder).await?)
}

/// Row counts of the tables every schema version has.
async fn counts(pool: &SqlitePool) -> Result<[i64; 9], sqlx::Error> {
    let mut counts = [0; 9];
    let tables = [
        "items",
        "item_pending_changes",
        "guide_versions",
        "materials",
        "material_samples",
        "special_stages",
        "flowchart_steps",
        "flowchart_edges",
        "bundles",
    ];
    for (count, table) in counts.iter_mut().zip(tables) {
        *count = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(pool)
            .await?;
    }
    Ok(counts)
}

/// Rows of the audit log, for versions that have one (from 20261126010000).
async fn audit_rows(pool: &SqlitePool) -> Result<usize, Box<dyn std::error::Error>> {
    let has_log: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log')",
    )
    .fetch_one(pool)
    .await?;
    if !has_log {
        return Ok(0);
    }
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(pool)
        .await?;
    Ok(usize::try_from(rows)?)
}

/// The same counts as the store reads them.
async fn counts_read_back(db: &Database) -> Result<[i64; 9], Box<dyn std::error::Error>> {
    let mut read = [0_i64; 9];
    let items = db.items().await?;
    read[0] = i64::try_from(items.len())?;
    read[1] = i64::try_from(items.iter().filter(|i| i.pending.is_some()).count())?;
    for item in &items {
        let history = db.guide_history(&item.definition.code).await?;
        for version in history.versions() {
            let content = &version.content;
            read[2] += 1;
            read[3] += i64::try_from(content.materials.len())?;
            read[4] += i64::try_from(
                content
                    .materials
                    .iter()
                    .filter(|m| m.sample.is_some())
                    .count(),
            )?;
            read[5] += i64::try_from(content.special_stages.len())?;
            read[6] += i64::try_from(content.flowchart.steps.len())?;
            read[7] += i64::try_from(content.flowchart.edges.len())?;
        }
    }
    read[8] = i64::try_from(db.bundles().await?.len())?;
    Ok(read)
}

#[test]
fn every_migration_has_a_seed_and_every_seed_a_migration() -> TestResult {
    let mut seeds: Vec<String> = std::fs::read_dir(seeds_folder())?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    seeds.sort();
    let expected: Vec<String> = MIGRATOR
        .iter()
        .map(|m| format!("{}.sql", m.version))
        .collect();
    assert_eq!(
        seeds, expected,
        "add tests/migration_seeds/<version>.sql for each migration"
    );
    Ok(())
}

#[tokio::test]
async fn opens_a_database_created_by_every_earlier_schema_version() -> TestResult {
    let n = MIGRATOR.iter().count();
    assert!(n >= 1);
    for k in 1..=n {
        let Some(version) = MIGRATOR.iter().nth(k - 1).map(|m| m.version) else {
            unreachable!("k ≤ n");
        };
        let dir = tempfile::tempdir()?;
        let migrations = dir.path().join("migrations");
        std::fs::create_dir(&migrations)?;
        let path = dir.path().join("desk.sqlite3");
        let old = SqlitePool::connect_with(
            SqliteConnectOptions::new()
                .filename(&path)
                .create_if_missing(true)
                .foreign_keys(true),
        )
        .await?;
        for (j, migration) in MIGRATOR.iter().take(k).enumerate() {
            first_migrations(j + 1, &migrations)
                .await?
                .run(&old)
                .await?;
            let seed_file = seeds_folder().join(format!("{}.sql", migration.version));
            let seed = std::fs::read_to_string(&seed_file)
                .map_err(|e| format!("{}: {e}", seed_file.display()))?;
            sqlx::raw_sql(&seed)
                .execute(&old)
                .await
                .map_err(|e| format!("seed {}: {e}", migration.version))?;
        }
        let seeded = counts(&old).await?;
        let seeded_audit = audit_rows(&old).await?;
        old.close().await;
        assert!(
            seeded.iter().all(|&c| c > 0),
            "seed {version} leaves a table empty: {seeded:?}"
        );

        let db = Database::open(&path)
            .await
            .map_err(|e| format!("opening a version-{version} database: {e}"))?;
        assert_eq!(
            counts_read_back(&db).await?,
            seeded,
            "a version-{version} database reads back"
        );
        if version >= 20261126020000 {
            // The inbox's copied columns are filled for cases stored before
            // they existed (migration 20261213000000).
            let rows = db.inbox(&InboxFilter::default(), None, 10).await?;
            let first = rows
                .iter()
                .find(|r| r.number == "SX2026-000123")
                .ok_or_else(|| format!("version {version}: the seeded case is not listed"))?;
            assert_eq!(first.applicant, "蓝田县味道餐饮店", "version {version}");
            assert_eq!(
                first.bundle_code.as_deref(),
                Some("TC-0001"),
                "version {version}"
            );
        }
        let audit = db.audit_entries().await?;
        assert_eq!(audit.len(), seeded_audit, "version {version}'s audit log");
        verify_chain(&audit).map_err(|e| format!("version {version}: {e}"))?;
        db.close().await;
    }
    Ok(())
}
