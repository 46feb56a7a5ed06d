import { useId } from "react";
import { Badge } from "../../components/Badge";
import { useI18n } from "../../i18n/i18nContext";
import type { Explanation } from "../../ipc/types";
import { explanationRows } from "./explanation";

/** The day-by-day breakdown: which days counted, which were skipped and why. */
export function ExplanationTable({ explanation }: { explanation: Explanation }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <div className="explanation">
      <h4 id={headingId}>{t("result.explanation")}</h4>
      <table className="explanation-table" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t("result.col.date")}</th>
            <th scope="col">{t("result.col.weekday")}</th>
            <th scope="col">{t("result.col.role")}</th>
            <th scope="col">{t("result.col.note")}</th>
          </tr>
        </thead>
        <tbody>
          {explanationRows(explanation, t).map((row, i) => (
            <tr key={`${row.date}-${i}`} className={`role-${row.role}${row.provisional ? " provisional" : ""}`} data-date={row.date}>
              <td>
                {row.dateLabel}
                {row.provisional && (
                  <>
                    {" "}
                    <Badge tone="provisional">{t("result.provisional")}</Badge>
                  </>
                )}
              </td>
              <td>{row.weekday}</td>
              <td>{row.ordinalLabel === "" ? row.roleLabel : `${row.roleLabel} · ${row.ordinalLabel}`}</td>
              <td>{row.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {explanation.text.trim() !== "" && (
        <details className="explanation-text">
          <summary>{t("result.explanationText")}</summary>
          <pre lang="zh-CN">{explanation.text}</pre>
        </details>
      )}
    </div>
  );
}
