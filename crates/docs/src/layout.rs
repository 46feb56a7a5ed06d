//! Automatic layered layout (Sugiyama style), top to bottom.
//!
//! 1. Cycles are broken: edges that a depth-first search finds going back to
//!    a step on its stack are left out (a validated chart has none), and so
//!    are self-loops and edges to unknown steps.
//! 2. Layers by the longest path from the start step(s); end steps sink to
//!    the last layer.
//! 3. An edge spanning several layers gets a dummy node in every layer it
//!    crosses, so it has a reserved lane and never runs through a box.
//! 4. The order within each layer comes from barycenter sweeps (down and
//!    up, a few times), keeping the order with the fewest crossings.
//! 5. x coordinates: every node moves toward the mean of its neighbours in
//!    the layer above (then below), as close as the order and the box widths
//!    allow (an isotonic regression), which centres a fork under its step and
//!    a join over its branches.
//! 6. Edges are orthogonal polylines: down from the middle of the source's
//!    bottom side, across on a horizontal track in the gap between the two
//!    layers, down to the middle of the target's top side. Every source gets
//!    its own track where its span overlaps another's.

use approval_core::guide::{Flowchart, SpecialStage, StepKind};

use crate::content::box_content;

/// One step's box. `x`, `y` are its top left corner, in px.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedBox {
    /// The index of the step in `Flowchart::steps`.
    pub step_index: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// 0 for the start, growing downward.
    pub layer: usize,
}

impl PlacedBox {
    pub fn center_x(&self) -> f64 {
        self.x + self.width / 2.0
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }
}

/// One drawn edge: from the bottom side of the `from` step's box to the top
/// side of the `to` step's box (indices into `Flowchart::steps`).
#[derive(Debug, Clone, PartialEq)]
pub struct RoutedEdge {
    pub from: usize,
    pub to: usize,
    pub points: Vec<(f64, f64)>,
}

/// A laid-out chart. `boxes[i]` is the box of step `i`; coordinates start
/// at (0, 0) and stay within `width` × `height`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub boxes: Vec<PlacedBox>,
    pub edges: Vec<RoutedEdge>,
    pub width: f64,
    pub height: f64,
}

/// The horizontal gap between two boxes of a layer.
pub(crate) const BOX_GAP: f64 = 40.0;
/// The horizontal gap next to an edge's lane (a dummy node).
const LANE_GAP: f64 = 18.0;
/// The width reserved for an edge passing through a layer.
const LANE_WIDTH: f64 = 8.0;
/// The least vertical gap between two layers.
pub(crate) const MIN_LAYER_GAP: f64 = 52.0;
/// The distance between two horizontal tracks in a gap.
const TRACK_SPACING: f64 = 14.0;
/// How far a join moves to sit right under one of its steps.
const SNAP: f64 = 24.0;
/// Rounds of chain straightening (each one down and one up).
const STRAIGHTEN_ROUNDS: usize = 4;
/// Barycenter sweeps (each one down and one up).
const ORDER_SWEEPS: usize = 6;
/// Rounds of x placement (each one down and one up).
const PLACEMENT_ROUNDS: usize = 12;

/// Lays out a chart with boxes sized for their text (name, role, limit).
pub fn layout(chart: &Flowchart) -> Layout {
    layout_with_stages(chart, &[])
}

/// Like [`layout`], with the boxes of special stages sized to also show the
/// stage kind and duration declared in `stages`.
pub fn layout_with_stages(chart: &Flowchart, stages: &[SpecialStage]) -> Layout {
    let sizes: Vec<(f64, f64)> = chart
        .steps
        .iter()
        .map(|step| {
            let content = box_content(step, stages);
            (content.width, content.height)
        })
        .collect();
    layout_sized(chart, &sizes)
}

/// A node of the layered graph: a step's box or an edge's lane.
#[derive(Debug, Clone)]
struct Node {
    step: Option<usize>,
    layer: usize,
    width: f64,
    height: f64,
}

