//! The officer's inbox (待办): keyset pages of the cases a filter lets
//! through, by their current deadline (earliest first, cases with none
//! last), then number, and how many there are in all.
//!
//! A page starts strictly after a cursor (the last row's deadline and
//! number), so reading deep into 100,000 cases costs what the first page
//! does: the `cases_inbox` index gives the order and the seek, and holds
//! every column a filter reads (migration 20261213000000). Who may see
//! what is decided by the caller and passed in as the item codes to keep
//! or leave out ([`InboxVisibility`]), so every page is full.

use chrono::{DateTime, FixedOffset};

use super::cases::{instant, ordered};
use super::{DbError, Operation, StoreTx};

/// The sort key of a case without a running deadline (`due_order` in the
/// schema): after every instant, as nulls last.
const NO_DUE: &str = "~";

/// Which items' cases the actor may see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum InboxVisibility {
    /// Every case (the installation is being set up, or the actor's grants
    /// cover every item).
    #[default]
    All,
    /// Only the cases of these items.
    Only(Vec<String>),
    /// Every case except those of these items.
    AllBut(Vec<String>),
}

/// Which cases the inbox shows; every given filter must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxFilter {
    /// The state's word (see [`super::case_state_word`]).
    pub state: Option<String>,
    pub item_code: Option<String>,
    /// Only the cases this officer holds.
    pub officer: Option<String>,
    /// Only cases whose current deadline is before this instant (a date's
    /// start, or now for the overdue ones).
    pub due_before: Option<DateTime<FixedOffset>>,
    /// Only the cases of an instance of this bundle (its definition's code).
    pub bundle_code: Option<String>,
    /// A case number's beginning or a part of the applicant's name.
    pub search: Option<String>,
    pub visibility: InboxVisibility,
}

/// Where a page starts: strictly after this case in the inbox's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxCursor {
    /// The case's current deadline; `None`: it has none (sorted last).
    pub due: Option<DateTime<FixedOffset>>,
    pub number: String,
}

/// One line of the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxRow {
    pub number: String,
    pub item_code: String,
    /// The item's name as stored now; `None` when the item is not stored.
    pub item_name: Option<String>,
    pub applicant: String,
    /// The state's word.
    pub state: String,
    /// The deadline the officer works against now (acceptance while the
    /// case waits for it, else processing); `None` when none runs.
    pub due: Option<DateTime<FixedOffset>>,
    pub officer: Option<String>,
    /// The code of the bundle the case's instance is of.
    pub bundle_code: Option<String>,
    /// The window unit's receipt of the original submission.
    pub received_at: DateTime<FixedOffset>,
}

impl InboxRow {
    /// The cursor of the page after this row.
    pub fn cursor(&self) -> InboxCursor {
        InboxCursor {
            due: self.due,
            number: self.number.clone(),
        }
    }
}

/// The filter's parameters as the queries bind them.
struct Bound {
    state: Option<String>,
    item_code: Option<String>,
    officer: Option<String>,
    due_before: Option<String>,
    bundle_code: Option<String>,
    search: Option<String>,
    /// JSON arrays of item codes.
    only: Option<String>,
    all_but: Option<String>,
}

impl Bound {
    fn of(filter: &InboxFilter) -> Result<Self, DbError> {
        let codes = |codes: &Vec<String>| {
            serde_json::to_string(codes).map_err(DbError::json(Operation::ListCases, None))
        };
        let (only, all_but) = match &filter.visibility {
            InboxVisibility::All => (None, None),
            InboxVisibility::Only(visible) => (Some(codes(visible)?), None),
            InboxVisibility::AllBut(hidden) => (None, Some(codes(hidden)?)),
        };
        Ok(Self {
            state: filter.state.clone(),
            item_code: filter.item_code.clone(),
            officer: filter.officer.clone(),
            due_before: filter.due_before.map(ordered),
            bundle_code: filter.bundle_code.clone(),
            search: filter
                .search
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            only,
            all_but,
        })
    }
}

