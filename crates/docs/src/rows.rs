//! Flowing items of known widths into rows, as a legend under a chart is
//! laid out (the SVG and the PDF chart share it).

/// The indices of items with `widths`, left to right in rows no wider than
/// `width` with `gap` between neighbours. An item wider than a row still
/// gets a row of its own, so nothing is dropped.
pub(crate) fn flow_into_rows(
    widths: impl IntoIterator<Item = f64>,
    gap: f64,
    width: f64,
) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, w) in widths.into_iter().enumerate() {
        let needed = if used > 0.0 { used + gap + w } else { w };
        if needed > width && used > 0.0 {
            rows.push(vec![i]);
            used = w;
        } else if let Some(row) = rows.last_mut() {
            row.push(i);
            used = needed;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_fill_a_row_then_wrap_and_an_oversized_one_stands_alone() {
        assert_eq!(
            flow_into_rows([30.0, 30.0, 30.0], 10.0, 70.0),
            vec![vec![0, 1], vec![2]]
        );
        assert_eq!(
            flow_into_rows([100.0, 20.0], 10.0, 50.0),
            vec![vec![0], vec![1]]
        );
        assert_eq!(flow_into_rows([], 10.0, 50.0), vec![Vec::<usize>::new()]);
    }
}
