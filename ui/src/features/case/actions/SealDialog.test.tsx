import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resultPreview, sealResult, session } from "../../../ipc/commands";
import type { CaseView } from "../../../ipc/types";
import { fixtures } from "../../../test/fixtures";
import { renderWithProviders } from "../../../test/renderWithProviders";
import { openPdf } from "../../pdf/renderPdf";
import { DEFAULT_SEAL_SETTINGS, storeSealSettings } from "./sealSettings";
import { SealDialog } from "./SealDialog";
import { deferred } from "../../../test/deferred";

vi.mock("../../../ipc/commands");
vi.mock("../../pdf/renderPdf");

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

beforeEach(() => {
  vi.mocked(session).mockResolvedValue(fixtures.sessionDemo);
  vi.mocked(openPdf).mockResolvedValue({ pages: 1, draw: () => Promise.resolve(), close: () => Promise.resolve() });
  // the department's seal as the officer set it before: only the 文号 is asked for
  storeSealSettings({ ...DEFAULT_SEAL_SETTINGS, p12Path: "/home/li/seal.p12", keyringEntry: "approval-desk/seal", reviewBody: "西安市雁塔区人民政府", court: "西安市雁塔区人民法院" });
});
afterEach(() => vi.resetAllMocks());

describe("the seal dialog", () => {
  it("keeps the focus in the dialog while sealing (on the status line) and after a refusal (on the refusal), so Tab and Escape still reach it", async () => {
    const sealing = deferred<CaseView>();
    vi.mocked(sealResult).mockReturnValue(sealing.promise);
    const onClose = vi.fn();
    const { user } = renderWithProviders(<SealDialog view={fixtures.caseDecided} onClose={onClose} />);
    const dialog = screen.getByRole("dialog", { name: "结果签章" });
    await user.type(within(dialog).getByRole("textbox", { name: "文号" }), "雁市监食许〔2026〕1号");
    await user.click(within(dialog).getByRole("button", { name: "签章" }));

    // 签章 is disabled while it seals; the status line has the focus
    expect((within(dialog).getByRole("button", { name: "正在签章…" }) as HTMLButtonElement).disabled).toBe(true);
    const status = within(dialog).getByRole("progressbar", { name: "正在签章…" }).parentElement;
    expect(status?.hasAttribute("data-dialog-status")).toBe(true);
    expect(document.activeElement).toBe(status);
    await user.keyboard("{Escape}");
    expect(onClose).not.toHaveBeenCalled();
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);

    await act(async () => sealing.reject({ code: "token_pin_incorrect", message: "PIN 码错误", message_en: "wrong PIN" }));
    const alert = within(dialog).getByRole("alert");
    expect(alert.textContent).toContain("PIN 码错误");
    await waitFor(() => expect(document.activeElement).toBe(alert));
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("keeps the focus in the dialog while the letter is previewed, then gives it to the preview", async () => {
    const previewing = deferred<Uint8Array>();
    vi.mocked(resultPreview).mockReturnValue(previewing.promise);
    const { user } = renderWithProviders(<SealDialog view={fixtures.caseDecided} onClose={() => {}} />);
    const dialog = screen.getByRole("dialog", { name: "结果签章" });
    await user.type(within(dialog).getByRole("textbox", { name: "文号" }), "雁市监食许〔2026〕1号");
    await user.click(within(dialog).getByRole("button", { name: "预览结果文书" }));
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("progressbar", { name: "正在生成预览…" }).parentElement));
    await act(async () => previewing.resolve(PDF));
    const letter = await within(dialog).findByRole("document", { name: "结果文书" });
    await waitFor(() => expect(document.activeElement).toBe(letter.parentElement));
  });
});
