import { describe, expect, it } from "vitest";
import { DEFAULT_SEAL_SETTINGS, withDemoSeal } from "./sealSettings";

const demoSeal = { p12Path: "/data/demo/seal.p12", keyringEntry: "approval-desk-demo/seal", department: "蓝田县市场监督管理局" };

describe("withDemoSeal", () => {
  it("offers the demo's key file when none is set", () => {
    const filled = withDemoSeal(DEFAULT_SEAL_SETTINGS, demoSeal);
    expect(filled.p12Path).toBe("/data/demo/seal.p12");
    expect(filled.keyringEntry).toBe("approval-desk-demo/seal");
  });

  it("keeps a key file the officer chose", () => {
    const chosen = { ...DEFAULT_SEAL_SETTINGS, p12Path: "D:\\印章\\seal.p12", keyringEntry: "approval-desk/seal" };
    expect(withDemoSeal(chosen, demoSeal)).toEqual(chosen);
  });

  it("leaves a USB key and a session without a demo seal alone", () => {
    const token = { ...DEFAULT_SEAL_SETTINGS, source: "pkcs11" as const };
    expect(withDemoSeal(token, demoSeal)).toEqual(token);
    expect(withDemoSeal(DEFAULT_SEAL_SETTINGS, null)).toEqual(DEFAULT_SEAL_SETTINGS);
  });
});
