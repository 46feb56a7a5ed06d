// @ts-check
/**
 * End-to-end test of the built UI (ui/dist) in Debian's Chromium, with the
 * Tauri IPC replaced by a stand-in that answers from ./fixtures.
 *
 * Run with `npm run e2e` (builds first, then `node --test`).
 * Needs /usr/bin/chromium (or CHROMIUM_PATH); never downloads a browser.
 */
import assert from "node:assert/strict";
import { readFileSync, existsSync, statSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, beforeEach, afterEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, "..", "dist");
const fixturesDir = path.join(here, "fixtures");
const artifacts = path.resolve(here, "..", "test-results");
const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** @param {string} name */
const fixture = (name) => JSON.parse(readFileSync(path.join(fixturesDir, name), "utf8"));

const fixtures = {
  status: fixture("calendar_status.json"),
  months: {
    "2026-01": fixture("calendar_month/2026-01.json"),
    "2026-02": fixture("calendar_month/2026-02.json"),
    "2027-01": fixture("calendar_month/2027-01.json"),
  },
  due: fixture("compute_deadline_due.json"),
  dueProvisional: fixture("compute_deadline_due_provisional.json"),
  suspended: fixture("compute_deadline_suspended.json"),
  provisionalError: fixture("error_provisional_year.json"),
};

/** Runs in the page before the app: the stand-in for Tauri's IPC. */
/** @param {typeof fixtures} f */
function installIpcStandIn(f) {
  /** @type {Array<{ cmd: string, args: any }>} */
  const calls = [];
  /** @type {any} */ (window).__ipcCalls = calls;
  /** @type {any} */ (window).__TAURI_INTERNALS__ = {
    transformCallback: () => 0,
    /** @param {string} cmd @param {any} args */
    invoke: async (cmd, args) => {
      calls.push({ cmd, args: JSON.parse(JSON.stringify(args ?? null)) });
      switch (cmd) {
        case "calendar_status":
          return f.status;
        case "calendar_month": {
          const key = `${args.year}-${String(args.month).padStart(2, "0")}`;
          const month = /** @type {Record<string, unknown>} */ (f.months)[key];
          if (month) return month;
          throw { code: "date_out_of_range", message: `测试替身没有${key}的数据` };
        }
        case "compute_deadline": {
          const request = args.request;
          if (request.length > 1000) throw { code: "invalid_period", message: "期间长度超过上限" };
          if (request.start >= "2026-12") return request.allow_provisional ? f.dueProvisional : Promise.reject(f.provisionalError);
          if (request.pauses.some((/** @type {{ end: unknown }} */ p) => p.end === null)) return f.suspended;
          return f.due;
        }
        default:
          throw `command ${cmd} not found`;
      }
    },
  };
}

