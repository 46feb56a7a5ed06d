import { useI18n } from "../../i18n/i18nContext";
import type { SealRow } from "./sealReport";

const COLUMNS = ["signer", "time", "reason", "covers", "trusted", "result"] as const;

/** One signature: the row of facts, then (if any) what is wrong, as the verifier wrote it in zh-CN. */
function SealRowBody({ row }: { row: SealRow }) {
  const { t } = useI18n();
  return (
    <tbody className={`seal-row tone-${row.tone}`} data-field={row.field}>
      <tr>
        <th scope="row" className="signer">
          <span className="signer-name" title={row.subject ?? undefined}>
            {row.signer}
          </span>
          <span className="field-name muted">{t("sealCheck.field", { field: row.field })}</span>
        </th>
        <td className="time">
          {row.time}
          {row.stampedAt !== null && <span className="stamped-at">{row.stampedAt}</span>}
        </td>
        <td className="reason">{row.reason}</td>
        <td className="covers">{row.covers}</td>
        <td className={`trusted tone-${row.trustTone}`}>{row.trusted}</td>
        <td className="result">
          <span className={`seal-badge tone-${row.tone}`}>{row.result}</span>
        </td>
      </tr>
      {row.problems.length > 0 && (
        <tr className="seal-problems">
          <td colSpan={COLUMNS.length}>
            <span className="problems-label">{t("sealCheck.explanation")}</span>
            <ul lang="zh-CN">
              {row.problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** The seals of the file, in the PDF's field order. */
export function SealTable({ rows }: { rows: SealRow[] }) {
  const { t } = useI18n();
  return (
    <table className="seal-table">
      <caption>{t("sealCheck.caption")}</caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th key={column} scope="col">
              {t(`sealCheck.col.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      {rows.map((row, i) => (
        <SealRowBody key={`${row.field}-${i}`} row={row} />
      ))}
    </table>
  );
}
