import { useI18n } from "../../i18n/i18nContext";
import type { SealCheck } from "../../ipc/types";
import { verdictText, verdictTone } from "./sealReport";
import { useFocusOnMount } from "./useFocusOnMount";

/** The verdict in its colour, with the counts behind it; it takes the focus when it appears. */
export function SealVerdict({ check }: { check: SealCheck }) {
  const { t } = useI18n();
  const ref = useFocusOnMount<HTMLDivElement>();
  const tone = verdictTone(check.verdict);
  const text = verdictText(check, t);
  return (
    <div
      ref={ref}
      className={`seal-verdict tone-${tone}`}
      // A verdict that refuses the material is announced at once; a good one politely.
      role={tone === "valid" ? "status" : "alert"}
      tabIndex={-1}
    >
      <strong className="verdict-title">{text.title}</strong>
      <span className="verdict-file">{t("sealCheck.file", { name: check.file_name })}</span>
      <p className="verdict-body">{text.body}</p>
      {text.note !== null && <p className="verdict-note">{text.note}</p>}
    </div>
  );
}
