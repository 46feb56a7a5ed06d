//! Pass 2: rows onto pages. A chain of rows that must stay together moves
//! to a new page as a whole (unless it is taller than a page); a table
//! that runs onto a new page gets its header again there; blank space at
//! the top of a page is dropped.

use super::rows::{Item, Row, TableLayout};
use super::Geometry;

/// A row placed on a page at a height.
pub(super) enum Placed {
    /// An item (by index) with its top.
    Item(usize, f32),
    /// A table's header again, at the top of a page the table runs onto.
    RepeatedHeader(usize, f32),
}

/// The rows of every page.
pub(super) fn paginate(items: &[Item], tables: &[TableLayout], geo: &Geometry) -> Vec<Vec<Placed>> {
    let mut placed: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = geo.top;
    let mut i = 0;
    let mut current_table: Option<usize> = None;
    while i < items.len() {
        // The chain of items that must share a page with this one.
        let mut chain = items[i].height;
        let mut j = i;
        while items[j].keep_with_next && j + 1 < items.len() {
            j += 1;
            chain += items[j].height;
        }
        let available = geo.bottom - geo.top;
        let page_empty = placed.last().is_none_or(Vec::is_empty);
        let needed = if chain <= available {
            chain
        } else {
            items[i].height
        };
        if y + needed > geo.bottom && !page_empty {
            placed.push(Vec::new());
            y = geo.top;
            // A table continues under its header again.
            if let (Some(t), Row::Cells { header: false, .. }) = (current_table, &items[i].row) {
                if let Some(page) = placed.last_mut() {
                    page.push(Placed::RepeatedHeader(t, y));
                }
                y += tables[t].header_height;
            }
        }
        if matches!(items[i].row, Row::Gap) && placed.last().is_none_or(Vec::is_empty) {
            i += 1;
            continue;
        }
        if let Row::Cells { table, .. } = items[i].row {
            current_table = Some(table);
        } else {
            current_table = None;
        }
        if let Some(page) = placed.last_mut() {
            page.push(Placed::Item(i, y));
        }
        y += items[i].height;
        i += 1;
    }

    placed
}
