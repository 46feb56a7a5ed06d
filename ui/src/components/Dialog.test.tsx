import { act, screen, waitFor, within } from "@testing-library/react";
import { useEffect, useState } from "react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "../test/renderWithProviders";
import { Dialog } from "./Dialog";

/** A promise the test settles. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
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
