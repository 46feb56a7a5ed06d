import type { DemoSealView, SealKeyRequest } from "../../../ipc/types";

/**
 * Where the department's seal is, remembered on this computer between
 * seals: file paths, the keyring entry's name, the USB key's module, token
 * and key label. Never a password or a PIN.
 */
export interface SealSettings {
  source: "pkcs12" | "pkcs11";
  p12Path: string;
  keyringEntry: string;
  module: string;
  token: string;
  keyLabel: string;
  chainPath: string;
  reviewBody: string;
  court: string;
}

const KEY = "approval-desk.seal";

export const DEFAULT_SEAL_SETTINGS: SealSettings = {
  source: "pkcs12",
  p12Path: "",
  keyringEntry: "",
  module: "",
  token: "",
  keyLabel: "",
  chainPath: "",
  reviewBody: "",
  court: "",
};

export function storedSealSettings(): SealSettings {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) return DEFAULT_SEAL_SETTINGS;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null) return DEFAULT_SEAL_SETTINGS;
    const record = parsed as Record<string, unknown>;
    const out: SealSettings = { ...DEFAULT_SEAL_SETTINGS };
    for (const field of Object.keys(DEFAULT_SEAL_SETTINGS) as (keyof SealSettings)[]) {
      const value = record[field];
      if (typeof value !== "string") continue;
      if (field === "source") out.source = value === "pkcs11" ? "pkcs11" : "pkcs12";
      else out[field] = value;
    }
    return out;
  } catch {
    return DEFAULT_SEAL_SETTINGS;
  }
}

export function storeSealSettings(settings: SealSettings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // storage unavailable: asked again next time
  }
}

/**
 * The settings with the demo's seal key filled in where no key file is
 * set yet (demo mode makes one; a key file the officer chose stays).
 */
export function withDemoSeal(settings: SealSettings, demoSeal: DemoSealView | null | undefined): SealSettings {
  if (!demoSeal || settings.source !== "pkcs12" || settings.p12Path.trim() !== "") return settings;
  return { ...settings, p12Path: demoSeal.p12Path, keyringEntry: demoSeal.keyringEntry };
}

/**
 * The key request of `settings` (a USB key with `pin`, sent with this one
 * call), or which part is missing.
 */
export function sealKeyOf(settings: SealSettings, pin: string): { key: SealKeyRequest } | { problem: "key" | "pin" } {
  if (settings.source === "pkcs12") {
    if (settings.p12Path.trim() === "" || settings.keyringEntry.trim() === "") return { problem: "key" };
    return { key: { kind: "pkcs12", path: settings.p12Path.trim(), keyringEntry: settings.keyringEntry.trim() } };
  }
  if (settings.module.trim() === "" || settings.token.trim() === "" || settings.keyLabel.trim() === "") return { problem: "key" };
  if (pin === "") return { problem: "pin" };
  const chainPath = settings.chainPath.trim();
  return { key: { kind: "pkcs11", module: settings.module.trim(), token: settings.token.trim(), keyLabel: settings.keyLabel.trim(), pin, chainPath: chainPath === "" ? null : chainPath } };
}
