import "@xyflow/react/dist/style.css";
import "../case/case.css";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { useMemo } from "react";
import { useDocumentTitle } from "../../app/useDocumentTitle";
import { caseStateLabel } from "../../i18n/domain";
import { errorMessage } from "../../i18n/errorMessage";
import { useI18n } from "../../i18n/i18nContext";
import type { MessageKey, Translate } from "../../i18n";
import { bundleView } from "../../ipc/commands";
import type { BundleNodeView } from "../../ipc/types";
import { layoutBundle, NODE_H, NODE_W } from "./bundleLayout";

type MemberNode = Node<{ member: BundleNodeView; current: boolean; t: Translate; names: Map<string, string> }, "member">;

const GATE_KEYS = {
  not_decided: "bundle.gate.not_decided",
  releasable: "bundle.gate.releasable",
  withheld: "bundle.gate.withheld",
} as const satisfies Readonly<Record<BundleNodeView["gate"], MessageKey>>;

function gateLabel(gate: string, t: Translate): string {
  return Object.hasOwn(GATE_KEYS, gate) ? t(GATE_KEYS[gate as BundleNodeView["gate"]]) : gate;
}

/** 等待：消防验收（未决定）、环评备案（不予许可）. */
function waitsText(member: BundleNodeView, names: Map<string, string>, t: Translate): string {
  const items = member.waitingOn.map((w) => t(w.reason === "rejected" ? "bundle.wait.rejected" : "bundle.wait.pending", { item: names.get(w.itemCode) ?? w.itemCode }));
  return t("bundle.waitsOn", { items: items.join(t("list.separator")) });
}

function MemberNodeView({ data }: NodeProps<MemberNode>) {
  const { member, current, t, names } = data;
  return (
    <div className={`bundle-node gate-${member.gate}${current ? " current" : ""}`} style={{ width: NODE_W, minHeight: NODE_H }} data-item={member.itemCode}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <strong>{member.itemName ?? member.itemCode}</strong>
      <span className="muted">{member.department}</span>
      <span>
        {member.state === null ? t("bundle.notReceived") : caseStateLabel(member.state, t)}
        <span className={`flow-tag gate gate-${member.gate}`}>{gateLabel(member.gate, t)}</span>
      </span>
      {member.waitingOn.length > 0 && <span className="waits">{waitsText(member, names, t)}</span>}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { member: MemberNodeView };

/** 一件事: the bundle's items as a graph, each with its department and state, withheld results and what each waits on. */
export function BundleScreen({ number }: { number: string }) {
  const { t } = useI18n();
  useDocumentTitle(t("bundle.title", { number }));
  const bundle = useQuery({ queryKey: ["bundle", number], queryFn: () => bundleView(number) });
  const data = bundle.data;
  const names = useMemo(() => new Map((data?.nodes ?? []).map((m) => [m.itemCode, m.itemName ?? m.itemCode])), [data]);
  const withheld = data?.nodes.filter((n) => n.gate === "withheld").length ?? 0;
  const decided = data?.nodes.filter((n) => n.gate !== "not_decided").length ?? 0;
  // Before any decision nothing is withheld, yet nothing can be released either.
  const gate = withheld > 0 ? "closed" : decided === 0 ? "undecided" : "open";
  const graph = useMemo(() => {
    if (!data) return { nodes: [] as MemberNode[], edges: [] as Edge[] };
    const at = layoutBundle(data);
    const nodes: MemberNode[] = data.nodes.map((member) => ({
      id: member.itemCode,
      type: "member",
      position: at.get(member.itemCode) ?? { x: 0, y: 0 },
      data: { member, current: member.caseNumber === number, t, names },
      draggable: false,
      selectable: false,
      connectable: false,
      focusable: false,
    }));
    const edges: Edge[] = data.edges.map((e, i) => ({
      id: `b${i}`,
      source: e.prerequisite,
      target: e.dependent,
      markerEnd: { type: "arrowclosed" as const },
      focusable: false,
      selectable: false,
      animated: !e.serial,
      label: e.serial ? t("bundle.serial") : undefined,
    }));
    return { nodes, edges };
  }, [data, number, t, names]);

  return (
    <div className="screen bundle-screen">
      <nav className="crumbs" aria-label={t("case.crumbs")}>
        <Link to="/inbox">{t("case.backToInbox")}</Link>
        {" / "}
        <Link to="/cases/$number" params={{ number }}>
          {t("case.heading", { number })}
        </Link>
      </nav>
      <section className="panel" aria-labelledby="bundle-heading">
        <h2 id="bundle-heading">{data ? t("bundle.heading", { name: data.name }) : t("bundle.title", { number })}</h2>
        {bundle.isPending && <p role="status">{t("inbox.loading")}</p>}
        {bundle.isError && (
          <p className="alert alert-error" role="alert">
            {errorMessage(bundle.error, t)}
          </p>
        )}
        {data && (
          <>
            <p className={`alert ${{ open: "alert-success", closed: "alert-provisional", undecided: "alert-suspended" }[gate]} release-gate`} data-withheld={withheld} data-gate={gate}>
              {t(data.kind === "package" ? "bundle.kind.package" : "bundle.kind.parallel")}{" "}
              {gate === "closed" ? t("bundle.gateClosed", { n: withheld }) : gate === "undecided" ? t("bundle.gateUndecided") : t("bundle.gateOpen")}
            </p>
            <div className="bundle-canvas" aria-hidden="true">
              <ReactFlow
                nodes={graph.nodes}
                edges={graph.edges}
                nodeTypes={nodeTypes}
                fitView
                nodesDraggable={false}
                nodesConnectable={false}
                elementsSelectable={false}
                nodesFocusable={false}
                edgesFocusable={false}
                zoomOnScroll={false}
                preventScrolling={false}
                proOptions={{ hideAttribution: true }}
              />
            </div>
            <table className="data-table bundle-table">
              <caption>{t("bundle.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("bundle.col.item")}</th>
                  <th scope="col">{t("bundle.col.department")}</th>
                  <th scope="col">{t("bundle.col.case")}</th>
                  <th scope="col">{t("bundle.col.state")}</th>
                  <th scope="col">{t("bundle.col.result")}</th>
                </tr>
              </thead>
              <tbody>
                {data.nodes.map((m) => (
                  <tr key={m.itemCode} data-item={m.itemCode} data-gate={m.gate}>
                    <td>{m.itemName ?? m.itemCode}</td>
                    <td>
                      {m.department}
                      {m.otherDepartment && <span className="muted small"> {t("bundle.otherDepartment")}</span>}
                    </td>
                    <td>
                      {m.caseNumber === null ? (
                        t("bundle.notReceived")
                      ) : m.otherDepartment ? (
                        m.caseNumber
                      ) : (
                        <Link to="/cases/$number" params={{ number: m.caseNumber }}>
                          {m.caseNumber}
                        </Link>
                      )}
                    </td>
                    <td>{m.state === null ? "—" : caseStateLabel(m.state, t)}</td>
                    <td>
                      {gateLabel(m.gate, t)}
                      {m.waitingOn.length > 0 && <div className="muted small">{waitsText(m, names, t)}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
