import { useEffect } from "react";
import { useI18n } from "../i18n/i18nContext";

/** "期限计算器 - 部门审批工作台": each screen names itself in the window's title (WCAG 2.4.2). */
export function useDocumentTitle(screen: string): void {
  const { t } = useI18n();
  const title = t("app.pageTitle", { screen });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