/// The edges of the chart that can be drawn as a DAG (step indices, in the
/// order of `chart.edges`, deduplicated).
fn acyclic_edges(chart: &Flowchart) -> Vec<(usize, usize)> {
    let n = chart.steps.len();
    let mut next = chart.successors();
    for (i, targets) in next.iter_mut().enumerate() {
        targets.retain(|&t| t != i);
    }
    let mut incoming = vec![0usize; n];
    for targets in &next {
        for &t in targets {
            incoming[t] += 1;
        }
    }
    // Roots first: the start steps, then steps nothing points to, then the rest.
    let mut roots: Vec<usize> = (0..n)
        .filter(|&i| chart.steps[i].kind == StepKind::Start)
        .collect();
    roots.extend((0..n).filter(|&i| incoming[i] == 0));
    roots.extend(0..n);
    // 0 unvisited, 1 on the stack, 2 done.
    let mut state = vec![0u8; n];
    let mut back = Vec::new();
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        let mut stack = vec![(root, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (node, child) = *top;
            if let Some(&t) = next[node].get(child) {
                top.1 += 1;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        stack.push((t, 0));
                    }
                    1 => back.push((node, t)),
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    let mut edges = Vec::new();
    for (from, targets) in next.iter().enumerate() {
        for &to in targets {
            if !back.contains(&(from, to)) {
                edges.push((from, to));
            }
        }
    }
    edges
}

/// Layers by the longest path from the sources of the DAG `edges`.
fn assign_layers(chart: &Flowchart, edges: &[(usize, usize)]) -> Vec<usize> {
    let n = chart.steps.len();
    let mut incoming = vec![0usize; n];
    let mut next = vec![Vec::new(); n];
    for &(from, to) in edges {
        incoming[to] += 1;
        next[from].push(to);
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| incoming[i] == 0).collect();
    let mut layer = vec![0usize; n];
    while let Some(i) = ready.pop() {
        for &t in &next[i] {
            layer[t] = layer[t].max(layer[i] + 1);
            incoming[t] -= 1;
            if incoming[t] == 0 {
                ready.push(t);
            }
        }
    }
    // End steps with nothing after them sit at the bottom.
    let last = layer.iter().copied().max().unwrap_or(0);
    for i in 0..n {
        if chart.steps[i].kind == StepKind::End && next[i].is_empty() {
            layer[i] = last;
        }
    }
    layer
}

fn count_crossings(layers: &[Vec<usize>], pos: &[usize], down: &[Vec<usize>]) -> usize {
    let mut total = 0;
    for layer in layers {
        let mut segments: Vec<(usize, usize)> = Vec::new();
        for &u in layer {
            for &v in &down[u] {
                segments.push((pos[u], pos[v]));
            }
        }
        for (i, a) in segments.iter().enumerate() {
            for b in &segments[i + 1..] {
                if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                    total += 1;
                }
            }
        }
    }
    total
}

fn update_positions(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (p, &node) in layer.iter().enumerate() {
            pos[node] = p;
        }
    }
}

/// Sorts one layer by the barycenter of each node's neighbours in the layer
/// next to it; nodes without such neighbours keep their place.
fn sort_by_barycenter(layer: &mut [usize], neighbours: &[Vec<usize>], pos: &[usize]) {
    let mut keyed: Vec<(f64, usize)> = layer
        .iter()
        .map(|&node| {
            let ns = &neighbours[node];
            let key = if ns.is_empty() {
                pos[node] as f64
            } else {
                ns.iter().map(|&m| pos[m] as f64).sum::<f64>() / ns.len() as f64
            };
            (key, node)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (slot, (_, node)) in layer.iter_mut().zip(keyed) {
        *slot = node;
    }
}

/// The least distance between the centres of two neighbours in a layer.
fn separation(a: &Node, b: &Node) -> f64 {
    let gap = if a.step.is_some() && b.step.is_some() {
        BOX_GAP
    } else {
        LANE_GAP
    };
    (a.width + b.width) / 2.0 + gap
}

/// Moves the nodes of one layer (in their order) as close to `desired` as
/// the separations allow, minimising the squared displacement: with
/// `s_i` the cumulative separation, `x_i - s_i` must not decrease, which is
/// an isotonic regression (pool adjacent violators).
fn place_layer(layer: &[usize], nodes: &[Node], desired: &[f64], x: &mut [f64]) {
    let mut offsets = Vec::with_capacity(layer.len());
    let mut s = 0.0;
    for (i, &node) in layer.iter().enumerate() {
        if i > 0 {
            s += separation(&nodes[layer[i - 1]], &nodes[node]);
        }
        offsets.push(s);
    }
    // Blocks of (sum, count) whose means are non-decreasing.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (i, d) in desired.iter().enumerate() {
        blocks.push((d - offsets[i], 1));
        while blocks.len() >= 2 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f64 > s2 / c2 as f64 {
                blocks.pop();
                blocks.pop();
                blocks.push((s1 + s2, c1 + c2));
            } else {
                break;
            }
        }
    }
    let mut i = 0;
    for (sum, count) in blocks {
        let mean = sum / count as f64;
        for _ in 0..count {
            x[layer[i]] = mean + offsets[i];
            i += 1;
        }
    }
}

