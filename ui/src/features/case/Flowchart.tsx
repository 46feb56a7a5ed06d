import "@xyflow/react/dist/style.css";
import { BaseEdge, Handle, Position, ReactFlow, type Edge, type EdgeProps, type Node, type NodeProps } from "@xyflow/react";
import { useMemo } from "react";
import type { MessageKey } from "../../i18n";
import { useI18n } from "../../i18n/i18nContext";
import type { FlowchartView, FlowNodeView } from "../../ipc/types";

const FLOW_STATUS_KEYS = {
  done: "flow.status.done",
  current: "flow.status.current",
  pending: "flow.status.pending",
} as const satisfies Readonly<Record<FlowNodeView["status"], MessageKey>>;

type StepNode = Node<{ node: FlowNodeView; currentLabel: string; specialLabel: string }, "step">;
type RoutedEdge = Edge<{ points: { x: number; y: number }[]; label: string | null }, "routed">;

/** A step of the chart where the backend's layout put it: done, current (highlighted) or to come; special stages marked. */
function StepNodeView({ data }: NodeProps<StepNode>) {
  const { node } = data;
  return (
    <div className={`flow-node status-${node.status} shape-${node.shape}${node.special ? " special" : ""}`} style={{ width: node.width, height: node.height }} data-id={node.id} data-status={node.status}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <span className="flow-label">{node.label}</span>
      {node.status === "current" && <span className="flow-tag current">{data.currentLabel}</span>}
      {node.special && <span className="flow-tag special">{data.specialLabel}</span>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** An edge along the backend's routed points (the same route as the public chart). */
function RoutedEdgeView({ id, data, sourceX, sourceY, targetX, targetY, markerEnd }: EdgeProps<RoutedEdge>) {
  const points = data?.points && data.points.length >= 2 ? data.points : [{ x: sourceX, y: sourceY }, { x: targetX, y: targetY }];
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ");
  const mid = points[Math.floor(points.length / 2)] ?? { x: sourceX, y: sourceY };
  const label = data?.label ?? null;
  return label === null ? <BaseEdge id={id} path={path} markerEnd={markerEnd ?? ""} /> : <BaseEdge id={id} path={path} markerEnd={markerEnd ?? ""} label={label} labelX={mid.x} labelY={mid.y} />;
}

const nodeTypes = { step: StepNodeView };
const edgeTypes = { routed: RoutedEdgeView };

/**
 * The case's place on its item's flowchart, read-only: positions and edge
 * routes are the backend's layout, the current step highlighted. The list
 * under it says the same in words for screen readers.
 */
export function Flowchart({ chart }: { chart: FlowchartView }) {
  const { t } = useI18n();
  const { nodes, edges } = useMemo(() => {
    const nodes: StepNode[] = chart.nodes.map((node) => ({
      id: node.id,
      type: "step",
      position: { x: node.x, y: node.y },
      width: node.width,
      height: node.height,
      data: { node, currentLabel: t("flow.current"), specialLabel: t("flow.special") },
      draggable: false,
      selectable: false,
      connectable: false,
      focusable: false,
    }));
    const edges: RoutedEdge[] = chart.edges.map((edge, i) => ({
      id: `e${i}-${edge.from}-${edge.to}`,
      source: edge.from,
      target: edge.to,
      type: "routed",
      data: { points: edge.points, label: edge.label },
      focusable: false,
      selectable: false,
      markerEnd: { type: "arrowclosed" as const },
    }));
    return { nodes, edges };
  }, [chart, t]);
  const height = Math.min(380, Math.max(200, chart.height + 40));
  // A long chart is not shrunk to illegible: the view fits the current step and its neighbours, the rest is a drag away.
  const focus = useMemo(() => {
    const current = new Set(chart.nodes.filter((n) => n.status === "current").map((n) => n.id));
    if (current.size === 0) return undefined;
    const near = new Set(current);
    for (const e of chart.edges) {
      if (current.has(e.from)) near.add(e.to);
      if (current.has(e.to)) near.add(e.from);
    }
    return [...near].map((id) => ({ id }));
  }, [chart]);
  // fitView applies when the canvas mounts: a new current step mounts it again, so the view follows the case.
  const focusKey = chart.nodes.filter((n) => n.status === "current").map((n) => n.id).join(",");
  return (
    <div className="flowchart">
      <div className="flowchart-canvas" style={{ height }} aria-hidden="true">
        <ReactFlow
          key={focusKey}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          fitViewOptions={focus ? { padding: 0.2, nodes: focus, maxZoom: 1.2, minZoom: 0.5 } : { padding: 0.1, minZoom: 0.5 }}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          zoomOnScroll={false}
          preventScrolling={false}
          panOnDrag
          proOptions={{ hideAttribution: true }}
        />
      </div>
      <ol className="flow-steps visually-hidden">
        {chart.nodes.map((node) => (
          <li key={node.id}>
            {node.label}: {Object.hasOwn(FLOW_STATUS_KEYS, node.status) ? t(FLOW_STATUS_KEYS[node.status]) : node.status}
            {node.special ? ` (${t("flow.special")})` : ""}
          </li>
        ))}
      </ol>
    </div>
  );
}