impl StoreTx {
    /// Up to `limit` cases the filter lets through, in the inbox's order
    /// (current deadline ascending, cases with none last, then number),
    /// starting strictly after `after` (from the first when `None`).
    pub async fn inbox(
        &mut self,
        filter: &InboxFilter,
        after: Option<&InboxCursor>,
        limit: u32,
    ) -> Result<Vec<InboxRow>, DbError> {
        let operation = Operation::ListCases;
        let b = Bound::of(filter)?;
        // The first page starts after ('', ''): every case number is
        // non-empty, so the seek is the same index range either way.
        let (after_due, after_number) = match after {
            Some(cursor) => (
                cursor.due.map_or_else(|| NO_DUE.to_owned(), ordered),
                cursor.number.clone(),
            ),
            None => (String::new(), String::new()),
        };
        let limit = i64::from(limit);
        let rows = sqlx::query!(
            r#"
            SELECT c.number, c.item_code, i.name AS "item_name?", c.applicant, c.state, c.due,
                   c.officer, c.bundle_code, c.received_at
            FROM cases c LEFT JOIN items i ON i.code = c.item_code
            WHERE (c.due_order, c.number) > (?1, ?2)
              AND (?3 IS NULL OR c.state = ?3)
              AND (?4 IS NULL OR c.item_code = ?4)
              AND (?5 IS NULL OR c.officer = ?5)
              AND (?6 IS NULL OR c.due < ?6)
              AND (?7 IS NULL OR c.bundle_code = ?7)
              AND (?8 IS NULL OR substr(c.number, 1, length(?8)) = ?8
                   OR instr(c.applicant, ?8) > 0)
              AND (?9 IS NULL OR c.item_code IN (SELECT value FROM json_each(?9)))
              AND (?10 IS NULL OR c.item_code NOT IN (SELECT value FROM json_each(?10)))
            ORDER BY c.due_order, c.number
            LIMIT ?11
            "#,
            after_due,
            after_number,
            b.state,
            b.item_code,
            b.officer,
            b.due_before,
            b.bundle_code,
            b.search,
            b.only,
            b.all_but,
            limit,
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        rows.into_iter()
            .map(|r| {
                let due = r
                    .due
                    .map(|d| instant(operation, &r.number, "due", &d))
                    .transpose()?;
                let received_at = instant(operation, &r.number, "received_at", &r.received_at)?;
                Ok(InboxRow {
                    number: r.number,
                    item_code: r.item_code,
                    item_name: r.item_name,
                    applicant: r.applicant,
                    state: r.state,
                    due,
                    officer: r.officer,
                    bundle_code: r.bundle_code,
                    received_at,
                })
            })
            .collect()
    }

    /// How many cases the filter lets through in all.
    pub async fn inbox_count(&mut self, filter: &InboxFilter) -> Result<u64, DbError> {
        let b = Bound::of(filter)?;
        let unfiltered = b.state.is_none()
            && b.item_code.is_none()
            && b.officer.is_none()
            && b.due_before.is_none()
            && b.bundle_code.is_none()
            && b.search.is_none();
        let count = if unfiltered {
            // The inbox as it opens: only who may see what. Counted on the
            // smallest index (by item) instead of testing every filter on
            // every entry of the inbox's index.
            self.visible_count(&b).await?
        } else {
            self.filtered_count(&b).await?
        };
        Ok(u64::try_from(count).unwrap_or(0))
    }

    async fn visible_count(&mut self, b: &Bound) -> Result<i64, DbError> {
        Ok(match (&b.only, &b.all_but) {
            (Some(only), _) => self.count_of_items(only).await?,
            (None, Some(hidden)) => self.count_all().await? - self.count_of_items(hidden).await?,
            (None, None) => self.count_all().await?,
        })
    }

    async fn count_all(&mut self) -> Result<i64, DbError> {
        sqlx::query_scalar!(r#"SELECT count(*) AS "count!: i64" FROM cases"#)
            .fetch_one(self.conn())
            .await
            .map_err(DbError::query(Operation::ListCases, None))
    }

    /// The cases of the items in `codes` (a JSON array).
    async fn count_of_items(&mut self, codes: &str) -> Result<i64, DbError> {
        sqlx::query_scalar!(
            r#"SELECT count(*) AS "count!: i64" FROM cases
               WHERE item_code IN (SELECT value FROM json_each(?))"#,
            codes
        )
        .fetch_one(self.conn())
        .await
        .map_err(DbError::query(Operation::ListCases, None))
    }

    async fn filtered_count(&mut self, b: &Bound) -> Result<i64, DbError> {
        sqlx::query_scalar!(
            r#"
            SELECT count(*) AS "count!: i64" FROM cases c
            WHERE (?1 IS NULL OR c.state = ?1)
              AND (?2 IS NULL OR c.item_code = ?2)
              AND (?3 IS NULL OR c.officer = ?3)
              AND (?4 IS NULL OR c.due < ?4)
              AND (?5 IS NULL OR c.bundle_code = ?5)
              AND (?6 IS NULL OR substr(c.number, 1, length(?6)) = ?6
                   OR instr(c.applicant, ?6) > 0)
              AND (?7 IS NULL OR c.item_code IN (SELECT value FROM json_each(?7)))
              AND (?8 IS NULL OR c.item_code NOT IN (SELECT value FROM json_each(?8)))
            "#,
            b.state,
            b.item_code,
            b.officer,
            b.due_before,
            b.bundle_code,
            b.search,
            b.only,
            b.all_but,
        )
        .fetch_one(self.conn())
        .await
        .map_err(DbError::query(Operation::ListCases, None))
    }

    /// Where the page after case `number` starts (its current deadline and
    /// number), if the case is stored: for front ends that name the last
    /// case they listed rather than keep a cursor.
    pub async fn inbox_cursor_of(&mut self, number: &str) -> Result<Option<InboxCursor>, DbError> {
        let operation = Operation::ListCases;
        let row = sqlx::query!("SELECT number, due FROM cases WHERE number = ?", number)
            .fetch_optional(self.conn())
            .await
            .map_err(DbError::query(operation, Some(number)))?;
        row.map(|r| {
            Ok(InboxCursor {
                due: r
                    .due
                    .map(|d| instant(operation, &r.number, "due", &d))
                    .transpose()?,
                number: r.number,
            })
        })
        .transpose()
    }
}
