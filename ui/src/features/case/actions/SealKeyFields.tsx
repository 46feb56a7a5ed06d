import { useI18n } from "../../../i18n/i18nContext";
import type { SealSettings } from "./sealSettings";

type KeyField = "p12Path" | "keyringEntry" | "module" | "token" | "keyLabel";

/**
 * The seal key's fields, shared by the single and the batch seal: a
 * PKCS#12 file with its password's keyring entry, or a USB key (PKCS#11)
 * with its PIN, which is never stored.
 */
export function SealKeyFields({
  settings,
  onSettings,
  pin,
  onPin,
  pinHint,
}: {
  settings: SealSettings;
  onSettings: (update: (s: SealSettings) => SealSettings) => void;
  pin: string;
  onPin: (pin: string) => void;
  pinHint: string;
}) {
  const { t } = useI18n();
  const input = (field: KeyField, label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input name={field} value={settings[field]} onChange={(e) => {
        const value = e.currentTarget.value;
        onSettings((s) => ({ ...s, [field]: value }));
      }} />
      {hint !== undefined && <span className="hint muted">{hint}</span>}
    </label>
  );
  return (
    <fieldset className="field-group">
      <legend>{t("seal.key")}</legend>
      <div className="radios">
        <label className="check">
          <input type="radio" name="source" value="pkcs12" checked={settings.source === "pkcs12"} onChange={() => onSettings((s) => ({ ...s, source: "pkcs12" }))} />
          {t("seal.key.keyring")}
        </label>
        <label className="check">
          <input type="radio" name="source" value="pkcs11" checked={settings.source === "pkcs11"} onChange={() => onSettings((s) => ({ ...s, source: "pkcs11" }))} />
          {t("seal.key.token")}
        </label>
      </div>
      {settings.source === "pkcs12" ? (
        <>
          {input("p12Path", t("seal.p12Path"))}
          {input("keyringEntry", t("seal.keyringEntry"), t("seal.keyringHint"))}
        </>
      ) : (
        <>
          {input("module", t("seal.module"))}
          {input("token", t("seal.token"))}
          {input("keyLabel", t("seal.keyLabel"))}
          <label className="field">
            <span>{t("seal.pin")}</span>
            <input type="password" name="pin" value={pin} autoComplete="off" onChange={(e) => onPin(e.currentTarget.value)} />
            <span className="hint muted">{pinHint}</span>
          </label>
        </>
      )}
    </fieldset>
  );
}