/// Lays out a chart whose step `i` has the box size `sizes[i]` (width, height).
pub(crate) fn layout_sized(chart: &Flowchart, sizes: &[(f64, f64)]) -> Layout {
    let n = chart.steps.len().min(sizes.len());
    if n == 0 {
        return Layout::default();
    }
    let edges = acyclic_edges(chart);
    let layer_of = assign_layers(chart, &edges);
    let layer_count = layer_of.iter().copied().max().unwrap_or(0) + 1;

    // The layered graph, with a lane node wherever an edge crosses a layer.
    let mut nodes: Vec<Node> = (0..n)
        .map(|i| Node {
            step: Some(i),
            layer: layer_of[i],
            width: sizes[i].0,
            height: sizes[i].1,
        })
        .collect();
    let mut chains: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for &(from, to) in &edges {
        let mut chain = vec![from];
        for layer in layer_of[from] + 1..layer_of[to] {
            nodes.push(Node {
                step: None,
                layer,
                width: LANE_WIDTH,
                height: 0.0,
            });
            chain.push(nodes.len() - 1);
        }
        chain.push(to);
        chains.push((from, to, chain));
    }
    let mut up = vec![Vec::new(); nodes.len()];
    let mut down = vec![Vec::new(); nodes.len()];
    for (_, _, chain) in &chains {
        for pair in chain.windows(2) {
            down[pair[0]].push(pair[1]);
            up[pair[1]].push(pair[0]);
        }
    }

    // Order within the layers.
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (id, node) in nodes.iter().enumerate() {
        layers[node.layer].push(id);
    }
    let mut pos = vec![0usize; nodes.len()];
    update_positions(&layers, &mut pos);
    let mut best = layers.clone();
    let mut best_crossings = count_crossings(&layers, &pos, &down);
    for _ in 0..ORDER_SWEEPS {
        if best_crossings == 0 {
            break;
        }
        for l in 1..layer_count {
            sort_by_barycenter(&mut layers[l], &up, &pos);
            update_positions(&layers[l..=l], &mut pos);
        }
        for l in (0..layer_count.saturating_sub(1)).rev() {
            sort_by_barycenter(&mut layers[l], &down, &pos);
            update_positions(&layers[l..=l], &mut pos);
        }
        let crossings = count_crossings(&layers, &pos, &down);
        if crossings < best_crossings {
            best_crossings = crossings;
            best = layers.clone();
        }
    }
    let layers = best;
    update_positions(&layers, &mut pos);

    // x coordinates (centres): packed and centred first, then pulled toward
    // the neighbours, round after round.
    let mut x = vec![0.0f64; nodes.len()];
    for layer in &layers {
        let desired = vec![0.0; layer.len()];
        place_layer(layer, &nodes, &desired, &mut x);
    }
    let mean_of = |ns: &[usize], x: &[f64]| -> Option<f64> {
        (!ns.is_empty()).then(|| ns.iter().map(|&m| x[m]).sum::<f64>() / ns.len() as f64)
    };
    for _ in 0..PLACEMENT_ROUNDS {
        for layer in layers.iter().skip(1) {
            let desired: Vec<f64> = layer
                .iter()
                .map(|&v| mean_of(&up[v], &x).unwrap_or(x[v]))
                .collect();
            place_layer(layer, &nodes, &desired, &mut x);
        }
        for l in (0..layer_count.saturating_sub(1)).rev() {
            let desired: Vec<f64> = layers[l]
                .iter()
                .map(|&v| mean_of(&down[v], &x).unwrap_or(x[v]))
                .collect();
            place_layer(&layers[l], &nodes, &desired, &mut x);
        }
    }
    // Straight lines where the graph is a chain: a node with one link up to
    // a node with one link down sits right under it, and an edge's lane runs
    // straight down from where the edge leaves its step, joining its target
    // only in the last gap. Up and down again, so that a chain squeezed in
    // one layer moves as a whole where the other layers have room.
    let single_link =
        |u: usize, v: usize| (down[u].len() == 1 && up[v].len() == 1) || nodes[v].step.is_none();
    let follow_up = |x: &mut [f64]| {
        for layer in layers.iter().skip(1) {
            let desired: Vec<f64> = layer
                .iter()
                .map(|&v| match up[v].as_slice() {
                    [u] if single_link(*u, v) => x[*u],
                    // A join almost under one of its steps goes right under it.
                    ups => ups
                        .iter()
                        .map(|&u| x[u])
                        .filter(|ux| (ux - x[v]).abs() < SNAP)
                        .min_by(|a, b| (a - x[v]).abs().total_cmp(&(b - x[v]).abs()))
                        .unwrap_or(x[v]),
                })
                .collect();
            place_layer(layer, &nodes, &desired, x);
        }
    };
    let follow_down = |x: &mut [f64]| {
        for l in (0..layer_count.saturating_sub(1)).rev() {
            let desired: Vec<f64> = layers[l]
                .iter()
                .map(|&u| match down[u].as_slice() {
                    [v] if single_link(u, *v) => x[*v],
                    [_] | [] => x[u],
                    // A fork sits over the middle of its branches.
                    _ => mean_of(&down[u], x).unwrap_or(x[u]),
                })
                .collect();
            place_layer(&layers[l], &nodes, &desired, x);
        }
    };
    for _ in 0..STRAIGHTEN_ROUNDS {
        follow_up(&mut x);
        follow_down(&mut x);
    }
    // Down last: lanes and chains end right under their steps.
    follow_up(&mut x);
    let left = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| x[i] - node.width / 2.0)
        .fold(f64::INFINITY, f64::min);
    for value in &mut x {
        *value = (*value - left).round();
    }

    // Horizontal tracks in every gap: one per source whose span overlaps
    // another source's span (a join into one target may share a track).
    struct Group {
        source: usize,
        lo: f64,
        hi: f64,
        targets: Vec<f64>,
    }
    let mut track_of = vec![0usize; nodes.len()];
    let mut tracks_in_gap = vec![0usize; layer_count];
    for (l, layer) in layers.iter().enumerate() {
        let mut groups: Vec<Group> = layer
            .iter()
            .filter(|&&u| down[u].iter().any(|&v| (x[v] - x[u]).abs() >= 0.5))
            .map(|&u| {
                let targets: Vec<f64> = down[u].iter().map(|&v| x[v]).collect();
                let lo = targets.iter().copied().fold(x[u], f64::min);
                let hi = targets.iter().copied().fold(x[u], f64::max);
                Group {
                    source: u,
                    lo,
                    hi,
                    targets,
                }
            })
            .collect();
        groups.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut tracks: Vec<Vec<usize>> = Vec::new();
        for g in 0..groups.len() {
            let conflicts = |other: &Group| {
                let a = &groups[g];
                let overlap = a.lo.max(other.lo) - a.hi.min(other.hi);
                if overlap < -0.5 {
                    // Overlapping spans.
                    true
                } else if overlap <= 0.5 {
                    // Touching: fine only at a target both go to.
                    let at = a.lo.max(other.lo);
                    let shared = a.targets.iter().any(|t| (t - at).abs() < 0.5)
                        && other.targets.iter().any(|t| (t - at).abs() < 0.5);
                    !shared
                } else {
                    false
                }
            };
            let free = tracks
                .iter()
                .position(|track| !track.iter().any(|&o| conflicts(&groups[o])));
            let t = match free {
                Some(t) => t,
                None => {
                    tracks.push(Vec::new());
                    tracks.len() - 1
                }
            };
            tracks[t].push(g);
            track_of[groups[g].source] = t;
        }
        tracks_in_gap[l] = tracks.len();
    }

    // y: rows as tall as their tallest box, gaps as tall as their tracks need.
    let mut row_top = vec![0.0f64; layer_count];
    let mut row_height = vec![0.0f64; layer_count];
    let mut gap_height = vec![0.0f64; layer_count];
    let mut y = 0.0;
    for l in 0..layer_count {
        row_top[l] = y;
        row_height[l] = layers[l]
            .iter()
            .map(|&v| nodes[v].height)
            .fold(0.0, f64::max);
        gap_height[l] = MIN_LAYER_GAP.max(TRACK_SPACING * (tracks_in_gap[l] as f64 + 1.0) + 12.0);
        y += row_height[l] + gap_height[l];
    }
    let height = (y - gap_height[layer_count - 1]).max(0.0);
    let top_of =
        |v: usize| row_top[nodes[v].layer] + (row_height[nodes[v].layer] - nodes[v].height) / 2.0;
    let track_y = |u: usize| {
        let l = nodes[u].layer;
        let gap_top = row_top[l] + row_height[l];
        let k = tracks_in_gap[l].max(1) as f64;
        // Tracks fill the upper part of the gap, leaving room for arrowheads.
        let usable = gap_height[l] - 12.0;
        (gap_top + usable * (track_of[u] as f64 + 1.0) / (k + 1.0)).round()
    };

    let boxes: Vec<PlacedBox> = (0..n)
        .map(|i| PlacedBox {
            step_index: i,
            x: x[i] - nodes[i].width / 2.0,
            y: top_of(i),
            width: nodes[i].width,
            height: nodes[i].height,
            layer: nodes[i].layer,
        })
        .collect();
    let width = boxes.iter().map(PlacedBox::right).fold(0.0, f64::max);

    let edges = chains
        .into_iter()
        .map(|(from, to, chain)| {
            let mut points = vec![(x[from], top_of(from) + nodes[from].height)];
            for pair in chain.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if (x[a] - x[b]).abs() >= 0.5 {
                    let ty = track_y(a);
                    points.push((x[a], ty));
                    points.push((x[b], ty));
                }
                if nodes[b].step.is_none() {
                    let l = nodes[b].layer;
                    points.push((x[b], row_top[l]));
                    points.push((x[b], row_top[l] + row_height[l]));
                } else {
                    points.push((x[b], top_of(b)));
                }
            }
            RoutedEdge {
                from,
                to,
                points: simplify(points),
            }
        })
        .collect();

    Layout {
        boxes,
        edges,
        width,
        height,
    }
}

