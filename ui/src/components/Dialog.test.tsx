import { act, screen, waitFor, within } from "@testing-library/react";
import { useEffect, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../test/renderWithProviders";
import { Dialog } from "./Dialog";
import { DialogStatus } from "./DialogStatus";
import { deferred } from "../test/deferred";

type Phase = "idle" | "busy" | "failed" | "done";

/** A dialog whose 签章 is disabled while its work runs, as the seal dialogs do. */
function Sealing({ work, onClose }: { work: () => Promise<undefined>; onClose: () => void }) {
  const [phase, setPhase] = useState<Phase>("idle");
  const start = () => {
    setPhase("busy");
    work().then(
      () => setPhase("done"),
      () => setPhase("failed"),
    );
  };
  return (
    <Dialog title="签章" onClose={onClose} busy={phase === "busy"}>
      <input aria-label="文号" data-autofocus />
      {phase === "busy" && <DialogStatus label="正在签章…" />}
      {phase === "failed" && (
        <p role="alert" tabIndex={-1} data-dialog-outcome>
          未能签章
        </p>
      )}
      {phase === "done" && (
        <section aria-label="签章结果" tabIndex={-1} data-dialog-outcome>
          已签章
        </section>
      )}
      <button type="button" onClick={start} disabled={phase === "busy"}>
        签章
      </button>
      <button type="button" onClick={onClose} disabled={phase === "busy"}>
        取消
      </button>
    </Dialog>
  );
}

/** A list that loads inside the dialog, in a component of its own (the dialog does not render again). */
function LateList({ load }: { load: () => Promise<string[]> }) {
  const [items, setItems] = useState<string[] | null>(null);
  useEffect(() => {
    void load().then(setItems);
  }, [load]);
  if (items === null) return <p>正在加载…</p>;
  return (
    <>
      <label>
        <input type="checkbox" data-autofocus />
        全选
      </label>
      <ul>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </>
  );
}

describe("the dialog", () => {
  it("keeps the focus inside while its work runs: on the status line, then on the refusal; Tab and Escape reach it", async () => {
    const work = deferred<undefined>();
    const onClose = vi.fn();
    const { user } = renderWithProviders(<Sealing work={() => work.promise} onClose={onClose} />);
    const dialog = screen.getByRole("dialog", { name: "签章" });
    await user.click(within(dialog).getByRole("button", { name: "签章" }));

    // 签章 is disabled now: the status line has the focus, not <body>
    const status = within(dialog).getByRole("progressbar", { name: "正在签章…" }).parentElement;
    expect(document.activeElement).toBe(status);
    await user.keyboard("{Escape}");
    expect(onClose).not.toHaveBeenCalled();
    // Tab goes on to the next control the dialog has (every one after the line is disabled): round to 文号
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole("textbox", { name: "文号" }));
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);

    await act(async () => work.reject(new Error("PIN")));
    const alert = within(dialog).getByRole("alert");
    expect(document.activeElement).toBe(alert);
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "签章" }));
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("gives the focus to the outcome when the work succeeds", async () => {
    const work = deferred<undefined>();
    const { user } = renderWithProviders(<Sealing work={() => work.promise} onClose={() => {}} />);
    const dialog = screen.getByRole("dialog", { name: "签章" });
    await user.click(within(dialog).getByRole("button", { name: "签章" }));
    await act(async () => work.resolve(undefined));
    expect(document.activeElement).toBe(within(dialog).getByRole("region", { name: "签章结果" }));
  });

  it("gives the focus to a refusal that comes too soon for the busy state to be drawn", async () => {
    function Quick() {
      const [refused, setRefused] = useState(false);
      return (
        <Dialog title="受理" onClose={() => {}}>
          {refused && (
            <p role="alert" tabIndex={-1} data-dialog-outcome>
              未能办理
            </p>
          )}
          <button type="button" onClick={() => setRefused(true)}>
            确定受理
          </button>
        </Dialog>
      );
    }
    const { user } = renderWithProviders(<Quick />);
    const dialog = screen.getByRole("dialog", { name: "受理" });
    await user.click(within(dialog).getByRole("button", { name: "确定受理" }));
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("alert")));
  });

  it("hands the focus of a control disabled while it works (a preview) to the status line, then to what it gave", async () => {
    const preview = deferred<undefined>();
    function Previewing() {
      const [state, setState] = useState<"idle" | "pending" | "shown">("idle");
      return (
        <Dialog title="预览" onClose={() => {}}>
          <input aria-label="文号" />
          {state === "pending" && <DialogStatus label="正在生成预览…" />}
          <button
            type="button"
            disabled={state === "pending"}
            onClick={() => {
              setState("pending");
              void preview.promise.then(() => setState("shown"));
            }}
          >
            预览
          </button>
          {state === "shown" && (
            <div tabIndex={-1} data-dialog-outcome>
              <div role="document" aria-label="结果文书" />
            </div>
          )}
        </Dialog>
      );
    }
    const { user } = renderWithProviders(<Previewing />);
    const dialog = screen.getByRole("dialog", { name: "预览" });
    await user.click(within(dialog).getByRole("button", { name: "预览" }));
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("progressbar", { name: "正在生成预览…" }).parentElement));
    await act(async () => preview.resolve(undefined));
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("document", { name: "结果文书" }).parentElement));
  });

  it("gives the focus to a data-autofocus control that comes later, unless the officer has moved it", async () => {
    const list = deferred<string[]>();
    const load = () => list.promise;
    const first = renderWithProviders(
      <Dialog title="批量" onClose={() => {}}>
        <LateList load={load} />
        <input aria-label="文号格式" />
      </Dialog>,
    );
    const dialog = screen.getByRole("dialog", { name: "批量" });
    // nothing to autofocus yet: the first control (the close button)
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "关闭“批量”" }));
    await act(async () => list.resolve(["SX1", "SX2"]));
    const all = within(dialog).getByRole("checkbox", { name: "全选" });
    await waitFor(() => expect(document.activeElement).toBe(all));
    first.unmount();

    const later = deferred<string[]>();
    const second = renderWithProviders(
      <Dialog title="批量" onClose={() => {}}>
        <LateList load={() => later.promise} />
        <input aria-label="文号格式" />
      </Dialog>,
    );
    const again = screen.getByRole("dialog", { name: "批量" });
    const pattern = within(again).getByRole("textbox", { name: "文号格式" });
    await second.user.click(pattern);
    await act(async () => later.resolve(["SX1"]));
    within(again).getByRole("checkbox", { name: "全选" });
    await act(async () => {});
    expect(document.activeElement).toBe(pattern);
  });
});
