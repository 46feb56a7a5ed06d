import { describe, expect, it } from "vitest";
import { translator } from "../../i18n";
import { historyActionLabel } from "./historyLabels";

describe("history's action words", () => {
  it("names the audit's case actions in the current language, and shows unknown ones as recorded", () => {
    const zh = translator("zh-CN");
    expect(historyActionLabel("case.accept", zh)).toBe("受理");
    expect(historyActionLabel("case.received", zh)).toBe("收件");
    expect(historyActionLabel("case.paper_tracking", translator("en"))).toBe("Record the tracking number");
    expect(historyActionLabel("case.something_new", zh)).toBe("case.something_new");
  });
});
