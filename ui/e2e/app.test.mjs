// @ts-check
/**
 * End-to-end test of the built UI (ui/dist) in Debian's Chromium, with the
 * Tauri IPC replaced by a stand-in that answers from ./fixtures.
 *
 * Run with `npm run e2e` (builds first, then `node --test`).
 * Needs /usr/bin/chromium (or CHROMIUM_PATH); never downloads a browser.
 */
import assert from "node:assert/strict";
import { readFileSync, existsSync, statSync, mkdirSync, mkdtempSync, openSync, ftruncateSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, beforeEach, afterEach, describe, test } from "node:test";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, "..", "dist");
const fixturesDir = path.join(here, "fixtures");
const artifacts = path.resolve(here, "..", "test-results");
/** One screenshot per screen at 1366×768, the screen size the window is designed for. */
const screenshots = path.resolve(here, "..", "..", "target", "e2e-screenshots");
const VIEWPORT = { width: 1366, height: 768 };
/** axe-core's browser build, injected into the page to check it (WCAG 2.1 AA). */
const axeSource = /** @type {{ source: string }} */ (createRequire(import.meta.url)("axe-core")).source;
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
  // after calendar_import succeeded: 2027 is official
  statusOfficial2027: fixture("calendar_status_official_2027.json"),
  monthsOfficial2027: {
    "2027-01": fixture("calendar_month/2027-01-official.json"),
  },
  importOk: fixture("calendar_import_ok.json"),
  importInvalid: fixture("error_import_invalid.json"),
  // seal_check: what the backend answered for real signed PDFs, by file name
  seals: {
    "准予许可决定书.pdf": fixture("seal_check_valid.json"),
    "营业执照-已改动.pdf": fixture("seal_check_tampered.json"),
    "外省来文.pdf": fixture("seal_check_untrusted.json"),
    "申请表.pdf": fixture("seal_check_unsigned.json"),
    "电子证照-带时间戳.pdf": fixture("seal_check_timestamped.json"),
  },
  sealError: fixture("error_pdf_unreadable.json"),
  // the officer's window (issue 14): hand-made from the IPC contract (ui/src/ipc/pending.ts)
  officer: {
    sessionDemo: fixture("officer/session_demo.json"),
    sessionHub: fixture("officer/session_hub.json"),
    syncStatus: fixture("officer/sync_status.json"),
    syncOffline: fixture("officer/sync_status_offline.json"),
    hubUnauthorized: fixture("officer/error_hub_unauthorized.json"),
    inboxFilters: fixture("officer/inbox_filters.json"),
    inboxPage1: fixture("officer/inbox_page_1.json"),
    inboxPage2: fixture("officer/inbox_page_2.json"),
    inboxSearch: fixture("officer/inbox_search.json"),
    cases: {
      received: fixture("officer/case_view_received.json"),
      in_review: fixture("officer/case_view_in_review.json"),
      decided: fixture("officer/case_view_decided.json"),
      sealed: fixture("officer/case_view_sealed.json"),
      pushed: fixture("officer/case_view_pushed.json"),
    },
    caseChanged: fixture("officer/error_case_changed.json"),
    bundle: fixture("officer/bundle_view.json"),
    /** What the backend answers for real cases (crates/api/src/ui_fixtures.rs). */
    real: {
      received: fixture("case_view/received.json"),
      accepted: fixture("case_act/accepted.json"),
      changed: fixture("case_act/error_case_changed.json"),
    },
    /**
     * 批量签章, as the backend answers it (crates/api/src/ui_fixtures.rs): the
     * three decided cases awaiting a seal, the batch of the first two (one
     * sealed, one refused as sealed meanwhile) and the list after it.
     */
    batch: {
      waiting: fixture("batch_seal/cases_awaiting_seal.json"),
      sealed: fixture("batch_seal/seal_results.json"),
      waitingAfter: fixture("batch_seal/cases_awaiting_seal_after.json"),
    },
    /** Every PDF the stand-in answers (a material, a notice preview, the letter): a real sealed one-page PDF. */
    pdf: [...readFileSync(path.join(fixturesDir, "upload", "letter.pdf"))],
    /** A Chinese PDF whose font is not embedded (STSong-Light, UniGB-UCS2-H): pdf.js needs its bundled CMap. */
    cjkPdf: [...readFileSync(path.join(fixturesDir, "upload", "cjk-nonembedded.pdf"))],
  },
};

/** Files the officer picks in the import dialog. @param {string} name */
const uploadPath = (name) => path.join(fixturesDir, "upload", name);

/** Runs in the page before the app: the stand-in for Tauri's IPC. */
/** @param {typeof fixtures} f */
function installIpcStandIn(f) {
  /** @type {Array<{ cmd: string, args: any }>} */
  const calls = [];
  /** @type {any} */ (window).__ipcCalls = calls;
  /** Set by a successful calendar_import: status and months answer as with an official 2027. */
  let imported2027 = false;
  const o = f.officer;
  /** The officer's session: demo until hub_connect succeeds. */
  let session = o.sessionDemo;
  /** The one case the stand-in holds, moved along by case_act and seal_result. */
  let caseState = /** @type {keyof typeof o.cases} */ ("received");
  /** The real case (SX2026-000201) once accepted. */
  let realAccepted = false;
  const pdf = () => Uint8Array.from(o.pdf).buffer;
  /** Event listeners by event name (the event plugin's side of `listen`). */
  /** @type {Map<number, Function>} */
  const callbacks = new Map();
  /** @type {Map<string, number[]>} */
  const listeners = new Map();
  let nextCallback = 1;
  /** Emits a backend event to the page's listeners. */
  /** @type {any} */ (window).__emit = (/** @type {string} */ event, /** @type {unknown} */ payload) => {
    for (const id of listeners.get(event) ?? []) callbacks.get(id)?.({ event, id, payload });
  };
  /** Set when the batch seal has run: cases_awaiting_seal answers with the list after it. */
  let batchSealed = false;
  /** The batch seal's cases waiting to be sealed, one resolver each (released by __sealNext). */
  /** @type {Array<() => void>} */
  const sealQueue = [];
  /**
   * A test releases the batch's next case, to see the progress between
   * cases; false while no case waits (poll it with waitForFunction).
   */
  /** @type {any} */ (window).__sealNext = () => {
    const next = sealQueue.shift();
    next?.();
    return next !== undefined;
  };
  /** A test makes the next case_act refuse with this error. */
  /** @type {any} */ (window).__refuseNext = null;
  /** @type {any} */ (window).__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => undefined };
  /** @type {any} */ (window).__TAURI_INTERNALS__ = {
    /** @param {Function} callback */
    transformCallback: (callback) => {
      const id = nextCallback++;
      callbacks.set(id, callback);
      return id;
    },
    /** @param {string} cmd @param {any} args */
    /** @param {string} cmd @param {any} args @param {any} options */
    invoke: async (cmd, args, options) => {
      // seal_check sends the file as raw bytes: record what arrived, not every byte.
      const recorded =
        cmd === "seal_check"
          ? { isBytes: args instanceof Uint8Array, size: args?.byteLength, head: args instanceof Uint8Array ? String.fromCharCode(...args.slice(0, 5)) : null, headers: options?.headers ?? null }
          : JSON.parse(JSON.stringify(args ?? null));
      calls.push({ cmd, args: recorded });
      switch (cmd) {
        case "calendar_status":
          return imported2027 ? f.statusOfficial2027 : f.status;
        case "calendar_month": {
          const key = `${args.year}-${String(args.month).padStart(2, "0")}`;
          const months = /** @type {Record<string, unknown>} */ (imported2027 ? { ...f.months, ...f.monthsOfficial2027 } : f.months);
          const month = months[key];
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
        case "calendar_import": {
          if (typeof args?.json !== "string") throw { code: "invalid_input", message: "缺少 json 参数" };
          // the bad upload moves the adjusted working day to Monday 2027-01-11
          if (args.json.includes('"2027-01-11"')) throw f.importInvalid;
          imported2027 = true;
          return f.importOk;
        }
        case "seal_check": {
          if (!(args instanceof Uint8Array)) throw { code: "invalid_input", message: "请求体应是文件的字节，而不是参数对象" };
          const name = decodeURIComponent(options?.headers?.["x-file-name"] ?? "");
          const answer = /** @type {Record<string, unknown>} */ (f.seals)[name];
          if (answer) return answer;
          throw f.sealError;
        }
        case "plugin:event|listen": {
          listeners.set(args.event, [...(listeners.get(args.event) ?? []), args.handler]);
          return args.handler;
        }
        case "plugin:event|unlisten":
          return null;
        case "session":
          return session;
        case "sync_status":
          return o.syncStatus;
        case "sync_now":
          return o.syncStatus;
        case "hub_connect":
          if (args.password !== "correct horse") throw o.hubUnauthorized;
          session = o.sessionHub;
          return session;
        case "inbox_filters":
          return o.inboxFilters;
        case "case_inbox": {
          const q = args.query;
          if (q.search !== null) return o.inboxSearch;
          return q.after === null ? o.inboxPage1 : o.inboxPage2;
        }
        case "case_view":
          if (args.number === o.real.received.number) return realAccepted ? o.real.accepted : o.real.received;
          if (args.number !== o.cases.received.number) throw { code: "case_not_found", message: `没有办件${args.number}`, message_en: `no case ${args.number}` };
          return o.cases[caseState];
        case "case_act": {
          const { expectedVersion, action } = args.request;
          if (args.request.number === o.real.received.number) {
            if (realAccepted || action.kind !== "accept" || expectedVersion !== o.real.received.version) throw o.real.changed;
            realAccepted = true;
            return o.real.accepted;
          }
          const refusal = /** @type {any} */ (window).__refuseNext;
          if (refusal) {
            /** @type {any} */ (window).__refuseNext = null;
            throw refusal;
          }
          if (expectedVersion !== o.cases[caseState].version) throw o.caseChanged;
          const next = /** @type {Record<string, keyof typeof o.cases>} */ ({ accept: "in_review", decide: "decided", push_result: "pushed" })[action.kind];
          if (!next) throw { code: "internal", message: `测试替身不办理${action.kind}` };
          caseState = next;
          return o.cases[caseState];
        }
        case "seal_result": {
          const refusal = /** @type {any} */ (window).__refuseNext;
          if (refusal) {
            /** @type {any} */ (window).__refuseNext = null;
            throw refusal;
          }
          if (caseState !== "decided") throw { code: "internal", message: "测试替身只为已决定的办件签章" };
          caseState = "sealed";
          return o.cases[caseState];
        }
        case "cases_awaiting_seal":
          return batchSealed ? o.batch.waitingAfter : o.batch.waiting;
        case "seal_results": {
          // As src-tauri/src/commands/batch_seal.rs: the cases in the request's
          // order, a seal-progress event after each ({ done, total, number,
          // sealed }), then the batch's outcome; here each case waits for the
          // test's __sealNext().
          const view = o.batch.sealed;
          const asked = args.request.cases.map((/** @type {{ number: string }} */ c) => c.number);
          const answered = view.outcomes.map((/** @type {{ number: string }} */ c) => c.number);
          if (JSON.stringify(asked) !== JSON.stringify(answered)) throw { code: "internal", message: `测试替身只签${answered.join("、")}` };
          const total = view.outcomes.length;
          for (const [index, outcome] of view.outcomes.entries()) {
            await new Promise((resolve) => sealQueue.push(() => resolve(undefined)));
            /** @type {any} */ (window).__emit("seal-progress", { done: index + 1, total, number: outcome.number, sealed: outcome.error === null });
          }
          batchSealed = true;
          return view;
        }
        case "case_material":
          return args.index === 1 ? Uint8Array.from(o.cjkPdf).buffer : pdf();
        case "correction_notice_preview":
        case "result_preview":
          return pdf();
        case "bundle_view":
          return o.bundle;
        default:
          throw `command ${cmd} not found`;
      }
    },
  };
}

