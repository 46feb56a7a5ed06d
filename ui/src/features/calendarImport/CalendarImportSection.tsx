import { FilePickerButton } from "../../components/FilePickerButton";
import { useI18n } from "../../i18n/i18nContext";
import { ArrangementYears } from "./ArrangementYears";
import { ImportErrorPanel, ImportOutcomePanel } from "./ImportOutcome";
import { useCalendarImport } from "./useCalendarImport";

/**
 * 放假安排 / 导入放假安排…: which years are official, and the import of a
 * new year's arrangement with its outcome (a live region: the result is
 * announced where it appears).
 */
export function CalendarImportSection() {
  const { t } = useI18n();
  const importing = useCalendarImport();
  return (
    <section className="panel calendar-import" aria-labelledby="calendar-import-heading">
      <h2 id="calendar-import-heading">{t("calendarImport.heading")}</h2>
      <ArrangementYears />
      <p className="calendar-import-intro">{t("calendarImport.intro")}</p>
      <FilePickerButton
        accept=".json,application/json"
        testId="calendar-import-input"
        className="btn btn-primary calendar-import-button"
        label={t("calendarImport.button")}
        title={t("calendarImport.hint")}
        describedBy="calendar-import-hint"
        disabled={importing.isPending}
        onPick={(file) => importing.mutate(file)}
      />
      <p id="calendar-import-hint" className="muted hint">
        {t("calendarImport.hint")}
      </p>
      <div className="calendar-import-status" aria-live="polite">
        {importing.isPending && (
          <p className="muted calendar-import-busy" role="status">
            {t("calendarImport.busy")}
          </p>
        )}
        {importing.isSuccess && <ImportOutcomePanel outcome={importing.data} onDismiss={importing.reset} />}
        {importing.isError && <ImportErrorPanel error={importing.error} onDismiss={importing.reset} />}
      </div>
    </section>
  );
}
