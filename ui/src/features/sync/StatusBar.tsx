import { Badge } from "../../components/Badge";
import { formatInstant } from "../../i18n/dates";
import { errorMessage } from "../../i18n/errorMessage";
import { useI18n } from "../../i18n/i18nContext";
import { useCalendarStatus } from "../calendar/calendarQueries";
import { noticeText } from "../calendar/notices";
import { syncErrorAsIpcError } from "./syncState";
import { useSyncProgress } from "./useBackendEvents";
import { useSession, useSyncNow, useSyncStatus } from "./syncQueries";

/**
 * Always at the bottom of the window: the exchange's standing (online or
 * not, last successful sync, pushes queued and refused), 立即同步, the
 * progress of a running sync, and the calendar's estimated-year notice.
 * A local profile (bound to no hub, not in demo mode) has no exchange: it
 * says so instead, and keeps only the count of records it holds for a
 * later connection.
 */
export function StatusBar() {
  const { t } = useI18n();
  const status = useSyncStatus();
  const now = useSyncNow();
  const progress = useSyncProgress();
  const calendar = useCalendarStatus();
  const s = status.data;
  const local = useSession().data?.mode === "local";
  const running = s?.running === true || now.isPending;
  const provisional = calendar.data?.notices.find((n) => n.code === "provisional_year_in_use");
  return (
    <footer className="status-bar" aria-label={t("status.label")}>
      <div className="status-sync" role="status" aria-live="polite">
        {status.isError && <span className="status-item status-error">{t("status.unreadable")}</span>}
        {s && (
          <>
            {local ? (
              <span className="status-item status-online local" data-online="local">
                <span className="dot" aria-hidden="true" />
                {t("status.local")}
              </span>
            ) : (
              <>
                <span className={`status-item status-online ${s.online ? "online" : "offline"}`} data-online={s.online}>
                  <span className="dot" aria-hidden="true" />
                  {s.online ? t("status.online") : t("status.offline")}
                </span>
                <span className="status-item status-last">
                  {s.lastSuccessAt === null ? t("status.neverSynced") : t("status.lastSync", { time: formatInstant(s.lastSuccessAt, t) })}
                </span>
              </>
            )}
            <span className="status-item status-pending">{local ? t("status.pendingLocal", { n: s.pendingPushes }) : t("status.pending", { n: s.pendingPushes })}</span>
            {s.failedPushes > 0 && <span className="status-item status-failed">{t("status.failed", { n: s.failedPushes })}</span>}
            {s.waitingTransfers > 0 && <span className="status-item status-waiting">{t("status.waiting", { n: s.waitingTransfers })}</span>}
            {running && <span className="status-item status-running">{t("status.running")}</span>}
          </>
        )}
        {s?.lastError && <span className="status-item status-error" title={errorMessage(syncErrorAsIpcError(s.lastError), t)}>{t("status.lastError", { message: errorMessage(syncErrorAsIpcError(s.lastError), t) })}</span>}
        {now.isError && <span className="status-item status-error">{errorMessage(now.error, t)}</span>}
      </div>
      {progress && (
        <label className="status-progress">
          <span>{progress.total === null ? t("status.progressOpen", { label: progress.label, done: progress.done }) : t("status.progress", { label: progress.label, done: progress.done, total: progress.total })}</span>
          {progress.total === null ? <progress /> : <progress max={progress.total} value={progress.done} />}
        </label>
      )}
      {provisional && (
        <span className="status-item status-calendar" data-code={provisional.code}>
          <Badge tone="provisional">{t("calendar.badge.provisional")}</Badge> {noticeText(provisional, t)}
        </span>
      )}
      {!local && (
        <button type="button" className="btn btn-small sync-now" onClick={() => now.mutate()} disabled={running}>
          {running ? t("status.syncing") : t("status.syncNow")}
        </button>
      )}
    </footer>
  );
}
