import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { caseAct } from "../../../ipc/commands";
import type { CaseView } from "../../../ipc/types";
import { fixtures } from "../../../test/fixtures";
import { renderWithProviders } from "../../../test/renderWithProviders";
import { ActionsPanel } from "./ActionsPanel";

vi.mock("../../../ipc/commands");
afterEach(() => vi.resetAllMocks());

describe("an action's dialog", () => {
  it("keeps the focus in the dialog while the action is done (on the status line) and after a refusal (on the refusal)", async () => {
    let refuse: (error: unknown) => void = () => {};
    vi.mocked(caseAct).mockReturnValue(new Promise<CaseView>((_, no) => (refuse = no)));
    const { user } = renderWithProviders(<ActionsPanel view={fixtures.caseReceived} />);
    const opener = screen.getByRole("button", { name: "受理" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "受理" });
    await user.click(within(dialog).getByRole("button", { name: "确定受理" }));

    // 确定受理 is disabled meanwhile: the status line has the focus, and Escape does not close
    expect((within(dialog).getByRole("button", { name: "正在办理…" }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.activeElement).toBe(within(dialog).getByRole("progressbar", { name: "正在办理…" }).parentElement);
    await user.keyboard("{Escape}");
    expect(screen.getByRole("dialog", { name: "受理" })).toBe(dialog);

    await act(async () => refuse(fixtures.caseChanged));
    const alert = await within(dialog).findByRole("alert");
    await waitFor(() => expect(document.activeElement).toBe(alert));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