/** A tiny static server for ui/dist on 127.0.0.1 and a free port. */
function serveDist() {
  const types = /** @type {Record<string, string>} */ ({ ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".ico": "image/x-icon" });
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
    mkdirSync(screenshots, { recursive: true });
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
    context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    page = await context.newPage();
    pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.clock.setFixedTime(new Date("2026-01-15T10:00:00+08:00"));
    await page.addInitScript(installIpcStandIn, fixtures);
    // The window opens on the inbox; the calendar's tests start on the calendar.
    await page.goto(`${origin}/index.html#/calendar`);
    await page.locator(".month-grid").waitFor();
  });

  afterEach(async (t) => {
    await page.screenshot({ path: path.join(artifacts, `${t.name.replace(/\W+/g, "-")}.png`), fullPage: true });
    // Whatever state the test left the page in must pass the accessibility check too.
    const violations = await accessibilityViolations();
    await context.close();
    assert.deepEqual(pageErrors, [], "the page threw");
    assert.deepEqual(violations, [], "axe found serious or critical violations");
  });

  /**
   * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and
   * returns the serious and critical violations, one line per element;
   * only inside the element `selector` names, when given.
   * @param {string} [selector]
   * @returns {Promise<string[]>}
   */
  async function accessibilityViolations(selector) {
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate((within) =>
      /** @type {any} */ (window).axe.run(within ?? document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, resultTypes: ["violations"] }),
      selector,
    );
    return /** @type {Array<{ id: string, impact: string, help: string, nodes: Array<{ target: string[] }> }>} */ (results.violations)
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target.join(" ")}`));
  }

  /** Opens a screen from the navigation and waits for its heading. @param {string} name @param {string} [heading] */
  async function openScreen(name, heading = name) {
    await page.getByRole("navigation").getByRole("link", { name }).click();
    await page.getByRole("heading", { level: 2, name: heading }).waitFor();
    assert.equal(await page.getByRole("navigation").getByRole("link", { name }).getAttribute("aria-current"), "page");
  }

  /** The screen as the officer sees it, into target/e2e-screenshots/browser-<name>.png. @param {string} name */
  const screenshot = (name) => page.screenshot({ path: path.join(screenshots, `browser-${name}.png`) });

  /** @param {string} date */
  const cell = (date) => page.locator(`.day[data-date="${date}"]`);

  test("month grid shows January 2026 with holiday and adjusted-workday badges", async () => {
    assert.equal(await page.locator(".month-title").textContent(), "2026年1月");
    assert.equal(await page.locator(".day[data-date]").count(), 31);
    // Monday-first: 1 Jan 2026 is a Thursday → three blanks before it
    assert.equal(await page.locator(".month-grid tbody tr").first().locator("td.blank").count(), 3);
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
    // the day opens the calculator with the day as start date, focused
    await page.getByRole("heading", { level: 2, name: "期限计算器" }).waitFor();
    assert.equal(await page.locator('input[name="startDate"]').inputValue(), "2026-02-12");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "startDate");
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
    await openScreen("期限计算器");
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
    // The engine counts 2/13, 2/14 (调休上班), 2/24 and 2/25, the day the pause began.
    assert.equal(await suspended.locator(".counted").textContent(), "4日");
    assert.equal(await suspended.locator(".remaining").textContent(), "1日");
    const request = await page.evaluate(() => /** @type {any} */ (window).__ipcCalls.findLast((/** @type {any} */ c) => c.cmd === "compute_deadline").args.request);
    assert.deepEqual(request.pauses, [{ start: "2026-02-25T09:00:00+08:00", end: null, reason: "补正材料" }]);
  });

  test("a rejected call shows the catalogue text for its code, in the current language", async () => {
    await openScreen("期限计算器");
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
    await openScreen("期限计算器");
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
    await openScreen("期限计算器");
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

  /** @returns {Promise<string[]>} */
  const ipcCommands = () => page.evaluate(() => /** @type {any} */ (window).__ipcCalls.map((/** @type {any} */ c) => c.cmd));

  test("importing the 2027 arrangement: a success line, then January 2027 is no longer 推算", async () => {
    await page.clock.setFixedTime(new Date("2027-01-15T10:00:00+08:00"));
    await page.getByRole("button", { name: "今天" }).click();
    await page.locator('.day[data-date="2027-01-01"]').waitFor();
    assert.equal(await page.locator(".day[data-date] .badge-provisional").count(), 31);
    assert.equal(await page.locator('.notice[data-code="provisional_year_in_use"]').count(), 1);
    const callsBefore = (await ipcCommands()).length;

    assert.equal(await page.getByRole("button", { name: "导入放假安排…" }).count(), 1);
    const input = page.locator('[data-testid="calendar-import-input"]');
    assert.equal(await input.getAttribute("accept"), ".json,application/json");
    await input.setInputFiles(uploadPath("2027.json"));

    const result = page.locator('.calendar-import-result[data-outcome="imported"]');
    await result.waitFor();
    assert.equal(await result.locator(".import-summary-text").textContent(), "已导入2027年放假安排：休息日16天，调休上班1天");
    // the file's text went to the backend as is
    const sent = await page.evaluate(() => /** @type {any} */ (window).__ipcCalls.find((/** @type {any} */ c) => c.cmd === "calendar_import").args);
    assert.deepEqual(sent, { json: readFileSync(uploadPath("2027.json"), "utf8") });
    // then the status (banner, range) and the month shown were read again
    assert.deepEqual((await ipcCommands()).slice(callsBefore), ["calendar_import", "calendar_status", "calendar_month"]);

    await cell("2027-01-09").locator(".badge-work").waitFor();
    assert.equal(await cell("2027-01-09").locator(".badge-work").textContent(), "班");
    assert.equal(await page.locator(".day[data-date] .badge-provisional").count(), 0);
    assert.equal(await page.locator(".calendar .alert-provisional").count(), 0);
    assert.equal(await cell("2027-01-04").locator(".badge-rest").textContent(), "休");
    assert.equal(await page.locator(".notice").count(), 0, "the 2027 notice is gone");
    // the range now reaches beyond 2027
    await page.getByRole("button", { name: "下一月" }).click();
    assert.equal(await page.locator(".month-title").textContent(), "2027年2月");

    await page.locator("#language-switch").selectOption("en");
    assert.equal(await result.locator(".import-summary-text").textContent(), "Imported the 2027 holiday arrangement: 16 rest days, 1 adjusted working days");
    await result.getByRole("button", { name: "Close" }).click();
    await page.locator(".calendar-import-result").waitFor({ state: "detached" });
    assert.equal(await page.locator(".calendar-import-result").count(), 0);
  });

  test("a rejected arrangement file lists every finding with its location, in zh-CN then English", async () => {
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "导入放假安排…" }).click();
    await (await chooser).setFiles(uploadPath("2027-bad.json"));

    const panel = page.locator('.calendar-import-result[data-code="import_invalid"]');
    await panel.waitFor();
    assert.equal(await panel.getAttribute("role"), "alert");
    assert.equal(await panel.locator(".import-heading").textContent(), "放假安排文件有误，未导入。以下每一处须修改：");
    const findings = panel.locator(".import-findings li");
    assert.equal(await findings.count(), 2);
    assert.equal(await findings.nth(0).locator(".location").textContent(), "days[4].name");
    assert.equal(await findings.nth(0).locator(".finding").textContent(), "每一天都须注明所属节日");
    assert.equal(await findings.nth(1).locator(".location").textContent(), "days[16].isOffDay");
    assert.equal(await findings.nth(1).locator(".finding").textContent(), "2027-01-11是星期一：调休上班日（isOffDay: false）只能是星期六或星期日");

    await page.locator("#language-switch").selectOption("en");
    assert.equal(await panel.locator(".import-heading").textContent(), "The arrangement file was not imported. Fix each of these:");
    assert.equal(await findings.nth(0).locator(".finding").textContent(), "every day must name its holiday");
    assert.equal(await findings.nth(0).locator(".location").textContent(), "days[4].name");
    assert.equal(await findings.nth(1).locator(".finding").textContent(), "2027-01-11 is a Monday: an adjusted working day (isOffDay: false) must fall on a Saturday or Sunday");

    // nothing was imported: the status was not read again
    assert.deepEqual((await ipcCommands()).filter((c) => c === "calendar_status"), ["calendar_status"]);
  });

  test("a file that is not UTF-8 or is over 1 MB is refused before any IPC call", async () => {
    const input = page.locator('[data-testid="calendar-import-input"]');
    // {"name":"元旦"} in GBK
    const gbk = Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xd4, 0xaa, 0xb5, 0xa9, 0x22, 0x7d]);
    await input.setInputFiles({ name: "2027-gbk.json", mimeType: "application/json", buffer: gbk });
    const refused = page.locator('.calendar-import-result[data-outcome="refused"]');
    await refused.waitFor();
    assert.equal(await refused.getAttribute("data-key"), "calendarImport.notUtf8");
    assert.match(await refused.innerText(), /文件“2027-gbk\.json”不是 UTF-8 编码的文本，未导入/);

    await input.setInputFiles({ name: "huge.json", mimeType: "application/json", buffer: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    await page.locator('.calendar-import-result[data-key="calendarImport.tooLarge"]').waitFor();
    assert.match(await page.locator(".calendar-import-result").innerText(), /文件“huge\.json”过大（1\.0 MB）/);
    await page.locator("#language-switch").selectOption("en");
    assert.match(await page.locator(".calendar-import-result").innerText(), /The file "huge\.json" is too large \(1\.0 MB\)/);

    assert.equal((await ipcCommands()).filter((c) => c === "calendar_import").length, 0);
  });
  // ----- 电子材料验章 (Art 8) -----

  /** A small stand-in PDF; the IPC stand-in answers by file name. @param {string} name */
  const pdfUpload = (name) => ({ name, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n% stand-in for a signed file\n%%EOF\n") });
  const sealPanel = () => page.locator(".seal-check");
  /** @param {string} name */
  const pickPdf = async (name) => page.locator('[data-testid="seal-check-input"]').setInputFiles(pdfUpload(name));
  /** @param {string} name */
  const shot = (name) => sealPanel().screenshot({ path: path.join(artifacts, name) });

  test("seal check: a valid file shows a green verdict and its seals; the bytes go raw with the name in a header", async () => {
    await openScreen("电子材料验章");
    assert.equal(await sealPanel().locator("h2").textContent(), "电子材料验章");
    const input = page.locator('[data-testid="seal-check-input"]');
    assert.equal(await input.getAttribute("accept"), ".pdf,application/pdf");
    await pickPdf("准予许可决定书.pdf");

    const verdict = sealPanel().locator('.seal-check-result[data-verdict="all_valid"] .seal-verdict');
    await verdict.waitFor();
    assert.equal(await verdict.locator(".verdict-title").textContent(), "签章有效");
    assert.equal(await verdict.getAttribute("role"), "status");
    assert.match(await verdict.innerText(), /文件：准予许可决定书\.pdf/);
    assert.match(await verdict.innerText(), /全部2个签章完好、覆盖全文，且由受信任的根证书签发/);
    assert.equal(await verdict.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(231, 243, 234)", "green");
    // the answer has the focus, for keyboard and screen-reader users
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("seal-verdict")), true);

    const headers = await sealPanel().locator(".seal-table thead th").allTextContents();
    assert.deepEqual(headers, ["签章人", "签章时间（签章人自述）", "原因", "是否覆盖全文", "是否可信", "结果"]);
    const rows = sealPanel().locator(".seal-row");
    assert.equal(await rows.count(), 2);
    const first = rows.nth(0);
    assert.equal(await first.getAttribute("data-field"), "窗口受理章");
    assert.equal(await first.locator(".signer-name").textContent(), "蓝田县政务服务中心 e-seal");
    assert.equal(await first.locator(".time").textContent(), "2025年2月27日 16:05");
    assert.equal(await first.locator(".reason").textContent(), "窗口受理");
    assert.equal(await first.locator(".covers").textContent(), "是（其后仅追加了签章）");
    assert.equal(await first.locator(".trusted").textContent(), "可信");
    assert.equal(await first.locator(".result").textContent(), "有效");
    assert.equal(await rows.nth(1).locator(".covers").textContent(), "是");
    assert.equal(await sealPanel().locator(".seal-problems").count(), 0);

    const sent = await page.evaluate(() => /** @type {any} */ (window).__ipcCalls.find((/** @type {any} */ c) => c.cmd === "seal_check").args);
    assert.equal(sent.headers["x-file-name"], encodeURIComponent("准予许可决定书.pdf"));
    assert.match(sent.headers["x-check-id"], /^[0-9a-f-]{36}$/, "each check runs under an id of its own");
    assert.deepEqual({ ...sent, headers: null }, { isBytes: true, size: pdfUpload("").buffer.length, head: "%PDF-", headers: null });
    await shot("seal-valid-zh.png");

    await page.locator("#language-switch").selectOption("en");
    assert.equal(await sealPanel().locator("h2").textContent(), "Check e-seals");
    assert.equal(await verdict.locator(".verdict-title").textContent(), "Seals valid");
    assert.deepEqual(await sealPanel().locator(".seal-table thead th").allTextContents(), ["Signer", "Signed at (as the signer claims)", "Reason", "Covers the whole document", "Trusted", "Result"]);
    assert.equal(await first.locator(".time").textContent(), "February 27, 2025, 16:05");
    assert.equal(await first.locator(".covers").textContent(), "Yes (later changes only add seals)");
    assert.equal(await first.locator(".result").textContent(), "Valid");
    await shot("seal-valid-en.png");
  });

  test("seal check: a timestamped seal shows the TSA's time under the time the signer claims", async () => {
    await openScreen("电子材料验章");
    await pickPdf("电子证照-带时间戳.pdf");
    const verdict = sealPanel().locator('.seal-check-result[data-verdict="all_valid"] .seal-verdict');
    await verdict.waitFor();
    const row = sealPanel().locator('.seal-row[data-field="审批专用章"]');
    assert.equal(await row.locator(".time").innerText(), "2025年3月1日 09:30\n时间戳：2025年3月1日 09:31");
    assert.equal(await row.locator(".stamped-at").textContent(), "时间戳：2025年3月1日 09:31");
    assert.equal(await row.locator(".result").textContent(), "有效");
    await shot("seal-timestamped-zh.png");
    await page.locator("#language-switch").selectOption("en");
    assert.equal(await row.locator(".stamped-at").textContent(), "Timestamp: March 1, 2025, 09:31");
    await page.locator("#language-switch").selectOption("zh-CN");
  });

  test("seal check: a tampered file is red, names the problem and explains it in zh-CN", async () => {
    await openScreen("电子材料验章");
    await pickPdf("营业执照-已改动.pdf");
    const verdict = sealPanel().locator('.seal-check-result[data-verdict="invalid"] .seal-verdict');
    await verdict.waitFor();
    assert.equal(await verdict.locator(".verdict-title").textContent(), "签章无效");
    assert.equal(await verdict.getAttribute("role"), "alert");
    assert.equal(await verdict.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(253, 236, 234)", "red");
    const row = sealPanel().locator('.seal-row[data-field="审批专用章"]');
    assert.equal(await row.locator(".result").textContent(), "内容被篡改");
    assert.equal(await row.locator(".trusted").textContent(), "未核验");
    assert.equal(await row.locator(".seal-problems li").textContent(), "文件在签章后被篡改：签章所保护的内容与签章时不一致");
    await shot("seal-tampered-zh.png");

    await page.locator("#language-switch").selectOption("en");
    assert.equal(await verdict.locator(".verdict-title").textContent(), "Seals not valid");
    assert.equal(await row.locator(".result").textContent(), "Content altered");
    assert.equal(await row.locator(".trusted").textContent(), "Not checked");
    assert.equal(await row.locator(".seal-problems ul").getAttribute("lang"), "zh-CN");
    assert.match(await row.locator(".seal-problems").innerText(), /Explanation \(Chinese, from the verifier\)\s+文件在签章后被篡改/);
    await shot("seal-tampered-en.png");
  });

  test("seal check: seals under an unknown root are amber, and a profile without roots is told so", async () => {
    await openScreen("电子材料验章");
    await pickPdf("外省来文.pdf");
    const verdict = sealPanel().locator('.seal-check-result[data-verdict="untrusted"] .seal-verdict');
    await verdict.waitFor();
    assert.equal(await verdict.locator(".verdict-title").textContent(), "签章来源无法确认");
    assert.equal(await verdict.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(255, 245, 220)", "amber");
    assert.match(await verdict.locator(".verdict-note").innerText(), /本机尚未配置受信任的根证书/);
    const rows = sealPanel().locator(".seal-row");
    assert.equal(await rows.count(), 2);
    assert.deepEqual(await rows.locator(".result").allTextContents(), ["来源未确认", "来源未确认"]);
    assert.deepEqual(await rows.locator(".trusted").allTextContents(), ["不可信", "不可信"]);
    assert.match(await rows.nth(0).locator(".seal-problems li").innerText(), /^本机尚未配置受信任的根证书/);
    await shot("seal-untrusted-zh.png");
    await page.locator("#language-switch").selectOption("en");
    assert.equal(await verdict.locator(".verdict-title").textContent(), "Seal issuer not trusted");
    assert.match(await verdict.locator(".verdict-note").innerText(), /No trusted root certificate is set up on this computer/);
    await shot("seal-untrusted-en.png");
  });

  test("seal check: a file without seals, then one that is not a PDF, picked from the keyboard", async () => {
    await openScreen("电子材料验章");
    const button = page.getByRole("button", { name: "选择 PDF 文件…" });
    // Listen first: Playwright only intercepts the chooser once it is asked to wait for one.
    let chooser = page.waitForEvent("filechooser");
    await button.focus();
    await page.keyboard.press("Enter");
    await (await chooser).setFiles(pdfUpload("申请表.pdf"));
    const unsigned = sealPanel().locator('.seal-check-result[data-verdict="unsigned"]');
    await unsigned.waitFor();
    assert.equal(await unsigned.locator(".verdict-title").textContent(), "未加盖电子签章");
    assert.match(await unsigned.innerText(), /扫描件或全省证照库的电子证照/);
    assert.equal(await unsigned.locator(".seal-table").count(), 0);

    chooser = page.waitForEvent("filechooser");
    await button.focus();
    await page.keyboard.press("Space");
    await (await chooser).setFiles({ name: "扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x20, 0x4a, 0x46, 0x49, 0x46]) });
    const error = sealPanel().locator('.seal-check-error[data-code="pdf_unreadable"]');
    await error.waitFor();
    assert.equal(await error.getAttribute("role"), "alert");
    assert.equal(await error.locator(".error-heading").textContent(), "所选文件不是可读取的 PDF，未能验章。");
    assert.equal(await error.locator(".error-detail").textContent(), fixtures.sealError.message);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("seal-check-error")), true);
    await shot("seal-error-zh.png");
    await page.locator("#language-switch").selectOption("en");
    assert.equal(await error.locator(".error-heading").textContent(), "The file is not a readable PDF; its seals could not be checked.");
    assert.equal(await error.locator(".error-detail").getAttribute("lang"), "zh-CN");
    await shot("seal-error-en.png");
  });

  test("seal check: a file over 50 MB is refused before any IPC call", async () => {
    await openScreen("电子材料验章");
    // (the boundary itself, 50 MB and one byte, is a unit test)
    // A sparse file on disk: Playwright hands a local browser the path, not 50 MB of bytes.
    const dir = mkdtempSync(path.join(tmpdir(), "seal-check-"));
    const big = path.join(dir, "扫描件-全本.pdf");
    const fd = openSync(big, "w");
    ftruncateSync(fd, 60 * 1024 * 1024);
    closeSync(fd);
    try {
      await page.locator('[data-testid="seal-check-input"]').setInputFiles(big);
      const refused = sealPanel().locator('.seal-check-error[data-key="sealCheck.tooLarge"]');
      await refused.waitFor();
      assert.equal(await refused.innerText(), "文件“扫描件-全本.pdf”过大（60.0 MB）：待验章的文件不超过50 MB。未验章。");
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("seal-check-error")), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal((await ipcCommands()).filter((c) => c === "seal_check").length, 0);
  });

  // ----- the window as a whole -----

  /** Nothing sticks out sideways at 1366 px: no horizontal scroll bar on the page or in <main>. */
  async function assertNoHorizontalOverflow() {
    const overflow = await page.evaluate(() => {
      const main = /** @type {HTMLElement} */ (document.querySelector("main"));
      return { page: document.documentElement.scrollWidth - window.innerWidth, main: main.scrollWidth - main.clientWidth };
    });
    assert.deepEqual(overflow, { page: 0, main: 0 }, "horizontal overflow (px)");
  }

  test("each screen at 1366×768: landmarks, headings in order, no overflow, no serious axe violation; screenshots", async () => {
    assert.equal(await page.locator("header.app-header").count(), 1);
    assert.equal(await page.getByRole("navigation", { name: "主导航" }).count(), 1);
    assert.equal(await page.getByRole("main").count(), 1);
    assert.equal(await page.title(), "工作日历 - 部门审批工作台");
    assert.equal(await page.getByRole("navigation").getByRole("link", { name: "工作日历" }).getAttribute("aria-current"), "page");
    assert.deepEqual(await page.locator("h1").allTextContents(), ["部门审批工作台"]);
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("calendar");

    await openScreen("期限计算器");
    assert.equal(await page.title(), "期限计算器 - 部门审批工作台");
    await screenshot("deadline-empty");
    await page.locator('input[name="startDate"]').fill("2026-02-12");
    await page.locator('input[name="length"]').fill("5");
    await page.getByRole("button", { name: "添加暂停期间" }).click();
    await page.locator('input[name="pause-0-startDate"]').fill("2026-02-25");
    await page.locator('input[name="pause-0-reason"]').fill("补正材料");
    await page.locator('input[name="pause-0-endDate"]').fill("2026-02-26");
    await page.getByRole("button", { name: "计算期限" }).click();
    await page.locator('.result[data-outcome="due"]').waitFor();
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("deadline");

    await openScreen("电子材料验章");
    await page.locator('[data-testid="seal-check-input"]').setInputFiles({ name: "营业执照-已改动.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n%%EOF\n") });
    await page.locator('.seal-check-result[data-verdict="invalid"]').waitFor();
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("seal-check");

    // the form kept what was typed while the officer looked elsewhere
    await openScreen("期限计算器");
    assert.equal(await page.locator('input[name="pause-0-reason"]').inputValue(), "补正材料");
    assert.equal(await page.locator('.result[data-outcome="due"]').count(), 1);

    await openScreen("工作日历");
    await page.locator('[data-testid="calendar-import-input"]').setInputFiles(uploadPath("2027-bad.json"));
    await page.locator('.calendar-import-result[data-code="import_invalid"]').waitFor();
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("calendar-import-error");

    await page.locator("#language-switch").selectOption("en");
    await page.getByRole("heading", { level: 2, name: "Working-day calendar" }).waitFor();
    assert.equal(await page.title(), "Working-day calendar - Approval Desk");
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("calendar-en");
    await openScreen("Deadline calculator");
    await screenshot("deadline-en");
    await openScreen("Check e-seals");
    await screenshot("seal-check-en");
  });

  test("keyboard: the skip link comes first, every screen is reached by Tab and Enter, the focus ring shows", async () => {
    /** What has the focus, as the officer would name it. */
    const focused = () => page.evaluate(() => { const el = document.activeElement; return el?.id || el?.textContent?.trim() || el?.tagName; });
    const order = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused());
    }
    // skip link, language, the demo banner's offer, then the screens of the navigation
    assert.deepEqual(order, ["跳到主要内容", "language-switch", "连接正式平台…", "待办", "工作日历", "期限计算器", "电子材料验章"]);
    const link = page.getByRole("navigation").getByRole("link", { name: "电子材料验章" });
    const ring = await link.evaluate((el) => `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}`);
    assert.equal(ring, "solid 3px", "a visible focus ring");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 2, name: "期限计算器" }).waitFor();

    // the skip link, focused, is visible and moves the focus into <main>
    for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+Tab");
    assert.equal(await focused(), "跳到主要内容");
    const box = await page.getByRole("link", { name: "跳到主要内容" }).boundingBox();
    assert.ok(box && box.y >= 0, "the skip link is on screen when focused");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "MAIN");

    // the calculator is worked from the keyboard alone
    await page.locator('input[name="length"]').focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("5");
    await page.keyboard.press("Enter");
    await page.locator('.result[data-outcome="due"]').waitFor();
  });

  // ----- the officer's window (issue 14) -----

  const CASE = "610113-2026-00001";
  /** @param {string} cmd */
  const callsOf = (cmd) => page.evaluate((c) => /** @type {any} */ (window).__ipcCalls.filter((/** @type {any} */ x) => x.cmd === c).map((/** @type {any} */ x) => x.args), cmd);
  const dialog = () => page.getByRole("dialog");

  /** Opens the inbox and the case from its row. */
  async function openCase() {
    await page.goto(`${origin}/index.html#/inbox`);
    await page.locator(`.inbox-row[data-number="${CASE}"]`).click();
    await page.getByRole("heading", { level: 2, name: `办件 ${CASE}` }).waitFor();
  }

  /** Clicks an offered action and waits for its dialog. @param {string} kind */
  async function startAction(kind) {
    await page.locator(`.actions-panel [data-action="${kind}"]`).click();
    await dialog().waitFor();
  }

  test("inbox: the window opens on it; pages come by keyset as the list scrolls; clocks coloured and written; keyboard opens a case", async () => {
    await page.goto(`${origin}/index.html`);
    const list = page.getByRole("listbox", { name: /办件列表，共160件/ });
    await list.waitFor();
    assert.equal(await page.title(), "待办 - 部门审批工作台");
    assert.equal(await page.locator(".inbox-total").textContent(), "共160件（已加载100件）");
    const rendered = await page.locator(".inbox-row[data-number]").count();
    assert.ok(rendered > 5 && rendered < 60, `only the rows in view are in the DOM (${rendered})`);
    const first = await callsOf("case_inbox");
    assert.deepEqual(first, [{ query: { state: null, itemCode: null, assignedToMe: false, dueBefore: null, bundle: null, overdue: false, search: null, after: null, limit: 100 } }]);

    const overdue = page.locator(".inbox-row").first();
    assert.equal(await overdue.getAttribute("data-timeliness"), "overdue");
    assert.equal(await overdue.locator(".clock-badge").innerText(), "超期\n2个工作日");
    assert.equal(await overdue.locator(".clock-badge").evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(253, 236, 234)", "red");
    const warning = page.locator(`.inbox-row[data-number="${CASE}"]`);
    assert.equal(await warning.locator(".clock-badge").innerText(), "预警\n剩余1个工作日");
    assert.equal(await warning.locator(".clock-badge").evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(255, 245, 220)", "amber");
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("inbox");

    // scrolling to the end of the loaded rows asks for the next page after the last row's cursor
    await page.locator(".inbox-scroller").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.locator(".inbox-total", { hasText: "已加载160件" }).waitFor();
    const pages = await callsOf("case_inbox");
    assert.equal(pages.length, 2);
    assert.deepEqual(pages[1].query.after, fixtures.officer.inboxPage1.next);

    // search goes to the backend, from its first page
    await page.getByRole("searchbox", { name: "搜索" }).fill("李华");
    await page.locator(".inbox-total", { hasText: "共3件" }).waitFor();
    assert.equal((await callsOf("case_inbox")).at(-1).query.search, "李华");
    await page.getByRole("button", { name: "清除筛选" }).click();
    await page.locator(".inbox-total", { hasText: "共160件" }).waitFor();
    await page.locator('input[name="overdue"]').check();
    await page.waitForFunction(() => /** @type {any} */ (window).__ipcCalls.some((/** @type {any} */ c) => c.cmd === "case_inbox" && c.args.query.overdue));
    await page.locator('input[name="overdue"]').uncheck();

    // ↓ moves the selection, Enter opens the case
    await list.focus();
    assert.equal(await list.evaluate((el) => `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}`), "solid 3px", "the list shows its focus");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const active = await list.getAttribute("aria-activedescendant");
    assert.equal(await page.locator(`[id="${active}"]`).getAttribute("data-number"), CASE);
    assert.equal(await page.locator(`[id="${active}"]`).getAttribute("aria-selected"), "true");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 2, name: `办件 ${CASE}` }).waitFor();
  });

  test("the officer's day: a case opened, a correction notice previewed, accepted, decided, sealed and pushed", async () => {
    await openCase();
    assert.equal(await page.locator(".state-tag").textContent(), "待受理");
    assert.deepEqual(await page.locator(".actions-panel .action-button").allTextContents(), ["受理", "一次性告知补正", "不予受理", "分配承办人"]);
    await page.locator(".flow-node.status-current").waitFor();
    assert.equal(await page.locator(".flow-node.status-current .flow-label").textContent(), "受理");
    assert.equal(await page.locator('.materials-table tr[data-index="1"] .seal-tag').textContent(), "签章无效");
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("case");

    // a material opens in the PDF viewer (pdf.js into a canvas)
    await page.getByRole("button", { name: "查看“食品经营许可申请书”" }).click();
    await page.locator('.pdf-page[data-drawn="true"]').waitFor();
    assert.deepEqual(await callsOf("case_material"), [{ number: CASE, index: 0 }]);
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });
    // a Chinese PDF without its font: the CMap comes from the bundle, as a script from 'self'
    /** @type {string[]} */
    const loaded = [];
    page.on("request", (request) => loaded.push(request.url()));
    await page.getByRole("button", { name: "查看“营业执照”" }).click();
    await page.locator('.pdf-page[data-drawn="true"]').waitFor();
    const chunks = loaded.map((u) => u.split("/").pop() ?? "");
    assert.ok(chunks.some((name) => name.startsWith("UniGB-UCS2-H-") && name.endsWith(".js")), `the CMap's chunk was loaded: ${chunks.join(" ")}`);
    await screenshot("material-cjk");
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });

    // the correction notice: the guide's materials only, a note each, previewed before it can be sent
    await startAction("request_correction");
    const lines = dialog().locator(".checklist-line");
    assert.deepEqual(await lines.locator("label.check").allInnerTexts(), ["食品经营许可申请书 必要", "营业执照 必要", "法定代表人身份证明 必要", "经营场所平面图"]);
    const send = dialog().getByRole("button", { name: "发送补正告知" });
    assert.equal(await send.isDisabled(), true, "not before the preview");
    await dialog().getByRole("button", { name: "预览补正告知书" }).click();
    assert.equal(await dialog().locator(".form-problem").textContent(), "请至少勾选一项须补正的材料。");
    await lines.nth(1).getByRole("checkbox").check();
    await dialog().getByRole("textbox", { name: "“营业执照”须补正的内容" }).fill("签章无效，请提交加盖有效电子印章的营业执照");
    await dialog().getByRole("button", { name: "预览补正告知书" }).click();
    await dialog().locator('.pdf-page[data-drawn="true"]').waitFor();
    assert.deepEqual(await callsOf("correction_notice_preview"), [{ number: CASE, items: [{ material: "M2", note: "签章无效，请提交加盖有效电子印章的营业执照", paper: false }] }]);
    assert.equal(await send.isDisabled(), false);
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("correction-preview");
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-action")), "request_correction", "the focus is back on the button");

    // accept
    await startAction("accept");
    assert.match(await dialog().innerText(), /受理办件610113-2026-00001并发送受理通知书/);
    await dialog().getByRole("button", { name: "确定受理" }).click();
    await page.locator(".state-tag", { hasText: "审查中" }).waitFor();
    assert.deepEqual((await callsOf("case_act"))[0], { request: { number: CASE, expectedVersion: 3, action: { kind: "accept" } } });

    // decide, with an opinion
    await startAction("decide");
    await dialog().getByRole("button", { name: "确定作出决定" }).click();
    assert.equal(await dialog().locator(".form-problem").textContent(), "请选择准予或不予许可。");
    await dialog().getByRole("radio", { name: "准予许可" }).check();
    await dialog().getByRole("textbox", { name: "意见" }).fill("材料齐全，符合法定条件，准予许可。");
    await dialog().getByRole("button", { name: "确定作出决定" }).click();
    await page.locator(".state-tag", { hasText: "已决定" }).waitFor();
    assert.deepEqual((await callsOf("case_act"))[1].request.action, { kind: "decide", outcome: "approved", opinion: "材料齐全，符合法定条件，准予许可。" });

    // seal with a USB key: the PIN goes with the call and is kept nowhere
    await startAction("seal_result");
    await dialog().getByRole("textbox", { name: "文号" }).fill("雁市监食许〔2026〕1号");
    await dialog().getByRole("textbox", { name: "行政复议机关" }).fill("西安市雁塔区人民政府");
    await dialog().getByRole("textbox", { name: "人民法院" }).fill("西安市雁塔区人民法院");
    await dialog().getByRole("button", { name: "预览结果文书" }).click();
    await dialog().locator('.pdf-page[data-drawn="true"]').waitFor();
    await dialog().getByRole("radio", { name: "USB 密钥（须输入 PIN 码）" }).check();
    await dialog().getByRole("textbox", { name: "PKCS#11 模块" }).fill("/usr/lib/softhsm/libsofthsm2.so");
    await dialog().getByRole("textbox", { name: "令牌标签" }).fill("市场监管局");
    await dialog().getByRole("textbox", { name: "密钥标签" }).fill("审批专用章");
    // a wrong PIN first: 签章 is disabled while it seals, and the refusal has
    // the focus after (not <body>), so it is read out and Tab and Escape reach the dialog
    await dialog().locator('input[name="pin"]').fill("000000");
    await page.evaluate(() => { /** @type {any} */ (window).__refuseNext = { code: "token_pin_incorrect", message: "PIN 码错误", message_en: "wrong PIN" }; });
    await dialog().getByRole("button", { name: "签章", exact: true }).click();
    const wrongPin = dialog().locator('.action-error[data-code="token_pin_incorrect"]');
    await focusOn(wrongPin);
    assert.equal(await wrongPin.getAttribute("role"), "alert");
    await page.keyboard.press("Tab");
    assert.equal(await dialog().evaluate((d) => d.contains(document.activeElement)), true, "Tab stays in the dialog after the refusal");
    assert.equal(await dialog().locator('input[name="pin"]').inputValue(), "", "the PIN is cleared after the call");
    await dialog().locator('input[name="pin"]').fill("123456");
    await screenshot("seal");
    await dialog().getByRole("button", { name: "签章", exact: true }).click();
    await page.locator(".actions-panel [data-action=push_result]").waitFor();
    const sealed = (await callsOf("seal_result"))[1].request;
    assert.deepEqual(sealed.key, { kind: "pkcs11", module: "/usr/lib/softhsm/libsofthsm2.so", token: "市场监管局", keyLabel: "审批专用章", pin: "123456", chainPath: null });
    assert.equal(sealed.particulars.documentNumber, "雁市监食许〔2026〕1号");
    assert.equal((await callsOf("seal_result")).length, 2, "the refused seal, then the sealed one");
    assert.doesNotMatch(await page.evaluate(() => JSON.stringify({ ...localStorage })), /123456/, "the PIN is not stored");

    // push
    await startAction("push_result");
    await dialog().getByRole("button", { name: "确定推送结果" }).click();
    await page.locator(".state-tag", { hasText: "结果已推送" }).waitFor();
    // the paper result's tracking number is what is left to do
    assert.deepEqual(await page.locator(".actions-panel .action-button").allTextContents(), ["登记邮件号"]);
    assert.equal(await page.locator(".flow-node.status-current .flow-label").textContent(), "办结");
    await screenshot("case-pushed");

    await page.locator("#language-switch").selectOption("en");
    await page.getByRole("heading", { level: 2, name: `Case ${CASE}` }).waitFor();
    assert.equal(await page.locator(".state-tag").textContent(), "Result pushed");
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("case-en");
  });

  test("a case as the backend really answers it: shown, accepted, a second accept refused as changed", async () => {
    const real = fixtures.officer.real;
    await page.goto(`${origin}/index.html#/cases/${real.received.number}`);
    await page.getByRole("heading", { level: 2, name: `办件 ${real.received.number}` }).waitFor();
    assert.equal(await page.locator(".state-tag").textContent(), "待受理");
    assert.deepEqual(
      await page.locator(".actions-panel .action-button").evaluateAll((els) => els.map((el) => el.getAttribute("data-action"))),
      real.received.offered.map((/** @type {{ kind: string }} */ o) => o.kind),
    );
    assert.equal(await page.locator(".flow-node").count(), real.received.flowchart.nodes.length);
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("case-real");
    await startAction("accept");
    await dialog().getByRole("button", { name: "确定受理" }).click();
    await dialog().waitFor({ state: "detached" });
    await page.locator(".state-tag", { hasText: "审查中" }).waitFor();
    assert.deepEqual((await callsOf("case_act"))[0].request, { number: real.received.number, expectedVersion: real.received.version, action: { kind: "accept" } });
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("case-real-accepted");
  });

  test("a refusal of the rules stays in the dialog, in Chinese from the error vocabulary, and in English", async () => {
    await openCase();
    await page.evaluate((e) => { /** @type {any} */ (window).__refuseNext = e; }, fixtures.officer.caseChanged);
    await startAction("accept");
    await dialog().getByRole("button", { name: "确定受理" }).click();
    const refusal = dialog().locator('.action-error[data-code="case_changed"]');
    await refusal.waitFor();
    assert.equal(await refusal.getAttribute("role"), "alert");
    assert.equal(await refusal.innerText(), `未能办理： ${fixtures.officer.caseChanged.message}`);
    // 确定受理 was disabled while it was asked: the refusal has the focus, not <body>
    await focusOn(refusal);
    assert.equal(await page.locator(".state-tag").textContent(), "待受理");
    await page.locator("#language-switch").selectOption("en");
    assert.equal(await refusal.innerText(), `Not done: ${fixtures.officer.caseChanged.message_en}`);
    assert.deepEqual(await accessibilityViolations(), []);
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-action")), "accept", "the focus is back on the action");
  });

  // ----- 批量签章: the officer seals several decided cases' letters at once -----

  /** What has the focus: its text, or its name attribute. */
  const focusedName = () => page.evaluate(() => { const el = document.activeElement; return el?.textContent?.trim() || el?.getAttribute("name") || el?.tagName; });

  /**
   * Opens the inbox and, from the keyboard alone, the batch seal dialog:
   * the skip link, then Tab to 批量签章 and Enter.
   */
  async function openBatchSealByKeyboard() {
    await page.goto(`${origin}/index.html#/inbox`);
    await page.getByRole("listbox", { name: /办件列表/ }).waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await focusedName(), "跳到主要内容");
    await page.keyboard.press("Enter");
    for (let i = 0; i < 5 && (await focusedName()) !== "批量签章"; i++) await page.keyboard.press("Tab");
    assert.equal(await focusedName(), "批量签章", "批量签章 is the first control of the inbox");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "批量签章" }).waitFor();
  }

  /** Waits until the element `locator` finds has the focus. @param {import("playwright-core").Locator} locator */
  async function focusOn(locator) {
    await page.waitForFunction((el) => el === document.activeElement, await locator.elementHandle(), { timeout: 5000 });
  }

  /**
   * The progress bar as assistive technology is given it (Chromium's
   * accessibility tree): its name and its values.
   */
  async function progressBar() {
    const cdp = await context.newCDPSession(page);
    try {
      const { nodes } = /** @type {{ nodes: any[] }} */ (await cdp.send("Accessibility.getFullAXTree"));
      const bars = nodes.filter((n) => !n.ignored && n.role?.value === "progressbar");
      assert.equal(bars.length, 1, "one progress bar");
      /** @param {string} name */
      const property = (name) => bars[0].properties?.find((/** @type {any} */ p) => p.name === name)?.value.value;
      return { name: bars[0].name?.value, valuemin: property("valuemin"), valuemax: property("valuemax"), valuenow: bars[0].value?.value };
    } finally {
      await cdp.detach();
    }
  }

  /**
   * A checkbox's checked state as assistive technology is given it
   * (Chromium's accessibility tree): "true", "false" or "mixed".
   * @param {string} name
   */
  async function checkedState(name) {
    const cdp = await context.newCDPSession(page);
    try {
      const { nodes } = /** @type {{ nodes: any[] }} */ (await cdp.send("Accessibility.getFullAXTree"));
      const boxes = nodes.filter((n) => !n.ignored && n.role?.value === "checkbox" && n.name?.value === name);
      assert.equal(boxes.length, 1, `one checkbox ${name}`);
      return boxes[0].properties?.find((/** @type {any} */ p) => p.name === "checked")?.value.value;
    } finally {
      await cdp.detach();
    }
  }

  /**
   * How a button is drawn: its colours, its pointer and the contrast of its
   * words on its background (WCAG 2.1).
   * @param {import("playwright-core").Locator} button
   */
  async function buttonLook(button) {
    const look = await button.evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, color: style.color, cursor: style.cursor };
    });
    /** @param {string} rgb */
    const luminance = (rgb) => {
      const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [hi, lo] = [luminance(look.color), luminance(look.background)].sort((a, b) => b - a);
    return { ...look, contrast: Math.round((((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05)) * 10) / 10 };
  }

  test("batch seal: the cases awaiting a seal listed, two sealed with the department's PKCS#12 key, the progress between them, one refused in Chinese", async () => {
    const batch = fixtures.officer.batch;
    const [first, second, third] = batch.waiting;
    await openBatchSealByKeyboard();
    const box = page.getByRole("dialog", { name: "批量签章" });
    const all = box.getByRole("checkbox", { name: "全选（3件）" });
    // the focus starts on 全选 once the list has come
    await focusOn(all);
    assert.equal(await checkedState("全选（3件）"), "false");
    // 签章 with no case chosen is disabled, and looks it: grey, not the primary blue, a no-entry pointer, legible
    const none = box.getByRole("button", { name: "签章（0件）" });
    assert.equal(await none.isDisabled(), true);
    const enabledLook = await buttonLook(box.getByRole("button", { name: "取消" }));
    const disabledLook = await buttonLook(none);
    assert.equal(disabledLook.cursor, "not-allowed");
    assert.notEqual(disabledLook.background, "rgb(29, 78, 137)", "not the primary's blue");
    assert.notEqual(disabledLook.background, enabledLook.background, "not an enabled button's white");
    assert.ok(disabledLook.contrast >= 4.5, `legible: ${disabledLook.contrast}:1`);
    assert.equal((await callsOf("cases_awaiting_seal")).length, 1);
    const cases = box.locator(".batch-seal-cases li");
    assert.deepEqual(
      await cases.allInnerTexts(),
      batch.waiting.map((/** @type {{ number: string, itemName: string, applicant: string }} */ c) => `${c.number} · ${c.itemName} · ${c.applicant}`),
    );

    // the officer picks the first two and the 文号 they get; Space ticks a box
    await box.getByRole("checkbox", { name: new RegExp(first.number) }).focus();
    await page.keyboard.press("Space");
    await box.getByRole("checkbox", { name: new RegExp(second.number) }).check();
    await box.getByRole("spinbutton", { name: "起始号" }).fill("12");
    assert.deepEqual(await cases.locator(".muted").allInnerTexts(), ["— 蓝市监许〔2026〕12号", "— 蓝市监许〔2026〕13号"]);
    assert.equal(await box.getByRole("checkbox", { name: new RegExp(third.number) }).isChecked(), false);
    // two of three chosen: 全选 is partly ticked, given as mixed
    assert.equal(await all.evaluate((el) => /** @type {HTMLInputElement} */ (el).indeterminate), true);
    assert.equal(await checkedState("全选（3件）"), "mixed");
    await box.getByRole("textbox", { name: "行政复议机关" }).fill("蓝田县人民政府");
    await box.getByRole("textbox", { name: "人民法院" }).fill("蓝田县人民法院");
    // the department's seal: a PKCS#12 file, its password in the system keyring (never typed here)
    assert.equal(await box.getByRole("radio", { name: "部门电子印章（密码保存在系统密钥环）" }).isChecked(), true);
    await box.getByRole("textbox", { name: "电子印章文件（PKCS#12）" }).fill("D:\\印章\\蓝田县市场监督管理局.p12");
    await box.getByRole("textbox", { name: "密钥环条目" }).fill("approval-desk/seal");
    assert.equal(await box.locator('input[type="password"]').count(), 0, "no password asked for a key file");
    assert.deepEqual(await accessibilityViolations('[role="dialog"]'), []);
    await screenshot("batch-seal");

    await box.getByRole("button", { name: "签章（2件）" }).click();
    // while it runs: the bar at 0 of 2, no closing by Escape
    await box.locator("progress").waitFor();
    assert.deepEqual(await progressBar(), { name: "正在签章…", valuemin: 0, valuemax: 2, valuenow: 0 });
    // 签章 is disabled now; the focus is on the progress line, in the dialog, so Escape reaches it
    assert.equal(await box.locator(".progress-line").evaluate((el) => el === document.activeElement), true, "the focus is on the progress");
    await page.keyboard.press("Escape");
    assert.equal(await box.isVisible(), true, "Escape does not stop a batch that is sealing");
    assert.equal(await box.getByRole("button", { name: "关闭“批量签章”" }).isDisabled(), true);
    const request = (await callsOf("seal_results"))[0].request;
    assert.deepEqual(request, {
      cases: [
        { number: first.number, documentNumber: "蓝市监许〔2026〕12号" },
        { number: second.number, documentNumber: "蓝市监许〔2026〕13号" },
      ],
      reviewBody: "蓝田县人民政府",
      court: "蓝田县人民法院",
      verificationUrl: null,
      key: { kind: "pkcs12", path: "D:\\印章\\蓝田县市场监督管理局.p12", keyringEntry: "approval-desk/seal" },
    });
    // the request is the one the backend's answer is for
    assert.deepEqual(request.cases.map((/** @type {{ number: string }} */ c) => c.number), batch.sealed.outcomes.map((/** @type {{ number: string }} */ o) => o.number));

    // the first case sealed: the bar moves to 1 of 2
    await page.waitForFunction(() => /** @type {any} */ (window).__sealNext());
    await box.getByText(`已签 1/2：${first.number}`).waitFor();
    assert.deepEqual(await progressBar(), { name: `已签 1/2：${first.number}`, valuemin: 0, valuemax: 2, valuenow: 1 });
    await screenshot("batch-seal-progress");

    // the second refused: the batch ends, each case's outcome told
    await page.waitForFunction(() => /** @type {any} */ (window).__sealNext());
    const outcomes = box.getByRole("region", { name: "签章结果" });
    await outcomes.waitFor();
    assert.deepEqual(await progressBar(), { name: `已签 2/2：${second.number}`, valuemin: 0, valuemax: 2, valuenow: 2 });
    assert.equal(await outcomes.getByRole("status").textContent(), "已签章 1 件，未签章 1 件。");
    const refusal = batch.sealed.outcomes[1].error;
    assert.equal(refusal.code, "already_exists");
    assert.deepEqual(await outcomes.locator("li").allInnerTexts(), [`${first.number}: 已签章`, `${second.number}: ${refusal.message}`]);
    assert.match(refusal.message, /已签章保存/);
    assert.equal(await outcomes.locator("li.outcome-failed").innerText(), `${second.number}: ${refusal.message}`);
    // the list read again: only the case not chosen still waits
    await box.getByRole("checkbox", { name: "全选（1件）" }).waitFor();
    assert.deepEqual(await cases.allInnerTexts(), batch.waitingAfter.map((/** @type {{ number: string, itemName: string, applicant: string }} */ c) => `${c.number} · ${c.itemName} · ${c.applicant}`));
    assert.equal((await callsOf("cases_awaiting_seal")).length, 2);
    assert.equal(await box.getByRole("button", { name: "签章（0件）" }).isDisabled(), true);
    assert.deepEqual(await accessibilityViolations('[role="dialog"]'), []);
    await screenshot("batch-seal-done");

    assert.equal((await callsOf("seal_results")).length, 1, "sealed once");
    // the outcome is where the focus is: read out, and Escape still reaches the dialog
    assert.equal(await box.locator(".batch-seal-settled").evaluate((el) => el === document.activeElement), true, "the focus is on the outcome");

    // Escape closes the finished dialog and the focus is back on 批量签章
    await page.keyboard.press("Escape");
    await box.waitFor({ state: "detached" });
    assert.equal(await focusedName(), "批量签章");
  });

  test("batch seal: Escape and 取消 close the dialog from the keyboard, nothing sealed, the focus back on 批量签章", async () => {
    await openBatchSealByKeyboard();
    const box = page.getByRole("dialog", { name: "批量签章" });
    await focusOn(box.getByRole("checkbox", { name: "全选（3件）" }));
    await page.keyboard.press("Space");
    assert.equal(await box.getByRole("button", { name: "签章（3件）" }).isEnabled(), true);
    await page.keyboard.press("Escape");
    await box.waitFor({ state: "detached" });
    assert.equal(await focusedName(), "批量签章");

    // again, Tab to 取消 (the focus stays in the dialog on the way) and Enter
    await page.keyboard.press("Enter");
    await focusOn(box.getByRole("checkbox", { name: "全选（3件）" }));
    for (let i = 0; i < 30 && (await focusedName()) !== "取消"; i++) {
      await page.keyboard.press("Tab");
      assert.equal(await box.evaluate((d) => d.contains(document.activeElement)), true, "the focus stays in the dialog");
    }
    assert.equal(await focusedName(), "取消");
    await page.keyboard.press("Enter");
    await box.waitFor({ state: "detached" });
    assert.equal(await focusedName(), "批量签章");
    assert.deepEqual(await callsOf("seal_results"), []);
  });

  test("bundle view: the items as a graph with department and state, the withheld result and what it waits on", async () => {
    await openCase();
    await page.getByRole("link", { name: "一件事：我要开餐馆" }).click();
    await page.getByRole("heading", { level: 2, name: "一件事：我要开餐馆" }).waitFor();
    await page.locator(".bundle-node").first().waitFor();
    assert.equal(await page.locator(".bundle-node").count(), 3);
    const own = page.locator('.bundle-table tr[data-item="S01"]');
    assert.equal(await own.getAttribute("data-gate"), "withheld");
    assert.match(await own.innerText(), /暂缓发放\s+等待：消防安全检查（未决定）、环境影响登记表备案（未决定）/);
    assert.match(await page.locator(".release-gate").innerText(), /1个事项的结果暂缓发放/);
    assert.deepEqual(await callsOf("bundle_view"), [{ number: CASE }]);
    await assertNoHorizontalOverflow();
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("bundle");
  });

  test("demo banner: connecting to a real platform, a wrong password told in Chinese, the dialog keeps the focus", async () => {
    await page.goto(`${origin}/index.html#/inbox`);
    const banner = page.getByRole("region", { name: "演示模式" });
    await banner.waitFor();
    await banner.getByRole("button", { name: "连接正式平台…" }).click();
    await dialog().waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "url");
    // Tab cycles inside the dialog
    for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
    assert.equal(await dialog().evaluate((d) => d.contains(document.activeElement)), true);
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });

    await banner.getByRole("button", { name: "连接正式平台…" }).click();
    await dialog().getByRole("textbox", { name: "平台地址" }).fill("https://hub.sx.gov.cn");
    await dialog().getByRole("textbox", { name: "账号" }).fill("wangmin");
    await dialog().getByLabel("密码").fill("wrong");
    await dialog().getByRole("button", { name: "连接", exact: true }).click();
    const error = dialog().locator('.connect-error[data-code="hub_unauthorized"]');
    await error.waitFor();
    // 连接 was disabled while it connected: the refusal has the focus, not <body>
    await focusOn(error);
    assert.equal(await error.textContent(), fixtures.officer.hubUnauthorized.message);
    assert.equal(await dialog().getByLabel("密码").inputValue(), "", "the password is not kept after a try");
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("connect-error");
    await dialog().getByLabel("密码").fill("correct horse");
    await dialog().getByRole("button", { name: "连接", exact: true }).click();
    await dialog().waitFor({ state: "detached" });
    await banner.waitFor({ state: "detached" });
    assert.deepEqual((await callsOf("hub_connect"))[1], { url: "https://hub.sx.gov.cn", account: "wangmin", password: "correct horse" });
  });

  test("status bar: the sync's events update it, a progress bar while it runs, 立即同步, changed cases read again", async () => {
    await page.goto(`${origin}/index.html#/inbox`);
    await page.getByRole("contentinfo", { name: "同步状态" }).waitFor();
    const bar = page.locator("footer.status-bar");
    await bar.locator(".status-last").waitFor();
    assert.equal(await bar.locator(".status-last").textContent(), "上次同步：2026年1月15日 09:58");
    assert.equal(await bar.locator(".status-pending").textContent(), "待推送：2");
    assert.equal(await bar.locator(".status-failed").textContent(), "被拒绝：1");
    assert.match(await bar.locator(".status-calendar").innerText(), /2027年的放假安排尚未发布/);
    await page.evaluate(() => /** @type {any} */ (window).__emit("sync-progress", { done: 3, total: 10, label: "拉取办件" }));
    await bar.locator("progress").waitFor();
    assert.equal(await bar.locator(".status-progress span").textContent(), "拉取办件：3/10");
    await screenshot("status-progress");
    await page.evaluate((s) => /** @type {any} */ (window).__emit("sync-status", s), fixtures.officer.syncOffline);
    await bar.locator(".status-online.offline").waitFor();
    assert.equal(await bar.locator(".status-online").innerText(), "离线");
    assert.match(await bar.locator(".status-error").innerText(), /同步出错/);
    await page.evaluate(() => /** @type {any} */ (window).__emit("sync-progress", { done: 10, total: 10, label: "拉取办件" }));
    await bar.locator("progress").waitFor({ state: "detached" });
    const before = (await callsOf("case_inbox")).length;
    await page.evaluate((n) => /** @type {any} */ (window).__emit("cases-changed", [n]), CASE);
    await page.waitForFunction((b) => /** @type {any} */ (window).__ipcCalls.filter((/** @type {any} */ c) => c.cmd === "case_inbox").length > b, before);
    // the sync loop may not know which cases changed: an empty list reads the inbox again too
    const after = (await callsOf("case_inbox")).length;
    await page.evaluate(() => /** @type {any} */ (window).__emit("cases-changed", []));
    await page.waitForFunction((b) => /** @type {any} */ (window).__ipcCalls.filter((/** @type {any} */ c) => c.cmd === "case_inbox").length > b, after);
    await bar.getByRole("button", { name: "立即同步" }).click();
    await page.waitForFunction(() => /** @type {any} */ (window).__ipcCalls.some((/** @type {any} */ c) => c.cmd === "sync_now"));
    await bar.locator(".status-online.online").waitFor();
    await page.locator("#language-switch").selectOption("en");
    assert.equal(await bar.locator(".status-pending").textContent(), "Queued pushes: 2");
    assert.deepEqual(await accessibilityViolations(), []);
    await screenshot("inbox-en");
  });

  test("an address no screen answers shows a way back", async () => {
    await page.goto(`${origin}/index.html#/nowhere`);
    await page.getByRole("heading", { level: 2, name: "页面不存在" }).waitFor();
    await page.getByRole("link", { name: "返回工作日历" }).click();
    await page.locator(".month-grid").waitFor();
  });
});