/// Drops repeated points and the middle of three points on one line.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let collinear = (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use approval_core::guide::{Flowchart, StepKind};
    use proptest::prelude::*;

    use super::*;
    use crate::samples::{chart, construction_permit, step, three_lane_bundle};

    const MARGIN: f64 = 10.0;
    const EPS: f64 = 0.51;

    /// The checks every layout must pass.
    fn check(chart: &Flowchart, layout: &Layout) -> Result<(), String> {
        if layout.boxes.len() != chart.steps.len() {
            return Err("one box per step".into());
        }
        for (i, b) in layout.boxes.iter().enumerate() {
            if b.step_index != i {
                return Err(format!("box {i} is for step {}", b.step_index));
            }
            if b.x < -EPS
                || b.y < -EPS
                || b.right() > layout.width + EPS
                || b.bottom() > layout.height + EPS
            {
                return Err(format!("box {i} lies outside the layout"));
            }
        }
        // No two boxes overlap, with a margin.
        for (i, a) in layout.boxes.iter().enumerate() {
            for b in &layout.boxes[i + 1..] {
                let apart = a.right() + MARGIN <= b.x
                    || b.right() + MARGIN <= a.x
                    || a.bottom() + MARGIN <= b.y
                    || b.bottom() + MARGIN <= a.y;
                if !apart {
                    return Err(format!(
                        "boxes {} and {} overlap: {a:?} {b:?}",
                        a.step_index, b.step_index
                    ));
                }
            }
        }
        for edge in &layout.edges {
            let (from, to) = (&layout.boxes[edge.from], &layout.boxes[edge.to]);
            // Layers respect edges.
            if to.layer <= from.layer {
                return Err(format!("edge {}->{} does not go down", edge.from, edge.to));
            }
            let (Some(first), Some(last)) = (edge.points.first(), edge.points.last()) else {
                return Err("an edge without points".into());
            };
            if edge.points.len() < 2 {
                return Err("an edge with one point".into());
            }
            // Starts on the source's bottom side, ends on the target's top side.
            if (first.1 - from.bottom()).abs() > EPS
                || first.0 < from.x - EPS
                || first.0 > from.right() + EPS
            {
                return Err(format!(
                    "edge {}->{} does not start at its source",
                    edge.from, edge.to
                ));
            }
            if (last.1 - to.y).abs() > EPS || last.0 < to.x - EPS || last.0 > to.right() + EPS {
                return Err(format!(
                    "edge {}->{} does not end at its target",
                    edge.from, edge.to
                ));
            }
            // Axis-parallel segments that go through no box's inside, and
            // end with a vertical run long enough for the arrowhead.
            for pair in edge.points.windows(2) {
                let (p, q) = (pair[0], pair[1]);
                if p.0 != q.0 && p.1 != q.1 {
                    return Err(format!(
                        "edge {}->{} has a slanted segment",
                        edge.from, edge.to
                    ));
                }
                if q.1 < p.1 - EPS {
                    return Err(format!("edge {}->{} goes up", edge.from, edge.to));
                }
                for b in &layout.boxes {
                    let (x0, x1) = (p.0.min(q.0), p.0.max(q.0));
                    let (y0, y1) = (p.1.min(q.1), p.1.max(q.1));
                    if x1 > b.x + 1.0
                        && x0 < b.right() - 1.0
                        && y1 > b.y + 1.0
                        && y0 < b.bottom() - 1.0
                    {
                        return Err(format!(
                            "edge {}->{} runs through the box of step {}",
                            edge.from, edge.to, b.step_index
                        ));
                    }
                }
            }
            let n = edge.points.len();
            let tail = edge.points[n - 1].1 - edge.points[n - 2].1;
            if edge.points[n - 1].0 != edge.points[n - 2].0 || tail < 12.0 {
                return Err(format!(
                    "edge {}->{} has no room for its arrowhead",
                    edge.from, edge.to
                ));
            }
        }
        Ok(())
    }

    fn assert_layout(chart: &Flowchart) -> Layout {
        let layout = layout(chart);
        if let Err(problem) = check(chart, &layout) {
            panic!("{problem}\n{layout:#?}");
        }
        layout
    }

    #[test]
    fn construction_permit_chart() {
        let (_, content) = construction_permit();
        let layout = assert_layout(&content.flowchart);
        assert_eq!(layout.edges.len(), content.flowchart.edges.len());
        let layers: Vec<usize> = layout.boxes.iter().map(|b| b.layer).collect();
        // 收件, 受理审查, [技术审查 ‖ 现场勘察], 审核, 决定, 送达.
        assert_eq!(layers, vec![0, 1, 2, 2, 3, 4, 5]);
        // The branches sit side by side, centred under 受理审查.
        let (tech, survey, accept) = (&layout.boxes[2], &layout.boxes[3], &layout.boxes[1]);
        assert!((tech.center_x() + survey.center_x()) / 2.0 - accept.center_x() < 2.0);
        // A straight chain is straight.
        assert!((layout.boxes[4].center_x() - layout.boxes[5].center_x()).abs() < 1.0);
    }

    #[test]
    fn three_lane_bundle_chart() {
        let chart = three_lane_bundle();
        let layout = assert_layout(&chart);
        let first = layout.boxes.iter().filter(|b| b.layer == 1).count();
        assert_eq!(first, 3, "three lanes");
    }

    #[test]
    fn long_edges_get_lanes_around_boxes() {
        // a → b → c → d and a → d: the long edge must go around b and c.
        let chart = chart(
            vec![
                step("a", "收件", StepKind::Start, None, None),
                step("b", "受理", StepKind::Step, Some("承办人"), Some(1)),
                step("c", "审查", StepKind::Step, Some("承办人"), Some(3)),
                step("d", "办结", StepKind::End, None, None),
            ],
            &[("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")],
        );
        let layout = assert_layout(&chart);
        assert_eq!(layout.boxes[3].layer, 3);
    }

    #[test]
    fn end_steps_sink_to_the_bottom() {
        let chart = chart(
            vec![
                step("a", "收件", StepKind::Start, None, None),
                step("b", "审查", StepKind::Step, Some("承办人"), Some(1)),
                step("c", "决定", StepKind::Decision, Some("签发人"), Some(1)),
                step("x", "不予受理告知", StepKind::End, None, None),
                step("y", "送达", StepKind::End, None, None),
            ],
            &[("a", "b"), ("a", "x"), ("b", "c"), ("c", "y")],
        );
        let layout = assert_layout(&chart);
        assert_eq!(layout.boxes[3].layer, 3);
        assert_eq!(layout.boxes[4].layer, 3);
    }

    #[test]
    fn crossings_are_reduced() {
        // Two lanes whose steps are listed crosswise.
        let chart = chart(
            vec![
                step("s", "收件", StepKind::Start, None, None),
                step("a1", "甲一", StepKind::Step, None, None),
                step("b1", "乙一", StepKind::Step, None, None),
                step("b2", "乙二", StepKind::Step, None, None),
                step("a2", "甲二", StepKind::Step, None, None),
                step("e", "办结", StepKind::End, None, None),
            ],
            &[
                ("s", "a1"),
                ("s", "b1"),
                ("a1", "a2"),
                ("b1", "b2"),
                ("a2", "e"),
                ("b2", "e"),
            ],
        );
        let layout = assert_layout(&chart);
        let left_of = |i: usize, j: usize| layout.boxes[i].x < layout.boxes[j].x;
        assert_eq!(left_of(1, 2), left_of(4, 3), "lanes must not cross");
    }

    #[test]
    fn empty_and_single_charts() {
        assert_eq!(layout(&Flowchart::default()), Layout::default());
        let one = chart(vec![step("a", "收件", StepKind::Start, None, None)], &[]);
        assert_layout(&one);
    }

    #[test]
    fn cycles_and_unknown_steps_do_not_panic() {
        let chart = chart(
            vec![
                step("a", "收件", StepKind::Start, None, None),
                step("b", "审查", StepKind::Step, None, None),
                step("c", "补正", StepKind::Step, None, None),
                step("d", "办结", StepKind::End, None, None),
            ],
            &[
                ("a", "b"),
                ("b", "c"),
                ("c", "b"),
                ("c", "c"),
                ("c", "d"),
                ("d", "a"),
                ("b", "nowhere"),
                ("nowhere", "d"),
            ],
        );
        let layout = assert_layout(&chart);
        // The forward edges are drawn; the back edges c→b, d→a and the loop are not.
        let drawn: Vec<(usize, usize)> = layout.edges.iter().map(|e| (e.from, e.to)).collect();
        assert_eq!(drawn, vec![(0, 1), (1, 2), (2, 3)]);
        // A chart that is nothing but a cycle.
        let ring = chart_ring(5);
        assert_layout(&ring);
    }

    fn chart_ring(n: usize) -> Flowchart {
        let steps = (0..n)
            .map(|i| {
                step(
                    &format!("s{i}"),
                    &format!("环节{i}"),
                    StepKind::Step,
                    None,
                    None,
                )
            })
            .collect();
        let ids: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
        let edges: Vec<(&str, &str)> = (0..n)
            .map(|i| (ids[i].as_str(), ids[(i + 1) % n].as_str()))
            .collect();
        chart(steps, &edges)
    }

    /// A random DAG: steps in a random order, edges forward in a hidden
    /// topological order, so the listing order tells the layout nothing.
    pub(crate) fn arbitrary_dag() -> impl Strategy<Value = Flowchart> {
        (2usize..=25)
            .prop_flat_map(|n| {
                let names = proptest::collection::vec(
                    prop_oneof![
                        Just("审查".to_owned()),
                        Just("受理审查".to_owned()),
                        Just("技术审查（含GB 50016复核）".to_owned()),
                        Just("食品经营许可：现场核查与整改复查意见汇总".to_owned()),
                        "[a-z&<>'\" ]{1,12}",
                        "[\u{4e00}-\u{4fff}]{1,30}",
                    ],
                    n,
                );
                let kinds = proptest::collection::vec(0u8..5, n);
                let edges = proptest::collection::vec((0..n, 0..n), 0..(2 * n));
                let order = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
                (Just(n), names, kinds, edges, order)
            })
            .prop_map(|(n, names, kinds, pairs, order)| {
                // order[rank] is the listed index of the step of that rank.
                let id = |i: usize| format!("s{i}");
                let steps = (0..n)
                    .map(|i| {
                        let kind = match kinds[i] {
                            0 => StepKind::Step,
                            1 => StepKind::SpecialStage,
                            2 => StepKind::Decision,
                            3 => StepKind::End,
                            _ => StepKind::Step,
                        };
                        let role = (kinds[i] % 2 == 0).then_some("承办人");
                        let days = (kinds[i] < 3).then_some(u32::from(kinds[i]) + 1);
                        step(&id(i), &names[i], kind, role, days)
                    })
                    .collect();
                let mut edges: Vec<(String, String)> = Vec::new();
                // A chain along the ranks keeps most of the chart connected,
                // the random pairs add parallel branches and long edges.
                for rank in 1..n {
                    if rank % 4 != 0 {
                        edges.push((id(order[rank - 1]), id(order[rank])));
                    }
                }
                for (a, b) in pairs {
                    if a != b {
                        let (lo, hi) = (a.min(b), a.max(b));
                        edges.push((id(order[lo]), id(order[hi])));
                    }
                }
                Flowchart {
                    steps,
                    edges: edges
                        .into_iter()
                        .map(|(from, to)| approval_core::guide::Edge { from, to })
                        .collect(),
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn random_dags_lay_out_cleanly(chart in arbitrary_dag()) {
            let layout = layout(&chart);
            if let Err(problem) = check(&chart, &layout) {
                prop_assert!(false, "{}", problem);
            }
            // Every edge of a DAG is drawn, once.
            let mut wanted: Vec<(usize, usize)> = chart
                .successors()
                .iter()
                .enumerate()
                .flat_map(|(from, targets)| targets.iter().map(move |&to| (from, to)))
                .collect();
            let mut drawn: Vec<(usize, usize)> = layout.edges.iter().map(|e| (e.from, e.to)).collect();
            wanted.sort_unstable();
            drawn.sort_unstable();
            prop_assert_eq!(wanted, drawn);
        }

        #[test]
        fn random_graphs_with_cycles_do_not_panic(
            n in 1usize..15,
            pairs in proptest::collection::vec((0usize..20, 0usize..20), 0..40),
        ) {
            let steps = (0..n).map(|i| step(&format!("s{i}"), "环节", StepKind::Step, None, None)).collect();
            let ids: Vec<String> = (0..20).map(|i| format!("s{i}")).collect();
            let edges: Vec<(&str, &str)> = pairs.iter().map(|&(a, b)| (ids[a].as_str(), ids[b].as_str())).collect();
            let chart = chart(steps, &edges);
            let layout = layout(&chart);
            if let Err(problem) = check(&chart, &layout) {
                prop_assert!(false, "{}", problem);
            }
        }
    }
}
