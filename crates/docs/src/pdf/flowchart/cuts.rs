//! Where a chart too tall for one page is cut: in the gaps between its
//! layers, so no box is split.

use crate::layout::Layout;

/// The y ranges (chart units) of the layers, top down.
fn layer_bands(layout: &Layout) -> Vec<(f32, f32)> {
    let mut bands: Vec<(usize, f32, f32)> = Vec::new();
    for b in &layout.boxes {
        let (top, bottom) = (b.y as f32, b.bottom() as f32);
        match bands.iter_mut().find(|(l, _, _)| *l == b.layer) {
            Some(band) => {
                band.1 = band.1.min(top);
                band.2 = band.2.max(bottom);
            }
            None => bands.push((b.layer, top, bottom)),
        }
    }
    bands.sort_by(|a, b| a.1.total_cmp(&b.1));
    bands.into_iter().map(|(_, t, b)| (t, b)).collect()
}

/// Where to cut the chart (chart units): in the middle of a gap between
/// layers, each piece at most `limit` tall and the last at most
/// `last_limit` (it shares its page with the legend and notes). The second
/// value is true when the legend and notes need a page of their own.
pub(super) fn cuts(layout: &Layout, limit: f32, last_limit: f32) -> (Vec<f32>, bool) {
    let bands = layer_bands(layout);
    let total = layout.height as f32;
    let mut cuts = vec![0.0];
    let mut start = 0.0;
    let mut own_page = false;
    while total - start > last_limit {
        let gap = bands
            .windows(2)
            .map(|pair| (pair[0].1 + pair[1].0) / 2.0)
            .rfind(|&mid| mid > start + 1.0 && mid - start <= limit);
        match gap {
            Some(cut) => {
                cuts.push(cut);
                start = cut;
            }
            None if total - start <= limit => {
                own_page = true;
                break;
            }
            // A single layer taller than a page: cut through it.
            None => {
                start += limit;
                cuts.push(start);
            }
        }
    }
    cuts.push(total);
    (cuts, own_page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::PlacedBox;

    /// `layers` layers of one box, 50 tall, 50 apart.
    fn column(layers: usize) -> Layout {
        Layout {
            boxes: (0..layers)
                .map(|i| PlacedBox {
                    step_index: i,
                    x: 0.0,
                    y: i as f64 * 100.0,
                    width: 120.0,
                    height: 50.0,
                    layer: i,
                })
                .collect(),
            edges: Vec::new(),
            width: 120.0,
            height: layers as f64 * 100.0 - 50.0,
        }
    }

    #[test]
    fn a_chart_that_fits_is_not_cut() {
        assert_eq!(cuts(&column(3), 300.0, 300.0), (vec![0.0, 250.0], false));
    }

    #[test]
    fn cuts_fall_in_the_gaps_between_layers() {
        // Layers at 0, 100, …, 900; gaps centred at 75, 175, …
        let (cuts, own_page) = cuts(&column(10), 320.0, 320.0);
        assert!(!own_page);
        assert_eq!(cuts, vec![0.0, 275.0, 575.0, 875.0, 950.0]);
        for pair in cuts.windows(2) {
            assert!(pair[1] - pair[0] <= 320.0);
        }
    }

    #[test]
    fn the_last_piece_leaves_room_for_the_legend() {
        let (cuts, own_page) = cuts(&column(6), 400.0, 120.0);
        assert!(!own_page);
        let last = cuts[cuts.len() - 1] - cuts[cuts.len() - 2];
        assert!(last <= 120.0, "{cuts:?}");
    }

    #[test]
    fn a_single_tall_layer_is_cut_through() {
        let mut layout = column(1);
        layout.boxes[0].height = 1000.0;
        layout.height = 1000.0;
        let (cuts, _) = cuts(&layout, 400.0, 400.0);
        assert_eq!(cuts, vec![0.0, 400.0, 800.0, 1000.0]);
    }
}
