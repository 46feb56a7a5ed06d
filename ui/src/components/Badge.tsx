import type { ReactNode } from "react";

export type BadgeTone = "rest" | "work" | "provisional";

/** A small label beside a date or a result: 休 (rest), 班 (work), 推算 (estimated). */
export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
