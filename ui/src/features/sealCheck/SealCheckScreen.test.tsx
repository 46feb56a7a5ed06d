import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sealCheck, sealCheckCancel } from "../../ipc/commands";
import { fixtures } from "../../test/fixtures";
import { renderWithProviders } from "../../test/renderWithProviders";
import { SealCheckScreen } from "./SealCheckScreen";

vi.mock("../../ipc/commands");

afterEach(() => {
  vi.resetAllMocks();
});

const pdf = (name: string, bytes = "%PDF-1.7\n%%EOF\n"): File => new File([bytes], name, { type: "application/pdf" });
const input = (): HTMLInputElement => {
  const found = document.querySelector<HTMLInputElement>('[data-testid="seal-check-input"]');
  if (!found) throw new Error("no file input");
  return found;
};

describe("SealCheckScreen", () => {
  it("sends the PDF's bytes with its name, then shows a green verdict with the focus and the table", async () => {
    vi.mocked(sealCheck).mockResolvedValue(fixtures.sealValid);
    const { user } = renderWithProviders(<SealCheckScreen />);
    expect(screen.getByRole("heading", { level: 2, name: "电子材料验章" })).toBeTruthy();
    await user.upload(input(), pdf("准予许可决定书.pdf"));
    const verdict = await screen.findByRole("status");
    expect(within(verdict).getByText("签章有效")).toBeTruthy();
    expect(document.activeElement).toBe(verdict);
    const [name, bytes] = vi.mocked(sealCheck).mock.calls[0] ?? [];
    expect(name).toBe("准予许可决定书.pdf");
    expect(new TextDecoder().decode(bytes)).toBe("%PDF-1.7\n%%EOF\n");
    const table = screen.getByRole("table", { name: "文件中的签章" });
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["签章人", "签章时间（签章人自述）", "原因", "是否覆盖全文", "是否可信", "结果"]);
    expect(within(table).getByRole("rowheader", { name: /蓝田县政务服务中心 e-seal/ })).toBeTruthy();
  });

  it("a tampered file is announced at once and explained in zh-CN, whatever the language", async () => {
    vi.mocked(sealCheck).mockResolvedValue(fixtures.sealTampered);
    const { user } = renderWithProviders(<SealCheckScreen />, { locale: "en" });
    await user.upload(input(), pdf("营业执照-已改动.pdf"));
    const verdict = await screen.findByRole("alert");
    expect(within(verdict).getByText("Seals not valid")).toBeTruthy();
    expect(screen.getByText("Content altered")).toBeTruthy();
    const problems = screen.getByText("文件在签章后被篡改：签章所保护的内容与签章时不一致").closest("ul");
    expect(problems?.getAttribute("lang")).toBe("zh-CN");
  });

  it("a file that is no PDF: the catalogue's heading, the file, the backend's detail", async () => {
    vi.mocked(sealCheck).mockRejectedValue(fixtures.pdfUnreadable);
    const { user } = renderWithProviders(<SealCheckScreen />);
    await user.upload(input(), pdf("扫描件.pdf", "\xff\xd8\xff"));
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-code")).toBe("pdf_unreadable");
    expect(within(alert).getByText("所选文件不是可读取的 PDF，未能验章。")).toBeTruthy();
    expect(within(alert).getByText("文件：扫描件.pdf")).toBeTruthy();
    expect(within(alert).getByText(fixtures.pdfUnreadable.message)).toBeTruthy();
    expect(document.activeElement).toBe(alert);
  });

  it("a check that takes long can be cancelled: the running check's id is cancelled and the outcome is said calmly", async () => {
    let rejectCheck: (error: unknown) => void = () => undefined;
    vi.mocked(sealCheck).mockImplementation(
      () =>
        new Promise((_, reject) => {
          rejectCheck = reject;
        }),
    );
    vi.mocked(sealCheckCancel).mockImplementation(() => {
      rejectCheck({ code: "seal_check_cancelled", message: "已取消对文件“大文件.pdf”的验章" });
      return Promise.resolve(true);
    });
    const { user } = renderWithProviders(<SealCheckScreen />);
    await user.upload(input(), pdf("大文件.pdf"));
    expect((await screen.findByRole("status")).textContent).toBe("正在验章：大文件.pdf…");
    await user.click(screen.getByRole("button", { name: "取消验章" }));
    const checkId = vi.mocked(sealCheck).mock.calls[0]?.[2];
    expect(checkId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sealCheckCancel).toHaveBeenCalledWith(checkId);
    const status = await screen.findByText("已取消对“大文件.pdf”的验章，未得出结论。");
    expect(status.getAttribute("role")).toBe("status");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("button", { name: "取消验章" })).toBeNull();
  });

  it("a check the backend stopped at its time limit is a failure with the backend's reason", async () => {
    vi.mocked(sealCheck).mockRejectedValue({
      code: "seal_check_timed_out",
      message: "文件“炸弹.pdf”的验章超过30秒仍未完成，已停止：文件可能过于复杂或被刻意构造",
      message_en: "the seal check of 炸弹.pdf did not finish within 30 s and was stopped: the file may be overly complex or crafted",
    });
    const { user } = renderWithProviders(<SealCheckScreen />);
    await user.upload(input(), pdf("炸弹.pdf"));
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-code")).toBe("seal_check_timed_out");
    expect(alert.textContent).toContain("超过30秒仍未完成");
  });

  it("refuses a file over 50 MB from its size, without reading or sending it", async () => {
    const { user } = renderWithProviders(<SealCheckScreen />);
    const big = pdf("扫描件-全本.pdf");
    Object.defineProperty(big, "size", { value: 60 * 1024 * 1024 });
    await user.upload(input(), big);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("文件“扫描件-全本.pdf”过大（60.0 MB）：待验章的文件不超过50 MB。未验章。");
    expect(sealCheck).not.toHaveBeenCalled();
  });
});
