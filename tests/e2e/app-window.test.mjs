// @ts-check
/**
 * End-to-end test of the REAL Approval Desk window: the approval-desk binary
 * (Rust backend + WebKitGTK webview) driven through tauri-driver over the W3C
 * WebDriver protocol. The values checked come from the real backend.
 *
 * Run through `bash scripts/e2e-app.sh`, which starts Xvfb, a session bus and
 * tauri-driver, and sets:
 *   APPROVAL_DESK_BIN   absolute path of the app binary (required)
 *   DESKCTL_BIN         absolute path of deskctl (default: beside the app)
 *   APPROVAL_DESK_DB    a profile database in a fresh temp dir (required)
 *   E2E_WEBDRIVER_URL   tauri-driver's address (default http://127.0.0.1:4444)
 *   E2E_SCREENSHOT_DIR  where the window-*.png screenshots go (default target/e2e-screenshots)
 *
 * The profile's trust folder (seal check) is `<dir>/<stem>-trust/` beside
 * APPROVAL_DESK_DB, as approval_store::profile::trust_folder makes it.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { WebDriver, waitFor } from "./webdriver.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");
const application = process.env["APPROVAL_DESK_BIN"] ?? "";
const deskctlBinary = process.env["DESKCTL_BIN"] || path.join(path.dirname(application), "deskctl");
const database = process.env["APPROVAL_DESK_DB"] ?? "";
const webdriverUrl = process.env["E2E_WEBDRIVER_URL"] ?? "http://127.0.0.1:4444";
const screenshotDir = process.env["E2E_SCREENSHOT_DIR"] ?? path.join(repoRoot, "target", "e2e-screenshots");

/** axe-core's browser build (from ui/node_modules), run in the window to check it (WCAG 2.1 AA). */
const axeSource = /** @type {{ source: string }} */ (createRequire(path.join(repoRoot, "ui", "package.json"))("axe-core")).source;

/** The screen size the window is designed for. */
const SCREEN = { width: 1366, height: 768 };

/** Per-test bound: a hung window fails the test instead of hanging CI. */
const TEST_TIMEOUT = 60_000;

/** Made-up but valid 2027 arrangement, and the same with the 调休上班 day moved to Monday 2027-01-11. */
const ARRANGEMENT_2027 = path.join(here, "fixtures", "2027-test.json");
const ARRANGEMENT_2027_BAD = path.join(here, "fixtures", "2027-bad.json");

const PROVISIONAL_YEAR_ZH = "期间涉及放假安排尚未发布的年份。如需按法定节假日推算，请勾选“允许使用推算年份”。";

