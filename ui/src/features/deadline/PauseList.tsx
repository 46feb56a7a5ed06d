import { useI18n } from "../../i18n/i18nContext";
import { useDeadlineDraft } from "./deadlineDraftContext";
import { PauseRow } from "./PauseRow";

/** The editable list of pauses (中止 / 暂停期间): add and remove rows. */
export function PauseList() {
  const { t } = useI18n();
  const { values, addPause, updatePause, removePause } = useDeadlineDraft();
  return (
    <fieldset className="pauses">
      <legend>{t("deadline.pauses")}</legend>
      {values.pauses.length === 0 && <p className="muted">{t("deadline.pause.none")}</p>}
      {values.pauses.map((pause, index) => (
        <PauseRow key={pause.id} pause={pause} index={index} onChange={(patch) => updatePause(pause.id, patch)} onRemove={() => removePause(pause.id)} />
      ))}
      <button type="button" className="btn btn-small add-pause" onClick={addPause}>
        {t("deadline.pause.add")}
      </button>
    </fieldset>
  );
}
