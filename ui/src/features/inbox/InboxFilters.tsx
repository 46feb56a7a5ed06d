import { caseStateLabel } from "../../i18n/domain";
import { useI18n } from "../../i18n/i18nContext";
import type { InboxFiltersView } from "../../ipc/types";
import { isFiltered, NO_FILTERS, type InboxFilterState } from "./filters";

/** Search, then the filters; each change reads the list again from its first page. */
export function InboxFilters({ value, choices, onChange }: { value: InboxFilterState; choices: InboxFiltersView | undefined; onChange: (next: InboxFilterState) => void }) {
  const { t } = useI18n();
  const set = <K extends keyof InboxFilterState>(key: K, v: InboxFilterState[K]) => onChange({ ...value, [key]: v });
  return (
    <form className="inbox-filters" role="search" aria-label={t("inbox.filters")} onSubmit={(e) => e.preventDefault()}>
      <label className="search">
        <span>{t("inbox.search")}</span>
        <input type="search" name="search" value={value.search} placeholder={t("inbox.searchPlaceholder")} onChange={(e) => set("search", e.currentTarget.value)} />
      </label>
      <label>
        <span>{t("inbox.filter.state")}</span>
        <select name="state" value={value.state} onChange={(e) => set("state", e.currentTarget.value)}>
          <option value="">{t("inbox.any")}</option>
          {(choices?.states ?? []).map((state) => (
            <option key={state} value={state}>
              {caseStateLabel(state, t)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("inbox.filter.item")}</span>
        <select name="itemCode" value={value.itemCode} onChange={(e) => set("itemCode", e.currentTarget.value)}>
          <option value="">{t("inbox.any")}</option>
          {(choices?.items ?? []).map((item) => (
            <option key={item.code} value={item.code}>
              {item.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("inbox.filter.bundle")}</span>
        <select name="bundle" value={value.bundle} onChange={(e) => set("bundle", e.currentTarget.value)}>
          <option value="">{t("inbox.any")}</option>
          {(choices?.bundles ?? []).map((bundle) => (
            <option key={bundle.code} value={bundle.code}>
              {bundle.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("inbox.filter.dueBefore")}</span>
        <input type="date" name="dueBefore" value={value.dueBefore} onChange={(e) => set("dueBefore", e.currentTarget.value)} />
      </label>
      <label className="check">
        <input type="checkbox" name="assignedToMe" checked={value.assignedToMe} onChange={(e) => set("assignedToMe", e.currentTarget.checked)} />
        {t("inbox.filter.assignedToMe")}
      </label>
      <label className="check">
        <input type="checkbox" name="overdue" checked={value.overdue} onChange={(e) => set("overdue", e.currentTarget.checked)} />
        {t("inbox.filter.overdue")}
      </label>
      {isFiltered(value) && (
        <button type="button" className="btn btn-small" onClick={() => onChange(NO_FILTERS)}>
          {t("inbox.clearFilters")}
        </button>
      )}
    </form>
  );
}
