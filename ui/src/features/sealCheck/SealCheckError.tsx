import { useI18n } from "../../i18n/i18nContext";
import { errorMessage } from "../../i18n/errorMessage";
import type { IpcError } from "../../ipc/types";
import { errorDetail, type SealFileProblem } from "./sealReport";
import { useFocusOnMount } from "./useFocusOnMount";

/** A file refused in the window (too large, empty, unreadable) before any IPC call. */
export function SealFileRefused({ problem }: { problem: SealFileProblem }) {
  const { t } = useI18n();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={ref} className="alert alert-error seal-check-error" role="alert" data-key={problem.key} tabIndex={-1}>
      {t(problem.key, problem.params)}
    </div>
  );
}

/** The backend could not check the file: our heading, the file, and the backend's zh-CN detail where it adds something. */
export function SealCheckFailed({ fileName, error }: { fileName: string; error: IpcError }) {
  const { t, locale } = useI18n();
  const ref = useFocusOnMount<HTMLDivElement>();
  const detail = errorDetail(error, locale);
  return (
    <div ref={ref} className="alert alert-error seal-check-error" role="alert" data-code={error.code} tabIndex={-1}>
      <strong className="error-heading">{errorMessage(error, t)}</strong>
      <span className="verdict-file">{t("sealCheck.file", { name: fileName })}</span>
      {detail !== null && (
        <p className="error-detail" lang="zh-CN">
          {detail}
        </p>
      )}
    </div>
  );
}

/** The officer cancelled the check: said calmly, not as an error. */
export function SealCheckCancelled({ fileName }: { fileName: string }) {
  const { t } = useI18n();
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <p ref={ref} className="muted seal-check-cancelled" role="status" tabIndex={-1}>
      {t("sealCheck.cancelled", { name: fileName })}
    </p>
  );
}
