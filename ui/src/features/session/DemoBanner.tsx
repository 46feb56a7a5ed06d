import { useState } from "react";
import { useI18n } from "../../i18n/i18nContext";
import { useSession } from "../sync/syncQueries";
import { ConnectDialog } from "./ConnectDialog";

/** In demo mode: says the cases are demo data and offers to connect to a real platform. */
export function DemoBanner() {
  const { t } = useI18n();
  const session = useSession();
  const [connecting, setConnecting] = useState(false);
  if (session.data?.mode !== "demo") return null;
  return (
    <section className="demo-banner" aria-label={t("demo.label")}>
      <p>
        <strong>{t("demo.title")}</strong> {t("demo.body")}
      </p>
      <button type="button" className="btn btn-small" onClick={() => setConnecting(true)}>
        {t("demo.connect")}
      </button>
      {connecting && <ConnectDialog onClose={() => setConnecting(false)} />}
    </section>
  );
}