describe("Approval Desk real window (tauri-driver + WebKitGTK)", { timeout: 240_000 }, () => {
  const wd = new WebDriver(webdriverUrl);

  /** Text of the first element matching css, waiting for it to exist. @param {string} css */
  const text = async (css) => wd.getText(await wd.waitForElement(css));

  /** Waits until the first element matching css has exactly this text. @param {string} css @param {string} expected */
  const waitForText = (css, expected) =>
    waitFor(
      async () => {
        const found = await wd.findElements(css);
        const first = found[0];
        if (!first) return false;
        const actual = (await wd.getText(first)).trim();
        return actual === expected ? actual : false;
      },
      { message: `${css} to read ${JSON.stringify(expected)}` },
    );

  /**
   * Sets a form field the way typing would: the value, then the input and
   * change events the form listens to. (WebKitGTK's date/time inputs do not
   * take typed keys reliably over WebDriver, so the value is set directly.)
   * React tracks the value it last rendered on the element itself, so
   * `el.value = v` would be taken for its own write and the event ignored:
   * the value goes through the prototype's setter instead.
   * @param {string} name @param {string} value
   */
  async function fill(name, value) {
    const input = await wd.waitForElement(`.deadline-form [name="${name}"]`);
    await wd.executeScript(
      `const [el, v] = arguments;
       const prototype = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
       el.focus();
       Object.getOwnPropertyDescriptor(prototype, "value").set.call(el, v);
       el.dispatchEvent(new Event("input", { bubbles: true }));
       el.dispatchEvent(new Event("change", { bubbles: true }));`,
      [input, value],
    );
    // Read back from a fresh lookup.
    assert.equal(await wd.getProperty(await wd.waitForElement(`.deadline-form [name="${name}"]`), "value"), value, `field ${name}`);
  }

  /** Ticks or unticks a checkbox by clicking it (a real click). @param {string} name @param {boolean} checked */
  async function setChecked(name, checked) {
    const box = await wd.waitForElement(`.deadline-form input[name="${name}"]`);
    if ((await wd.isSelected(box)) !== checked) await wd.click(box);
    await waitFor(async () => (await wd.isSelected(box)) === checked, { message: `${name} checked=${checked}` });
  }

  /**
   * Submits the calculator and waits for the NEW outcome (a result or an
   * error), never a stale one from the previous run.
   */
  async function submitAndWait() {
    await wd.executeScript(`document.querySelectorAll(".result-panel > :not(h3)").forEach((el) => { el.dataset.e2eStale = "1"; });`);
    await wd.click(await wd.findElement('.deadline-form button[type="submit"]'));
    const outcome = ".result-panel > .result:not([data-e2e-stale]), .result-panel > .alert:not([data-e2e-stale])";
    return wd.waitForElement(outcome, { timeout: 20_000 });
  }

  /** Selects a language in the header's switch by clicking its option. @param {string} locale */
  async function selectLanguage(locale) {
    const option = await wd.waitForElement(`#language-switch option[value="${locale}"]`);
    await wd.click(option);
    const select = await wd.findElement("#language-switch");
    // Fallback for a WebKit that does not fire "change" on an option click (the native setter: see fill).
    if ((await wd.getProperty(select, "value")) !== locale || (await wd.executeScript("return document.documentElement.lang")) !== locale) {
      await wd.executeScript(
        `const [el, v] = arguments;
         Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, v);
         el.dispatchEvent(new Event("change", { bubbles: true }));`,
        [select, locale],
      );
    }
    await waitFor(async () => (await wd.executeScript("return document.documentElement.lang")) === locale, { message: `language ${locale}` });
  }

  /**
   * Opens a screen with a real click on its link in the navigation, and
   * waits until the navigation marks it current and its content is there.
   * @param {"calendar" | "deadline" | "seal-check"} screen
   */
  async function openScreen(screen) {
    const content = { inbox: ".inbox-row", calendar: ".calendar .month-grid", deadline: ".deadline-form", "seal-check": ".seal-check" }[screen];
    const link = await wd.waitForElement(`.side-nav a.nav-link[href$="/${screen}"]`);
    await wd.click(link);
    await waitFor(async () => (await wd.getAttribute(link, "aria-current")) === "page", { message: `the ${screen} link to be current` });
    await wd.waitForElement(content);
  }

  /**
   * Runs axe-core in the window on the screen as it is and returns the
   * serious and critical violations, one line per element.
   * @returns {Promise<string[]>}
   */
  async function accessibilityViolations() {
    if (!(await wd.executeScript("return typeof window.axe === 'object'"))) await wd.executeScript(`${axeSource}\nreturn true;`);
    const result = await wd.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.axe
         .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, resultTypes: ["violations"] })
         .then((r) => done(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
           .flatMap((v) => v.nodes.map((n) => v.impact + " " + v.id + " (" + v.help + "): " + n.target.join(" ")))))
         .catch((e) => done(["axe failed: " + e]));`,
    );
    return /** @type {string[]} */ (result);
  }

  /** "2026年11月" → {year, month} */
  async function shownMonth() {
    const title = await text(".calendar .month-title");
    const m = /^(\d{4})年(\d{1,2})月$/.exec(title.trim());
    assert.ok(m, `unexpected month title ${JSON.stringify(title)}`);
    return { year: Number(m[1]), month: Number(m[2]) };
  }

  /** Steps the calendar with its own prev/next buttons to year-month. @param {number} year @param {number} month */
  async function navigateTo(year, month) {
    for (let step = 0; step < 120; step++) {
      const now = await shownMonth();
      const diff = year * 12 + month - (now.year * 12 + now.month);
      if (diff === 0) break;
      const button = await wd.findElement(diff < 0 ? ".calendar .prev-month" : ".calendar .next-month");
      assert.notEqual(await wd.getProperty(button, "disabled"), true, `cannot go ${diff < 0 ? "back" : "forward"} from ${now.year}-${now.month}`);
      await wd.click(button);
      await waitFor(
        async () => {
          const shown = await shownMonth();
          return shown.year !== now.year || shown.month !== now.month;
        },
        { message: "the month title to change" },
      );
    }
    assert.deepEqual(await shownMonth(), { year, month });
    const first = `${year}-${String(month).padStart(2, "0")}-01`;
    await wd.waitForElement(`.calendar .day[data-date="${first}"]`);
  }

  /**
   * Picks a file in the calendar's import control the WebDriver way: the
   * file's absolute path sent as keys to its <input type="file">, as an
   * officer's file chooser would. Marks the previous outcome stale first;
   * returns the NEW outcome element.
   * @param {string} file absolute path
   */
  async function importFile(file) {
    await wd.executeScript(`document.querySelectorAll(".calendar-import-result").forEach((el) => { el.dataset.e2eStale = "1"; });`);
    const input = await wd.waitForElement('[data-testid="calendar-import-input"]');
    await wd.sendKeys(input, file);
    return wd.waitForElement(".calendar-import-result:not([data-e2e-stale])", { timeout: 20_000 });
  }

  async function saveScreenshot(/** @type {string} */ name) {
    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, name);
    writeFileSync(file, Buffer.from(await wd.screenshot(), "base64"));
    return file;
  }

  /** deskctl (DESKCTL_BIN, else beside the app binary), on the same throwaway profile. */
  function deskctl(/** @type {string[]} */ ...args) {
    return execFileSync(deskctlBinary, ["--db", database, ...args], { encoding: "utf8", timeout: 30_000 });
  }

  before(async () => {
    assert.ok(path.isAbsolute(application) && existsSync(application), `APPROVAL_DESK_BIN must be the app binary's absolute path, got ${JSON.stringify(application)}`);
    assert.ok(database, "APPROVAL_DESK_DB must point at a temp profile (never the real one)");
    assert.ok(
      path.isAbsolute(deskctlBinary) && existsSync(deskctlBinary),
      `deskctl not found at ${JSON.stringify(deskctlBinary)}: build it beside the app (cargo build --bin deskctl) or set DESKCTL_BIN`,
    );
    // A case received in March and never answered: long past its acceptance
    // deadline before the app even starts.
    deskctl("guide", "import", path.join(repoRoot, "tests/fixtures/guides/food-business-licence.json"));
    deskctl("case", "receive", path.join(repoRoot, "tests/fixtures/cases/food-single.json"));
    assert.match(deskctl("case", "list"), /SX2026-000101\t\S+\treceived/);
    // The restaurant bundle (一件事：我要开餐馆) with its application of three
    // cases, received in March as well: the bundle view's subject.
    for (const guide of ["fire-safety-inspection", "pollutant-discharge-registration"]) {
      deskctl("guide", "import", path.join(repoRoot, `tests/fixtures/guides/${guide}.json`), "--effective-from", "2026-01-01T00:00:00+08:00");
    }
    deskctl("bundle", "import", path.join(repoRoot, "tests/fixtures/bundles/open-restaurant.json"));
    deskctl("case", "receive", path.join(repoRoot, "tests/fixtures/cases/restaurant-bundle.json"));
    await wd.newSession(application, { timeout: 60_000 });
    await wd.setTimeouts({ implicit: 0, script: 10_000 });
    // The UI has started once its header is shown; the window opens on the
    // inbox (local mode here: APPROVAL_DESK_DEMO=0), the tests start on the calendar.
    await wd.waitForElement("header.app-header h1", { timeout: 45_000 });
    await openScreen("calendar");
    // The size of the office screens the layout is made for (the window opens at 1200×820).
    try {
      await wd.setWindowRect({ ...SCREEN, x: 0, y: 0 });
    } catch (error) {
      console.log(`# could not resize the window to ${SCREEN.width}×${SCREEN.height}: ${error instanceof Error ? error.message : error}`);
    }
    // Start from the default language whatever an earlier run left in storage.
    if ((await wd.executeScript("return document.documentElement.lang")) !== "zh-CN") await selectLanguage("zh-CN");
  });

  test("the app deems an overdue case accepted by itself when it starts (视同受理, Art 10)", { timeout: TEST_TIMEOUT }, async () => {
    await waitFor(async () => /SX2026-000101\t\S+\tin_review/.test(deskctl("case", "list")), {
      timeout: 20_000,
      message: "the sweep on start to deem the case accepted",
    });
    assert.match(deskctl("case", "show", "SX2026-000101"), /accepted\t2026-03-02T10:00:00\+08:00 \(deemed\)/);
  });

  test("bundle view: a case of the restaurant bundle shows the bundle's three items, each with its department, state and release gate", { timeout: TEST_TIMEOUT }, async () => {
    await openScreen("inbox");
    try {
      await bundleOfTheRestaurantCase();
    } finally {
      // The tests that follow start from the side navigation, whatever happened here.
      await openScreen("calendar");
    }
  });

  async function bundleOfTheRestaurantCase() {
    await wd.click(await wd.waitForElement('.inbox-row[data-number="SX2026-000201"]', { timeout: 20_000 }));
    await wd.waitForElement("#case-heading");
    assert.match(await text("#case-heading"), /SX2026-000201/);
    const link = await wd.waitForElement(".bundle-link");
    assert.match(await wd.getText(link), /一件事：开办餐馆/);
    await wd.click(link);
    await wd.waitForElement(".bundle-table");
    await waitFor(async () => (await wd.findElements(".bundle-canvas .bundle-node")).length === 3, { message: "the bundle's three items drawn" });
    const rows = /** @type {Record<string, string>} */ (
      await wd.executeScript(
        `return Object.fromEntries([...document.querySelectorAll(".bundle-table tbody tr")].map((tr) => [tr.dataset.item + " " + tr.dataset.gate, tr.innerText.replace(/\\s+/g, " ")]));`,
      )
    );
    const keys = Object.keys(rows).sort();
    assert.equal(keys.length, 3, JSON.stringify(rows));
    // Nothing is decided yet (the sweep deemed the three accepted): no result is releasable.
    for (const key of keys) assert.match(key, / not_decided$/, JSON.stringify(rows));
    assert.deepEqual(keys.map((k) => k.split(" ")[0]), ["610122-SCJG-XK-0001", "610122-STHJ-BA-0001", "610122-XF-XK-0001"]);
    assert.match(rows["610122-SCJG-XK-0001 not_decided"], /市场监督管理局/);
    assert.match(rows["610122-XF-XK-0001 not_decided"], /消防/);
    assert.match(rows["610122-STHJ-BA-0001 not_decided"], /生态环境/);
    assert.match(await text(".bundle-screen .release-gate"), /各事项均未作出决定，尚无结果可发放/);
    assert.deepEqual(await accessibilityViolations(), []);
    await saveScreenshot("window-bundle.png");
  }

  after(async () => {
    try {
      if (wd.sessionId) {
        const file = await saveScreenshot("window.png");
        console.log(`# screenshot: ${path.relative(repoRoot, file)}`);
      }
    } finally {
      await wd.deleteSession();
    }
  });

  test("the window opens with the title 部门审批工作台", { timeout: TEST_TIMEOUT }, async () => {
    assert.match(await wd.getTitle(), /部门审批工作台/);
    assert.equal(await text("header.app-header h1"), "部门审批工作台");
    // The backend answered: the calendar shows days, not an error.
    assert.equal((await wd.findElements(".calendar .alert-error")).length, 0, "calendar shows an error");
    assert.ok((await wd.findElements(".calendar .day[data-date]")).length >= 28);
    assert.deepEqual(await accessibilityViolations(), [], "axe: serious or critical violations on the calendar");
    await saveScreenshot("window-calendar.png");
  });

  test("calendar: October 2026 has 国庆节 (休) on 1 Oct and an adjusted working day (班) on Sat 10 Oct", { timeout: TEST_TIMEOUT }, async () => {
    await navigateTo(2026, 10);
    assert.equal(await text(".calendar .month-title"), "2026年10月");
    assert.equal((await wd.findElements(".calendar .day[data-date]")).length, 31);

    const oct1 = await wd.findElement('.calendar .day[data-date="2026-10-01"]');
    assert.equal(await wd.textOf('.calendar .day[data-date="2026-10-01"] .badge-rest'), "休");
    assert.equal(await wd.textOf('.calendar .day[data-date="2026-10-01"] .holiday-name'), "国庆节");
    assert.match(String(await wd.getAttribute(oct1, "class")), /\brest\b.*\bholiday\b|\bholiday\b.*\brest\b/);
    // The tooltip (and, in other words, the accessible name) says what kind of day it is.
    assert.match(String(await wd.getAttribute(oct1, "title")), /休息日.*国庆节/);

    const oct10 = await wd.findElement('.calendar .day[data-date="2026-10-10"]');
    assert.equal(await wd.textOf('.calendar .day[data-date="2026-10-10"] .badge-work'), "班");
    assert.match(String(await wd.getAttribute(oct10, "title")), /周六.*调休上班/);
    assert.match(String(await wd.getAttribute(oct10, "class")), /\badjusted\b/);
    assert.doesNotMatch(String(await wd.getAttribute(oct10, "class")), /\b(rest|weekend)\b/);
    assert.equal((await wd.findElements('.calendar .day[data-date="2026-10-10"] .badge-rest')).length, 0);
  });

  test("calculator: 2026-09-30 10:00 + 3 working days ends on 2026年10月10日, skipping 国庆节", { timeout: TEST_TIMEOUT }, async () => {
    await openScreen("deadline");
    await fill("unit", "working_days");
    await fill("startDate", "2026-09-30");
    await fill("startTime", "10:00");
    await fill("length", "3");
    await setChecked("allowProvisional", false);
    const outcome = await submitAndWait();
    assert.equal(await wd.getAttribute(outcome, "data-outcome"), "due", `got: ${await wd.getText(outcome)}`);
    assert.equal(await text(".result-panel .result .due strong"), "2026年10月10日 24:00");
    assert.equal(await text(".result-panel .result .last-day"), "2026年10月10日");
    assert.equal((await wd.findElements(".result-panel .result .badge-provisional")).length, 0);

    const holiday = await wd.findElement('.result .explanation-table tr[data-date="2026-10-01"]');
    assert.match(String(await wd.getAttribute(holiday, "class")), /\brole-rest\b/);
    const holidayRow = await wd.getText(holiday);
    assert.match(holidayRow, /2026年10月1日/);
    assert.match(holidayRow, /休息日（跳过）/);
    assert.match(holidayRow, /国庆节/);
    assert.match(await wd.textOf('.result .explanation-table tr[data-date="2026-09-30"]'), /起算日/);
    assert.match(await wd.textOf('.result .explanation-table tr[data-date="2026-10-10"]'), /周六[\s\S]*计入 · 第3日/);
    assert.deepEqual(await accessibilityViolations(), [], "axe: serious or critical violations on the calculator");
    await saveScreenshot("window-deadline.png");
  });

  test("calculator: 2026-12-30 + 3 working days needs 允许使用推算年份, then ends 2027年1月5日 (推算)", { timeout: TEST_TIMEOUT }, async () => {
    await openScreen("deadline");
    await fill("startDate", "2026-12-30");
    await fill("startTime", "10:00");
    await fill("length", "3");
    await setChecked("allowProvisional", false);
    const refused = await submitAndWait();
    assert.equal(await wd.getAttribute(refused, "data-code"), "provisional_year", `got: ${await wd.getText(refused)}`);
    const message = await wd.getText(refused);
    assert.match(message, /无法完成/);
    assert.ok(message.includes(PROVISIONAL_YEAR_ZH), `error text: ${message}`);

    await setChecked("allowProvisional", true);
    const outcome = await submitAndWait();
    assert.equal(await wd.getAttribute(outcome, "data-outcome"), "due", `got: ${await wd.getText(outcome)}`);
    assert.equal(await text(".result-panel .result .last-day"), "2027年1月5日");
    assert.equal(await text(".result-panel .result .due strong"), "2027年1月5日 24:00");
    assert.equal(await text(".result-panel .result .due .badge-provisional"), "推算");
    assert.match(await text(".result-panel .result .alert-provisional"), /仅供参考/);
    assert.ok((await wd.findElements(".result .explanation-table tr.provisional")).length > 0, "2027 rows are marked provisional");
  });

  test("the language switch turns the header into English", { timeout: TEST_TIMEOUT }, async () => {
    assert.equal(await text("header.app-header h1"), "部门审批工作台");
    await openScreen("calendar");
    await selectLanguage("en");
    try {
      await waitForText("header.app-header h1", "Approval Desk");
      assert.equal(await text("header.app-header .subtitle"), "Cases, legal clocks and e-seals");
      assert.equal(await text(".calendar .month-title"), "October 2026");
      assert.equal(await text('.calendar .day[data-date="2026-10-01"] .holiday-name'), "National Day");
      assert.equal(await text('.side-nav a.nav-link[href$="/seal-check"]'), "Check e-seals");
      await saveScreenshot("window-en.png");
      await openScreen("seal-check");
      assert.equal(await text(".seal-check h2"), "Check e-seals");
      await openScreen("calendar");
    } finally {
      // Back to Chinese, even after a failure, for the tests that follow, the
      // final screenshot and the stored choice.
      await selectLanguage("zh-CN");
    }
    await waitForText("header.app-header h1", "部门审批工作台");
    await waitForText(".calendar .month-title", "2026年10月");
  });

  // 电子材料验章 with real PDFs: deskctl's demo letter, sealed under a demo
  // root, checked by the real backend over the real IPC (the PDF goes as the
  // raw body of the request, its name in the x-file-name header).
  describe("seal check (电子材料验章) with real PDFs", () => {
    const trustFolder = path.join(path.dirname(database), `${path.parse(database).name}-trust`);
    const materials = { dir: "", decision: "", ca: "", tampered: "", appended: "", unsigned: "", notPdf: "", corpus: "" };

    /** A one-page PDF without any signature, with a correct cross-reference table. */
    function unsignedPdf() {
      const content = "BT /F1 12 Tf 72 770 Td (Application form) Tj ET";
      const objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      ];
      let pdf = "%PDF-1.7\n";
      const offsets = objects.map((object, i) => {
        const at = pdf.length;
        pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
        return at;
      });
      const xref = pdf.length;
      pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
      for (const at of offsets) pdf += `${String(at).padStart(10, "0")} 00000 n\r\n`;
      pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
      return Buffer.from(pdf, "latin1");
    }

    /**
     * The signed PDF with one byte flipped in its first quarter: inside the
     * data of the first stream (the embedded font), so the file still parses
     * and only the digest the seal protects no longer matches.
     * @param {Buffer} pdf
     */
    function tamper(pdf) {
      const quarter = Math.floor(pdf.length / 4);
      const keyword = /stream\r?\n/.exec(pdf.toString("latin1"));
      assert.ok(keyword, "no stream in the signed PDF");
      const start = keyword.index + keyword[0].length;
      const end = Math.min(pdf.indexOf("endstream", start, "latin1"), quarter);
      assert.ok(start < end, `the first stream's data (from byte ${start}) is not in the first quarter (${quarter} bytes)`);
      const at = Math.floor((start + end) / 2);
      const copy = Buffer.from(pdf);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    }

    before(async () => {
      await openScreen("seal-check");
      materials.dir = mkdtempSync(path.join(tmpdir(), "approval-desk-e2e-seal-"));
      // On the throwaway profile: `pdf demo` does not touch the database, but never the real one either way.
      const out = deskctl("pdf", "demo", "--out", materials.dir);
      materials.decision = path.join(materials.dir, "decision.pdf");
      materials.ca = path.join(materials.dir, "ca.pem");
      assert.ok(existsSync(materials.decision) && existsSync(materials.ca), `deskctl pdf demo made no decision.pdf / ca.pem in ${materials.dir}:\n${out}`);
      const signed = readFileSync(materials.decision);
      assert.equal(signed.subarray(0, 5).toString("latin1"), "%PDF-");
      materials.tampered = path.join(materials.dir, "决定书-已改动.pdf");
      writeFileSync(materials.tampered, tamper(signed));
      materials.appended = path.join(materials.dir, "决定书-追加内容.pdf");
      writeFileSync(materials.appended, Buffer.concat([signed, Buffer.from("% a line added after the seal\n", "latin1")]));
      materials.unsigned = path.join(materials.dir, "申请表.pdf");
      writeFileSync(materials.unsigned, unsignedPdf());
      materials.notPdf = path.join(materials.dir, "照片.pdf");
      writeFileSync(materials.notPdf, Buffer.from("ffd8ffe000104a46494600", "hex"));
      // The published attacks on PDF signatures, built on the same sealed letter.
      materials.corpus = path.join(materials.dir, "corpus");
      const built = deskctl("pdf", "attack-corpus", "--in", materials.decision, "--out", materials.corpus);
      assert.ok(existsSync(path.join(materials.corpus, "corpus.json")), `deskctl pdf attack-corpus wrote no corpus.json:\n${built}`);
    });

    after(async () => {
      rmSync(materials.dir, { recursive: true, force: true });
      // Back to the top for the tests (and screenshots) that follow.
      if (wd.sessionId) await wd.executeScript("window.scrollTo(0, 0)");
    });

    /**
     * Picks a file in the panel's <input type="file"> the WebDriver way (its
     * absolute path as keys) and returns the NEW outcome: a result or an error.
     * @param {string} file absolute path
     */
    async function pickPdf(file) {
      await wd.executeScript(`document.querySelectorAll(".seal-check-status > *").forEach((el) => { el.dataset.e2eStale = "1"; });`);
      const input = await wd.waitForElement('[data-testid="seal-check-input"]');
      await wd.sendKeys(input, file);
      return wd.waitForElement(".seal-check-status > .seal-check-result:not([data-e2e-stale]), .seal-check-status > .seal-check-error:not([data-e2e-stale])", {
        timeout: 20_000,
      });
    }

    /** The verdict's border colour as [r, g, b]. */
    async function verdictColour() {
      const colour = String(await wd.executeScript(`return getComputedStyle(document.querySelector(".seal-check .seal-verdict")).borderLeftColor`));
      const m = /^rgba?\((\d+), (\d+), (\d+)/.exec(colour);
      assert.ok(m, `unexpected colour ${colour}`);
      return [Number(m[1]), Number(m[2]), Number(m[3])];
    }

    /** A screenshot of the window with the whole panel scrolled into view (it sits below the fold). @param {string} name */
    async function screenshotPanel(name) {
      await wd.executeScript(`arguments[0].scrollIntoView({ block: "end" })`, [await wd.findElement(".seal-check")]);
      return saveScreenshot(name);
    }

    /** The one row of the seal table, as the officer reads it. */
    async function onlyRow() {
      const rows = await wd.findElements(".seal-check .seal-table .seal-row");
      assert.equal(rows.length, 1, "one seal in the table");
      const row = /** @type {import("./webdriver.mjs").ElementRef} */ (rows[0]);
      const cell = async (/** @type {string} */ css) => (await wd.getText(await wd.findElement(css, row))).trim();
      const problems = await Promise.all((await wd.findElements(".seal-problems li", row)).map(async (li) => (await wd.getText(li)).trim()));
      return {
        field: await wd.getAttribute(row, "data-field"),
        tone: String(await wd.getAttribute(row, "class")).match(/\btone-(\w+)/)?.[1],
        signer: await cell(".signer-name"),
        time: await cell(".time"),
        reason: await cell(".reason"),
        covers: await cell(".covers"),
        trusted: await cell(".trusted"),
        result: await cell(".result"),
        problems,
      };
    }

    test("before its root is trusted, the sealed letter is 签章来源无法确认 and the profile is told it has no roots", { timeout: TEST_TIMEOUT }, async () => {
      assert.deepEqual(existsSync(trustFolder) ? readdirSync(trustFolder) : [], [], "the fresh profile trusts no root yet");
      assert.equal(await text(".seal-check h2"), "电子材料验章");
      assert.equal(await text(".seal-check .seal-check-button"), "选择 PDF 文件…");
      assert.deepEqual(await accessibilityViolations(), [], "axe: serious or critical violations on the seal check");
      await saveScreenshot("window-seal-check.png");
      const outcome = await pickPdf(materials.decision);
      assert.equal(await wd.getAttribute(outcome, "data-verdict"), "untrusted", `got: ${await wd.getText(outcome)}`);
      assert.equal(await text(".seal-check .verdict-title"), "签章来源无法确认");
      assert.equal(await text(".seal-check .verdict-note"), "本机尚未配置受信任的根证书：请管理员将电子印章的根证书放入受信任根证书目录。");
      const row = await onlyRow();
      assert.equal(row.signer, "西安市市场监督管理局 e-seal");
      assert.equal(row.result, "来源未确认");
      assert.equal(row.trusted, "不可信");
      assert.equal(row.covers, "是");
    });

    test("with the demo root in the trust folder, decision.pdf is 签章有效 (green), signed by 西安市市场监督管理局 e-seal; the PDF crossed as the raw body", { timeout: TEST_TIMEOUT }, async () => {
      mkdirSync(trustFolder, { recursive: true });
      copyFileSync(materials.ca, path.join(trustFolder, "demo-root-ca.pem"));
      // Watch the IPC request the panel makes (a pass-through wrapper around fetch).
      await wd.executeScript(`
        const original = window.fetch;
        window.__e2eSealRequests = [];
        window.__e2eRestoreFetch = () => { window.fetch = original; };
        window.fetch = function (resource, init) {
          const url = String(resource instanceof Request ? resource.url : resource);
          if (!url.includes("seal_check")) return original.apply(this, arguments);
          const body = init && init.body;
          const entry = {
            url,
            bodyType: body == null ? String(body) : Object.prototype.toString.call(body),
            bodyBytes: body && typeof body.byteLength === "number" ? body.byteLength : null,
            fileName: new Headers((init && init.headers) || {}).get("x-file-name"),
            outcome: "pending",
          };
          window.__e2eSealRequests.push(entry);
          return original.apply(this, arguments).then(
            (response) => { entry.outcome = response.headers.get("Tauri-Response") || String(response.status); return response; },
            (error) => { entry.outcome = "failed: " + error; throw error; },
          );
        };`);
      let requests;
      try {
        const outcome = await pickPdf(materials.decision);
        assert.equal(await wd.getAttribute(outcome, "data-verdict"), "all_valid", `got: ${await wd.getText(outcome)}`);
        requests = await wd.executeScript("return window.__e2eSealRequests");
      } finally {
        await wd.executeScript("if (window.__e2eRestoreFetch) window.__e2eRestoreFetch(); delete window.__e2eRestoreFetch;");
      }
      // One request over Tauri's ipc:// custom protocol, the bytes as they are (no
      // fallback to postMessage, where they would travel as a JSON array of numbers).
      assert.deepEqual(requests, [
        {
          url: "ipc://localhost/seal_check",
          bodyType: "[object Uint8Array]",
          bodyBytes: readFileSync(materials.decision).length,
          fileName: "decision.pdf",
          outcome: "ok",
        },
      ]);

      const verdict = await wd.findElement(".seal-check .seal-verdict");
      assert.match(String(await wd.getAttribute(verdict, "class")), /\btone-valid\b/);
      const [r, g, b] = await verdictColour();
      assert.ok(g > r && g > b, `the verdict's colour is green, got rgb(${r}, ${g}, ${b})`);
      assert.equal(await text(".seal-check .verdict-title"), "签章有效");
      assert.equal(await text(".seal-check .verdict-file"), "文件：decision.pdf");
      assert.equal(await text(".seal-check .verdict-body"), "全部1个签章完好、覆盖全文，且由受信任的根证书签发：该电子材料与纸质材料具有同等效力。");
      assert.equal((await wd.findElements(".seal-check .verdict-note")).length, 0);
      // Focus moved to the verdict.
      assert.equal(await wd.executeScript(`return document.activeElement && document.activeElement.classList.contains("seal-verdict")`), true);

      const row = await onlyRow();
      assert.deepEqual(
        { ...row, time: undefined },
        {
          field: "电子印章1",
          tone: "valid",
          signer: "西安市市场监督管理局 e-seal",
          time: undefined,
          reason: "准予行政许可决定书电子签章",
          covers: "是",
          trusted: "可信",
          result: "有效",
          problems: [],
        },
      );
      assert.match(row.time, /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

      assert.deepEqual(await accessibilityViolations(), [], "axe: serious or critical violations on a seal check's result");
      const file = await screenshotPanel("window-seal-valid.png");
      console.log(`# screenshot: ${path.relative(repoRoot, file)}`);
    });

    test("one byte flipped in the first quarter: 签章无效 (red), 内容被篡改", { timeout: TEST_TIMEOUT }, async () => {
      const outcome = await pickPdf(materials.tampered);
      assert.equal(await wd.getAttribute(outcome, "data-verdict"), "invalid", `got: ${await wd.getText(outcome)}`);
      const [r, g] = await verdictColour();
      assert.ok(r > g, `the verdict's colour is red, got rgb(${r}, ${g}, …)`);
      assert.equal(await text(".seal-check .verdict-title"), "签章无效");
      // The Chinese name went through the x-file-name header and back.
      assert.equal(await text(".seal-check .verdict-file"), "文件：决定书-已改动.pdf");
      assert.equal(await text(".seal-check .verdict-body"), "共1个签章，其中1个无效或在签章后被改动：不能作为有效的电子材料受理。问题见下表。");
      const row = await onlyRow();
      assert.equal(row.tone, "invalid");
      assert.equal(row.result, "内容被篡改");
      assert.equal(row.trusted, "未核验");
      assert.equal(row.problems.length, 1, `problems: ${JSON.stringify(row.problems)}`);
      assert.match(String(row.problems[0]), /篡改/);
      await screenshotPanel("window-seal-tampered.png");
    });

    test("bytes appended after the seal: 签章无效, 签章后被改动, does not cover the whole document", { timeout: TEST_TIMEOUT }, async () => {
      const outcome = await pickPdf(materials.appended);
      assert.equal(await wd.getAttribute(outcome, "data-verdict"), "invalid", `got: ${await wd.getText(outcome)}`);
      assert.equal(await text(".seal-check .verdict-title"), "签章无效");
      assert.equal(await text(".seal-check .verdict-file"), "文件：决定书-追加内容.pdf");
      const row = await onlyRow();
      assert.equal(row.tone, "invalid");
      assert.equal(row.result, "签章后被改动");
      assert.equal(row.covers, "否");
      assert.equal(row.trusted, "可信", "the seal itself is intact and from the trusted root");
      assert.equal(row.problems.length, 1, `problems: ${JSON.stringify(row.problems)}`);
      assert.match(String(row.problems[0]), /^签章之后文件被改动/);
    });

    /**
     * Files of the attack corpus, each refused in red with the reason named in the
     * problems of the seal it forges: [id, result of that seal, words of the reason].
     */
    const ATTACKS = /** @type {const} */ ([
      ["isa-earlier-section-one-seal", "签章后被改动", /页面内容/],
      ["shadow-hide-and-replace-one-seal", "签章后被改动", /页面内容/],
      ["cert-sneaky-unsigned-field-one-seal", "签章后被改动", /没有签名值的签名域/],
      ["usf-contents-missing-one-seal", "签章结构损坏", /签章结构损坏/],
      ["swa-relocated-one-seal", "签章结构损坏", /签章结构损坏/],
    ]);

    test("the published attacks on PDF signatures (ISA, shadow, sneaky signature, USF, SWA): 签章无效, the reason named", { timeout: TEST_TIMEOUT }, async () => {
      copyFileSync(path.join(materials.corpus, "corpus-ca.pem"), path.join(trustFolder, "corpus-root-ca.pem"));
      for (const [id, result, reason] of ATTACKS) {
        const outcome = await pickPdf(path.join(materials.corpus, "files", `${id}.pdf`));
        assert.equal(await wd.getAttribute(outcome, "data-verdict"), "invalid", `${id}: ${await wd.getText(outcome)}`);
        assert.equal(await text(".seal-check .verdict-title"), "签章无效", id);
        const rows = await wd.findElements(".seal-check .seal-table .seal-row.tone-invalid");
        assert.ok(rows.length >= 1, `${id}: a seal is shown as invalid`);
        const row = /** @type {import("./webdriver.mjs").ElementRef} */ (rows[0]);
        assert.equal((await wd.getText(await wd.findElement(".result", row))).trim(), result, id);
        const problems = await Promise.all((await wd.findElements(".seal-problems li", row)).map(async (li) => (await wd.getText(li)).trim()));
        assert.ok(problems.some((p) => reason.test(p)), `${id}: the reason is named, got ${JSON.stringify(problems)}`);
        if (id === "isa-earlier-section-one-seal") await screenshotPanel("window-seal-attack-isa.png");
      }
      assert.deepEqual(await accessibilityViolations(), [], "axe: serious or critical violations on a refused attack");
    });

    test("a PDF without signatures: 未加盖电子签章, no table", { timeout: TEST_TIMEOUT }, async () => {
      const outcome = await pickPdf(materials.unsigned);
      assert.equal(await wd.getAttribute(outcome, "data-verdict"), "unsigned", `got: ${await wd.getText(outcome)}`);
      assert.match(String(await wd.getAttribute(await wd.findElement(".seal-check .seal-verdict"), "class")), /\btone-neutral\b/);
      assert.equal(await text(".seal-check .verdict-title"), "未加盖电子签章");
      assert.equal(await text(".seal-check .verdict-file"), "文件：申请表.pdf");
      assert.equal(await text(".seal-check .verdict-body"), "文件中没有电子签章。如为窗口服务单位提供的扫描件或全省证照库的电子证照，请按其来源核实。");
      assert.equal((await wd.findElements(".seal-check .seal-table")).length, 0);
    });

    test("a file that is not a PDF: the backend's pdf_unreadable error, naming the file", { timeout: TEST_TIMEOUT }, async () => {
      const outcome = await pickPdf(materials.notPdf);
      assert.equal(await wd.getAttribute(outcome, "data-code"), "pdf_unreadable", `got: ${await wd.getText(outcome)}`);
      assert.equal(await text(".seal-check .seal-check-error .error-heading"), "所选文件不是可读取的 PDF，未能验章。");
      assert.equal(await text(".seal-check .seal-check-error .verdict-file"), "文件：照片.pdf");
      assert.match(await text(".seal-check .seal-check-error .error-detail"), /^文件“照片\.pdf”无法作为 PDF 读取/);
    });
  });

  test("import: a file with an adjusted working day on a Monday is refused, naming days[16].isOffDay", { timeout: TEST_TIMEOUT }, async () => {
    await openScreen("calendar");
    const button = await wd.waitForElement(".calendar-import .calendar-import-button");
    assert.equal(await wd.getText(button), "导入放假安排…");
    const outcome = await importFile(ARRANGEMENT_2027_BAD);
    assert.equal(await wd.getAttribute(outcome, "data-code"), "import_invalid", `got: ${await wd.getText(outcome)}`);
    assert.equal(await text(".calendar-import-result .import-heading"), "放假安排文件有误，未导入。以下每一处须修改：");
    const finding = await wd.findElement('.calendar-import-result .import-findings li[data-location="days[16].isOffDay"]');
    const line = await wd.getText(finding);
    assert.match(line, /days\[16\]\.isOffDay/);
    assert.match(line, /2027-01-11/);
    assert.deepEqual(await accessibilityViolations(), [], "axe: serious or critical violations on an import's findings");
    await saveScreenshot("window-calendar-import-error.png");
    // nothing was imported: 2027 is still 推算
    await navigateTo(2027, 1);
    assert.ok((await wd.findElements(".calendar .day[data-date] .badge-provisional")).length > 0, "January 2027 is still provisional");
  });

  // Keep last: the tests above expect 2027 to be provisional. (Each run has a fresh temp profile.)
  test("import: the 2027 arrangement file removes 推算 from January 2027, and deadlines into 2027 need no estimate", { timeout: TEST_TIMEOUT }, async () => {
    const outcome = await importFile(ARRANGEMENT_2027);
    assert.equal(await wd.getAttribute(outcome, "data-outcome"), "imported", `got: ${await wd.getText(outcome)}`);
    assert.match(await wd.getText(outcome), /已导入2027年放假安排：休息日16天，调休上班1天/);

    // the month shown is reloaded (January 2027 after the test above): no 推算 badge, 9 Jan is 班
    await navigateTo(2027, 1);
    await waitForText('.calendar .day[data-date="2027-01-09"] .badge-work', "班");
    assert.equal((await wd.findElements(".calendar .day[data-date] .badge-provisional")).length, 0);
    assert.equal((await wd.findElements(".calendar .alert-provisional")).length, 0);
    assert.equal(await text('.calendar .day[data-date="2027-01-04"] .badge-rest'), "休");
    assert.match(String(await wd.getAttribute(await wd.findElement('.calendar .day[data-date="2027-01-09"]'), "title")), /周六.*调休上班/);

    await openScreen("deadline");
    await fill("unit", "working_days");
    await fill("startDate", "2026-12-30");
    await fill("startTime", "10:00");
    await fill("length", "3");
    await setChecked("allowProvisional", false);
    const result = await submitAndWait();
    assert.equal(await wd.getAttribute(result, "data-outcome"), "due", `got: ${await wd.getText(result)}`);
    assert.equal(await text(".result-panel .result .last-day"), "2027年1月6日");
    assert.equal(await text(".result-panel .result .due strong"), "2027年1月6日 24:00");
    assert.equal((await wd.findElements(".result-panel .result .badge-provisional")).length, 0);
    assert.match(await wd.textOf('.result .explanation-table tr[data-date="2027-01-04"]'), /休息日（跳过）/);
    await saveScreenshot("window-imported-2027.png");
  });
});
