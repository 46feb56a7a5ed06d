import { useState } from "react";
import { Dialog } from "../../components/Dialog";
import { DialogStatus } from "../../components/DialogStatus";
import { errorMessage } from "../../i18n/errorMessage";
import { useI18n } from "../../i18n/i18nContext";
import { useHubConnect } from "../sync/syncQueries";

/**
 * 连接正式平台: the platform's address, the account and its password. The
 * password lives in this dialog only while it is open; the backend keeps
 * the session's token in the OS keyring.
 */
export function ConnectDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const connect = useHubConnect();
  const [url, setUrl] = useState("https://");
  const [account, setAccount] = useState("");
  const [password, setPassword] = useState("");
  return (
    <Dialog title={t("connect.title")} onClose={onClose} busy={connect.isPending}>
      <form
        className="dialog-form connect-form"
        onSubmit={(event) => {
          event.preventDefault();
          connect.mutate({ url: url.trim(), account: account.trim(), password }, { onSuccess: onClose, onSettled: () => setPassword("") });
        }}
      >
        <p className="muted">{t("connect.intro")}</p>
        <label>
          <span>{t("connect.url")}</span>
          <input name="url" type="url" required value={url} onChange={(e) => setUrl(e.currentTarget.value)} autoComplete="url" data-autofocus />
        </label>
        <label>
          <span>{t("connect.account")}</span>
          <input name="account" required value={account} onChange={(e) => setAccount(e.currentTarget.value)} autoComplete="username" />
        </label>
        <label>
          <span>{t("connect.password")}</span>
          <input name="password" type="password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="current-password" />
        </label>
        {connect.isPending && <DialogStatus label={t("connect.busy")} />}
        {connect.isError && (
          <p className="alert alert-error connect-error" role="alert" data-code={connect.error.code} tabIndex={-1} data-dialog-outcome>
            {errorMessage(connect.error, t)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={connect.isPending}>
            {connect.isPending ? t("connect.busy") : t("connect.submit")}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={connect.isPending}>
            {t("dialog.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
