import type { BundleView } from "../../ipc/types";

export const NODE_W = 230;
export const NODE_H = 104;
const GAP_X = 60;
const GAP_Y = 28;

/**
 * Positions of a bundle's items: left to right by the backend's layer (an
 * item one column right of what it waits on), one under the other in a layer.
 */
export function layoutBundle(bundle: Pick<BundleView, "nodes">): Map<string, { x: number; y: number }> {
  const rows = new Map<number, number>();
  const placed = new Map<string, { x: number; y: number }>();
  for (const node of bundle.nodes) {
    const row = rows.get(node.layer) ?? 0;
    rows.set(node.layer, row + 1);
    placed.set(node.itemCode, { x: node.layer * (NODE_W + GAP_X), y: row * (NODE_H + GAP_Y) });
  }
  return placed;
}