/** A tiny static server for ui/dist on 127.0.0.1 and a free port. */
function serveDist() {
  const types = /** @type {Record<string, string>} */ ({ ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".ico": "image/x-icon" });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

describe("Approval Desk UI (IPC stand-in)", () => {
  /** @type {import("node:http").Server} */ let server;
  /** @type {string} */ let origin;
  /** @type {import("playwright-core").Browser} */ let browser;
  /** @type {import("playwright-core").BrowserContext} */ let context;
  /** @type {import("playwright-core").Page} */ let page;
  /** @type {string[]} */ let pageErrors;

  before(async () => {
    assert.ok(existsSync(path.join(dist, "index.html")), "ui/dist is missing: run `npm run build` first (npm run e2e does)");
    assert.ok(existsSync(executablePath), `Chromium not found at ${executablePath}`);
    mkdirSync(artifacts, { recursive: true });
    ({ server, origin } = /** @type {{ server: import("node:http").Server, origin: string }} */ (await serveDist()));
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    page = await context.newPage();
    pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.clock.setFixedTime(new Date("2026-01-15T10:00:00+08:00"));
    await page.addInitScript(installIpcStandIn, fixtures);
    await page.goto(`${origin}/index.html`);
    await page.locator(".month-grid").waitFor();
  });

  afterEach(async (t) => {
    await page.screenshot({ path: path.join(artifacts, `${t.name.replace(/\W+/g, "-")}.png`), fullPage: true });
    await context.close();
    assert.deepEqual(pageErrors, [], "the page threw");
  });

  /** @param {string} date */
  const cell = (date) => page.locator(`.day[data-date="${date}"]`);

  test("month grid shows January 2026 with holiday and adjusted-workday badges", async () => {
    assert.equal(await page.locator(".month-title").textContent(), "2026年1月");
    assert.equal(await page.locator(".day[data-date]").count(), 31);
    // Monday-first: 1 Jan 2026 is a Thursday → three blanks before it
    assert.equal(await page.locator(".week:not(.head)").first().locator(".day.blank").count(), 3);
    const newYear = cell("2026-01-01");
    assert.equal(await newYear.locator(".badge-rest").textContent(), "休");
    assert.equal(await newYear.locator(".holiday-name").textContent(), "元旦");
    const adjusted = cell("2026-01-04");
    assert.equal(await adjusted.locator(".badge-work").textContent(), "班");
    assert.equal(await adjusted.evaluate((el) => el.classList.contains("weekend")), false, "an adjusted workday is not greyed");
    const saturday = cell("2026-01-10");
    assert.equal(await saturday.evaluate((el) => el.classList.contains("weekend")), true);
    assert.equal(await saturday.locator(".badge").count(), 0, "a plain weekend has no badge");
    assert.equal(await cell("2026-01-05").locator(".badge").count(), 0);
    assert.equal(await cell("2026-01-15").getAttribute("aria-current"), "date");
    const notice = page.locator('.notice[data-code="provisional_year_in_use"]');
    assert.match(await notice.innerText(), /2027年的放假安排尚未发布/);
    assert.match(await notice.innerText(), /推算/);
  });

  test("month navigation: next, previous and today", async () => {
    await page.getByRole("button", { name: "下一月" }).click();
    await page.locator('.day[data-date="2026-02-01"]').waitFor();
    assert.equal(await page.locator(".month-title").textContent(), "2026年2月");
    assert.equal(await page.locator(".day[data-date]").count(), 28);
    assert.equal(await cell("2026-02-14").locator(".badge-work").textContent(), "班");
    assert.equal(await cell("2026-02-17").locator(".badge-rest").textContent(), "休");
    assert.equal(await cell("2026-02-17").locator(".holiday-name").textContent(), "春节");
    await page.getByRole("button", { name: "上一月" }).click();
    await page.locator('.day[data-date="2026-01-01"]').waitFor();
    assert.equal(await page.locator(".month-title").textContent(), "2026年1月");
    await page.getByRole("button", { name: "下一月" }).click();
    await page.locator('.day[data-date="2026-02-01"]').waitFor();
    await page.getByRole("button", { name: "今天" }).click();
    await page.locator('.day[data-date="2026-01-01"]').waitFor();
    const months = await page.evaluate(() => /** @type {any} */ (window).__ipcCalls.filter((/** @type {any} */ c) => c.cmd === "calendar_month").map((/** @type {any} */ c) => `${c.args.year}-${c.args.month}`));
    assert.deepEqual(months, ["2026-1", "2026-2", "2026-1", "2026-2", "2026-1"]);
  });

  test("calculator: a day picked in the calendar, a due result and its explanation", async () => {
    await page.getByRole("button", { name: "下一月" }).click();
    await cell("2026-02-12").click();
    assert.equal(await page.locator('input[name="startDate"]').inputValue(), "2026-02-12");
    await page.locator('input[name="startTime"]').fill("10:00");
    await page.locator('input[name="length"]').fill("5");
    await page.getByRole("button", { name: "计算期限" }).click();
    const due = page.locator('.result[data-outcome="due"]');
    await due.waitFor();
    assert.equal(await due.locator(".due strong").textContent(), "2026年2月26日 24:00");
    assert.equal(await due.locator(".last-day").textContent(), "2026年2月26日");
    assert.equal(await due.locator(".badge-provisional").count(), 0);
    const rows = due.locator(".explanation-table tbody tr");
    assert.equal(await rows.count(), 15);
    assert.match(await due.locator('tr[data-date="2026-02-12"]').innerText(), /起算日/);
    assert.match(await due.locator('tr[data-date="2026-02-14"]').innerText(), /周六\s+计入 · 第2日/);
    assert.match(await due.locator('tr[data-date="2026-02-17"]').innerText(), /休息日（跳过）\s+春节/);
    assert.match(await due.locator('tr[data-date="2026-02-26"]').innerText(), /第5日/);
    const request = await page.evaluate(() => /** @type {any} */ (window).__ipcCalls.findLast((/** @type {any} */ c) => c.cmd === "compute_deadline").args.request);
    assert.deepEqual(request, { start: "2026-02-12T10:00:00+08:00", unit: "working_days", length: 5, pauses: [], allow_provisional: false });
  });

  test("calculator: an ongoing pause gives a suspended result", async () => {
    await page.locator('input[name="startDate"]').fill("2026-02-12");
    await page.locator('input[name="length"]').fill("5");
    await page.getByRole("button", { name: "添加暂停期间" }).click();
    await page.locator('input[name="pause-0-startDate"]').fill("2026-02-25");
    await page.locator('input[name="pause-0-ongoing"]').check();
    await page.locator('input[name="pause-0-reason"]').fill("补正材料");
    await page.getByRole("button", { name: "计算期限" }).click();
    const suspended = page.locator('.result[data-outcome="suspended"]');
    await suspended.waitFor();
    assert.match(await suspended.innerText(), /自2026年2月25日 09:00起暂停计算（原因：补正材料）/);
    assert.equal(await suspended.locator(".counted").textContent(), "3日");
    assert.equal(await suspended.locator(".remaining").textContent(), "2日");
    const request = await page.evaluate(() => /** @type {any} */ (window).__ipcCalls.findLast((/** @type {any} */ c) => c.cmd === "compute_deadline").args.request);
    assert.deepEqual(request.pauses, [{ start: "2026-02-25T09:00:00+08:00", end: null, reason: "补正材料" }]);
  });

  test("a rejected call shows the catalogue text for its code, in the current language", async () => {
    await page.locator('input[name="startDate"]').fill("2026-12-30");
    await page.getByRole("button", { name: "计算期限" }).click();
    const alert = page.locator('.alert-error[data-code="provisional_year"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /请勾选“允许使用推算年份”/);
    await page.locator("#language-switch").selectOption("en");
    assert.match(await alert.innerText(), /Tick "Allow estimated years"/);
  });

  test("provisional days and deadlines are labelled 推算", async () => {
    await page.clock.setFixedTime(new Date("2027-01-15T10:00:00+08:00"));
    await page.getByRole("button", { name: "今天" }).click();
    await page.locator('.day[data-date="2027-01-01"]').waitFor();
    assert.match(await page.locator(".calendar .alert-provisional").innerText(), /推算.*2027年的放假安排尚未发布/s);
    assert.equal(await page.locator(".day[data-date] .badge-provisional").count(), 31);
    assert.equal(await cell("2027-01-01").locator(".badge-provisional").textContent(), "推算");
    assert.equal(await cell("2027-01-01").locator(".badge-rest").textContent(), "休");
    await page.locator('input[name="startDate"]').fill("2026-12-30");
    await page.locator('input[name="length"]').fill("6");
    await page.locator('input[name="allowProvisional"]').check();
    await page.getByRole("button", { name: "计算期限" }).click();
    const due = page.locator('.result[data-outcome="due"]');
    await due.waitFor();
    assert.equal(await due.locator(".due").innerText(), "2027年1月8日 24:00 推算");
    assert.match(await due.locator(".alert-provisional").innerText(), /仅供参考/);
    assert.equal(await due.locator("tr.provisional .badge-provisional").count(), 8);
    assert.equal(await due.locator('tr[data-date="2026-12-31"] .badge-provisional').count(), 0);
  });

  test("a rule only the backend checks (invalid_period) is shown from the catalogue", async () => {
    await page.locator('input[name="length"]').fill("5000");
    await page.getByRole("button", { name: "计算期限" }).click();
    const alert = page.locator('.alert-error[data-code="invalid_period"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /期间长度无效/);
  });

  test("the language switch changes the text to English", async () => {
    await page.locator("#language-switch").selectOption("en");
    assert.equal(await page.locator("h1").textContent(), "Approval Desk");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await page.locator(".month-title").textContent(), "January 2026");
    assert.equal(await cell("2026-01-01").locator(".badge-rest").textContent(), "Off");
    assert.equal(await cell("2026-01-01").locator(".holiday-name").textContent(), "New Year's Day");
    assert.equal(await cell("2026-01-04").locator(".badge-work").textContent(), "Work");
    assert.equal(await page.locator(".weekday-head").first().textContent(), "Mon");
    assert.match(await page.locator(".notice").innerText(), /The holiday arrangement for 2027 has not been published yet/);
    await page.getByRole("button", { name: "Next month" }).click();
    await cell("2026-02-12").click();
    await page.locator('input[name="length"]').fill("5");
    await page.getByRole("button", { name: "Calculate deadline" }).click();
    await page.locator(".result .due").waitFor();
    assert.equal(await page.locator(".result .due strong").textContent(), "February 26, 2026, 24:00");
    assert.match(await page.locator('tr[data-date="2026-02-17"]').innerText(), /Spring Festival/);
    await page.screenshot({ path: path.join(artifacts, "english.png"), fullPage: true });
    await page.locator("#language-switch").selectOption("zh-CN");
    assert.equal(await page.locator("h1").textContent(), "部门审批工作台");
    assert.equal(await page.locator(".result .due strong").textContent(), "2026年2月26日 24:00");
  });
});
