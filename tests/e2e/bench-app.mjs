// @ts-check
/**
 * Benchmark of the REAL Approval Desk window over a profile of many cases
 * (issue 14, "Benchmarks"). Run through `bash scripts/bench-app.sh`, which
 * builds the release app, prepares the profile, starts Xvfb, a session bus
 * and tauri-driver, and sets:
 *   APPROVAL_DESK_BIN    absolute path of the (release) app binary
 *   APPROVAL_DESK_DB     the profile (a fresh copy of the cached one)
 *   BENCH_WEBDRIVER_URL  tauri-driver's address
 *   BENCH_DRIVER_PID     tauri-driver's pid: the app is found among its descendants
 *   BENCH_CASES, BENCH_RUNS (5), BENCH_SCROLL_ROWS (5000), BENCH_OUT (the JSON file)
 *
 * What is measured (times in the page with performance.now, or on the
 * machine's one wall clock; nothing is asserted):
 *   start    from the app process's launch (its start time in /proc, 10 ms
 *            ticks) to the first animation frame after the first inbox row
 *            exists, the list then taking the focus; also from the WebDriver
 *            request that launches it.
 *   memory   PSS (/proc/PID/smaps_rollup) of the app and every process under
 *            it (WebKit's web and network processes), with the inbox shown and
 *            after scrolling.
 *   scroll   the list's scroller moved down one screen of rows at a time by
 *            script, each step timed until those rows are in the DOM at an
 *            animation frame (a step that reaches the end of the loaded rows
 *            waits for the next page from the backend).
 *   accept   a received case opened, 受理 clicked, then the click on the dialog's
 *            confirm button timed until the case view shows the new state;
 *            then the click on "back to the inbox" until its row shows it.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { WebDriver, sleep, waitFor } from "./webdriver.mjs";

const application = process.env["APPROVAL_DESK_BIN"] ?? "";
const database = process.env["APPROVAL_DESK_DB"] ?? "";
const webdriverUrl = process.env["BENCH_WEBDRIVER_URL"] ?? "http://127.0.0.1:4444";
const driverPid = Number(process.env["BENCH_DRIVER_PID"] ?? "0");
const runs = Math.max(1, Number(process.env["BENCH_RUNS"] ?? "5"));
const scrollRows = Math.max(100, Number(process.env["BENCH_SCROLL_ROWS"] ?? "5000"));
const cases = Number(process.env["BENCH_CASES"] ?? "100000");
const out = process.env["BENCH_OUT"] ?? "target/bench-app.json";
if (!application || !database || !driverPid) {
  console.error("bench-app.mjs: run it through scripts/bench-app.sh");
  process.exit(2);
}

/** The window size the app is designed for. */
const SCREEN = { width: 1366, height: 768 };
const ROW = ".inbox-row[data-number]";

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

/** @param {number} pid */
function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const fields = text.slice(close + 2).split(" "); // fields[0] is field 3 (state)
  return { pid, comm, ppid: Number(fields[1]), startTicks: Number(fields[19]) };
}

function allProcesses() {
  /** @type {ReturnType<typeof stat>[]} */ const list = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      list.push(stat(Number(name)));
    } catch {
      // gone meanwhile
    }
  }
  return list;
}

/** Every process under pid (not pid itself). @param {number} pid */
function descendants(pid) {
  const list = allProcesses();
  /** @type {ReturnType<typeof stat>[]} */ const found = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const children = list.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

/** The app process launched by this tauri-driver (its newest one). */
function appProcess() {
  const apps = descendants(driverPid).filter((p) => p.comm === path.basename(application).slice(0, 15));
  apps.sort((a, b) => b.startTicks - a.startTicks);
  return apps[0];
}

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * Wall-clock ms of a process's start (10 ms resolution): its age on the
 * boot-time clock (/proc/uptime less its start tick) taken from now. (The
 * boot time in /proc/stat is not used: the wall clock drifts from the boot
 * clock by hundreds of ms over a day.)
 * @param {{ startTicks: number }} p
 */
function startedAtMs(p) {
  const now = Date.now();
  const uptimeMs = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]) * 1000;
  return now - (uptimeMs - (p.startTicks * 1000) / ticksPerSecond);
}

/** PSS in kB of one process. @param {number} pid */
function pssKb(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return Number(/^Pss:\s+(\d+) kB$/m.exec(rollup)?.[1] ?? "0");
  } catch {
    return 0;
  }
}

/**
 * PSS in kB of one process by mapping: anonymous memory (heap, stacks,
 * unnamed mappings) together, each file by its name; the largest `top`.
 * @param {number} pid @param {number} top
 */
function pssByMapping(pid, top = 8) {
  /** @type {Map<string, number>} */
  const byName = new Map();
  let name = "";
  try {
    for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
      const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (mapping) {
        const file = mapping[1] ?? "";
        name = file === "" || file.startsWith("[") ? "(anonymous)" : path.basename(file);
        continue;
      }
      const pss = /^Pss:\s+(\d+) kB$/.exec(line);
      if (pss) byName.set(name, (byName.get(name) ?? 0) + Number(pss[1]));
    }
  } catch {
    return [];
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([mapping, kb]) => ({ mapping, mb: kb / 1024 }));
}

/** The app's and its children's PSS, in MB, by process and by mapping. @param {number} appPid */
function memory(appPid) {
  const processes = [{ pid: appPid, comm: stat(appPid).comm }, ...descendants(appPid)];
  const parts = processes.map((p) => ({ pid: p.pid, comm: p.comm, mb: pssKb(p.pid) / 1024, largest: pssByMapping(p.pid) }));
  return { totalMb: parts.reduce((sum, p) => sum + p.mb, 0), parts };
}

// ---------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}
const median = (/** @type {number[]} */ v) => quantile(v, 0.5);
const fmt = (/** @type {number} */ v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : "-");

// ---------------------------------------------------------------------------
// In-page scripts
// ---------------------------------------------------------------------------

/**
 * Resolves at the first animation frame at which an inbox row exists (at
 * once if it does already), then focuses the list: the wall-clock moment,
 * whether the row was there already, and the page's own navigation start.
 */
const FIRST_ROW = `
const done = arguments[arguments.length - 1];
const selector = ${JSON.stringify(ROW)};
const already = document.querySelector(selector) !== null;
const finish = () => requestAnimationFrame(() => {
  const at = performance.timeOrigin + performance.now();
  const scroller = document.querySelector(".inbox-scroller");
  scroller?.focus();
  done({
    already,
    at,
    timeOrigin: performance.timeOrigin,
    focused: scroller !== null && document.activeElement === scroller,
    rows: document.querySelectorAll(selector).length,
    total: document.querySelector(".inbox-total")?.textContent ?? "",
  });
});
if (already) finish();
else new MutationObserver((_, observer) => {
  if (document.querySelector(selector)) { observer.disconnect(); finish(); }
}).observe(document, { subtree: true, childList: true });
`;

/**
 * Scrolls the list down one screen of rows per step until rows [0, target)
 * have been passed, timing each step from the scroll to the first animation
 * frame at which every row of the new screen is in the DOM.
 */
const SCROLL = `
const [target, rowHeight] = arguments;
const done = arguments[arguments.length - 1];
(async () => {
  const scroller = document.querySelector(".inbox-scroller");
  const perScreen = Math.max(1, Math.floor(scroller.clientHeight / rowHeight));
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  const total = Number(scroller.querySelector(${JSON.stringify(ROW)})?.getAttribute("aria-setsize") ?? "0");
  const loaded = () => scroller.querySelectorAll(".inbox-row[data-number]").length > 0
    ? Math.round((scroller.firstElementChild.getBoundingClientRect().height) / rowHeight) : 0;
  const shown = (first) => {
    for (let i = first; i < Math.min(first + perScreen, total); i++) {
      if (!scroller.querySelector('.inbox-row[data-number][aria-posinset="' + (i + 1) + '"]')) return false;
    }
    return true;
  };
  const steps = [];
  let first = 0;
  const began = performance.now();
  while (first < target) {
    first += perScreen;
    const t0 = performance.now();
    let waited = false;
    for (;;) {
      if (scroller.scrollTop < first * rowHeight) scroller.scrollTop = first * rowHeight;
      await frame();
      if (scroller.scrollTop >= first * rowHeight - 1 && shown(first)) break;
      waited = waited || scroller.querySelector(".inbox-more") !== null || scroller.scrollTop < first * rowHeight - 1;
      if (performance.now() - t0 > 20000) throw new Error("rows " + first + "+ did not show within 20 s");
    }
    steps.push({ first, ms: performance.now() - t0, waited });
  }
  done({ perScreen, steps, totalMs: performance.now() - began, canvasRows: loaded() });
})().catch((error) => done({ error: String(error && error.stack || error) }));
`;

/**
 * Arms a timer on the next click on an element matching clickSelector (a
 * capture listener: the click's own moment), resolved at the first animation
 * frame at which the check (a function body, inlined: the window's CSP
 * allows no eval) holds; the result goes to window.__benchTimer.
 */
const armTimer = (/** @type {string} */ check) => `
const [clickSelector] = arguments;
const check = () => { ${check} };
window.__benchTimer = { state: "armed" };
const onClick = (event) => {
  if (!(event.target instanceof Element) || !event.target.closest(clickSelector)) return;
  window.removeEventListener("click", onClick, true);
  const t0 = performance.now();
  window.__benchTimer = { state: "clicked", t0 };
  const poll = () => requestAnimationFrame(() => {
    if (check()) window.__benchTimer = { state: "done", ms: performance.now() - t0 };
    else if (performance.now() - t0 > 30000) window.__benchTimer = { state: "timeout" };
    else poll();
  });
  poll();
};
window.addEventListener("click", onClick, true);
return true;
`;

// ---------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------

const wd = new WebDriver(webdriverUrl, { requestTimeout: 60_000 });

/** Waits until the app process of the last session has exited. @param {number} pid */
async function gone(pid) {
  await waitFor(async () => {
    try {
      const s = stat(pid);
      return s.comm !== path.basename(application).slice(0, 15) || readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
    } catch {
      return true;
    }
  }, { timeout: 20_000, message: `app process ${pid} to exit` });
}

/** One launch: new session, first row, focus. */
async function launch() {
  const requested = Date.now();
  await wd.newSession(application, { timeout: 120_000 });
  const sessionAt = Date.now();
  const app = await waitFor(async () => appProcess(), { timeout: 10_000, message: "the app process" });
  await wd.setTimeouts({ script: 60_000 });
  const first = await wd.executeAsyncScript(FIRST_ROW);
  const launched = startedAtMs(app);
  return {
    pid: app.pid,
    fromLaunchMs: first.at - launched,
    fromRequestMs: first.at - requested,
    launchToPageMs: first.timeOrigin - launched,
    pageToRowMs: first.at - first.timeOrigin,
    sessionMs: sessionAt - requested,
    rowAlreadyThere: first.already,
    focused: first.focused,
    total: first.total,
  };
}

/** Sets a form field as typing would (React's value tracker: the prototype's setter). @param {string} css @param {string} value */
async function fill(css, value) {
  const input = await wd.waitForElement(css);
  await wd.executeScript(
    `const [el, v] = arguments;
     el.focus();
     Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, v);
     el.dispatchEvent(new Event("input", { bubbles: true }));
     el.dispatchEvent(new Event("change", { bubbles: true }));`,
    [input, value],
  );
}

/** Arms the in-page timer, clicks, and returns the ms it measured. @param {string} clickCss @param {string} check */
async function timedClick(clickCss, check) {
  const target = await wd.waitForElement(clickCss);
  await wd.executeScript(armTimer(check), [clickCss]);
  await wd.click(target);
  const result = await waitFor(
    async () => {
      const timer = await wd.executeScript("return window.__benchTimer");
      return timer && (timer.state === "done" || timer.state === "timeout") ? timer : false;
    },
    { timeout: 40_000, interval: 50, message: `the result of clicking ${clickCss}` },
  );
  if (result.state !== "done") throw new Error(`clicking ${clickCss}: ${check} did not hold within 30 s`);
  return /** @type {number} */ (result.ms);
}

const report = {
  measuredAt: new Date().toISOString(),
  machine: { cores: Number(execFileSync("nproc", { encoding: "utf8" }).trim()), load: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") },
  cases,
  app: application,
  /** @type {any[]} */ starts: [],
  /** @type {any} */ memory: {},
  /** @type {any} */ scroll: {},
  /** @type {any} */ accept: {},
};

try {
  // 1. The start, BENCH_RUNS times; the last session stays open for the rest.
  for (let i = 1; i <= runs; i++) {
    const start = await launch();
    report.starts.push(start);
    console.error(`start ${i}/${runs}: ${fmt(start.fromLaunchMs)} ms from launch (${fmt(start.launchToPageMs)} ms to the page, ${fmt(start.pageToRowMs)} ms to the first row${start.rowAlreadyThere ? ", row there at the first look" : ""}); ${start.total}`);
    if (i < runs) {
      await wd.deleteSession();
      await gone(start.pid);
      await sleep(500);
    }
  }
  const appPid = report.starts[report.starts.length - 1].pid;

  // 2a. Memory with the inbox shown (a moment after the first row, as the officer starts reading).
  await wd.setWindowRect(SCREEN);
  await sleep(2_000);
  report.memory.inboxShown = memory(appPid);
  console.error(`memory, inbox shown: ${fmt(report.memory.inboxShown.totalMb)} MB`);

  // 3. Scrolling.
  const scroll = await wd.executeAsyncScript(SCROLL, [scrollRows, 44]);
  if (scroll.error) throw new Error(`scrolling: ${scroll.error}`);
  /** @type {{ first: number, ms: number, waited: boolean }[]} */ const steps = scroll.steps;
  const all = steps.map((s) => s.ms);
  const waited = steps.filter((s) => s.waited).map((s) => s.ms);
  const plain = steps.filter((s) => !s.waited).map((s) => s.ms);
  report.scroll = {
    rowsPerStep: scroll.perScreen,
    steps: steps.length,
    rowsScrolled: steps.length * scroll.perScreen,
    totalMs: scroll.totalMs,
    medianMs: median(all),
    p95Ms: quantile(all, 0.95),
    maxMs: Math.max(...all),
    stepsWithinLoadedRows: { count: plain.length, medianMs: median(plain), p95Ms: quantile(plain, 0.95) },
    stepsWaitingForNextPage: { count: waited.length, medianMs: median(waited), p95Ms: quantile(waited, 0.95), maxMs: waited.length ? Math.max(...waited) : NaN },
  };
  console.error(`scrolled ${report.scroll.rowsScrolled} rows in ${steps.length} steps: median ${fmt(report.scroll.medianMs, 1)} ms, p95 ${fmt(report.scroll.p95Ms, 1)} ms`);

  // 2b. Memory after scrolling.
  await sleep(2_000);
  report.memory.afterScroll = memory(appPid);
  console.error(`memory, after scrolling: ${fmt(report.memory.afterScroll.totalMb)} MB`);

  // 4. Accepting a received case.
  const numbers = await wd.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke("case_inbox", { query: { state: "received", itemCode: null, assignedToMe: false, dueBefore: null,
       bundle: null, overdue: false, search: null, after: null, limit: 1 } })
       .then((page) => done(page.rows.map((r) => r.number)), (e) => done({ error: JSON.stringify(e) }));`,
  );
  if (!Array.isArray(numbers) || numbers.length === 0) throw new Error(`no received case to accept: ${JSON.stringify(numbers)}`);
  const number = numbers[0];
  const rowCss = `.inbox-row[data-number="${number}"]`;
  await fill('.inbox-filters input[name="search"]', number);
  await waitFor(async () => (await wd.executeScript(`return document.querySelectorAll(${JSON.stringify(ROW)}).length === 1 && document.querySelector(arguments[0]) !== null`, [rowCss])) === true, { message: `the inbox to show only ${number}` });
  const rowStateBefore = await wd.executeScript(`return document.querySelector(arguments[0] + " .cell.state").textContent`, [rowCss]);
  await wd.click(await wd.findElement(rowCss));
  await wd.waitForElement('.state-tag[data-state="received"]');
  await wd.click(await wd.waitForElement('.actions-panel button[data-action="accept"]'));
  const acceptMs = await timedClick(
    '.action-dialog button[type="submit"]',
    `const tag = document.querySelector(".state-tag"); return tag !== null && tag.dataset.state !== "received" && document.querySelector(".action-dialog") === null;`,
  );
  const stateAfter = await wd.executeScript(`return document.querySelector(".state-tag").dataset.state`);
  const stateLabel = await wd.executeScript(`return document.querySelector(".state-tag").textContent`);
  const rowMs = await timedClick(
    ".crumbs a",
    `const cell = document.querySelector(${JSON.stringify(`${rowCss} .cell.state`)}); return cell !== null && cell.textContent === ${JSON.stringify(stateLabel)};`,
  );
  report.accept = { number, stateBefore: "received", rowStateBefore, stateAfter, clickToCaseViewMs: acceptMs, backToUpdatedRowMs: rowMs };
  console.error(`accepted ${number}: case view updated ${fmt(acceptMs)} ms after the click; back in the inbox its row ${fmt(rowMs)} ms after the click`);
  report.memory.end = memory(appPid);
} finally {
  await wd.deleteSession().catch(() => {});
}

// ---------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------

const fromLaunch = report.starts.map((s) => s.fromLaunchMs);
report.startSummary = {
  runs: report.starts.length,
  medianFromLaunchMs: median(fromLaunch),
  minFromLaunchMs: Math.min(...fromLaunch),
  maxFromLaunchMs: Math.max(...fromLaunch),
  medianFromRequestMs: median(report.starts.map((s) => s.fromRequestMs)),
  medianLaunchToPageMs: median(report.starts.map((s) => s.launchToPageMs)),
  medianPageToRowMs: median(report.starts.map((s) => s.pageToRowMs)),
  rowThereAtFirstLook: report.starts.filter((s) => s.rowAlreadyThere).length,
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

const s = report.startSummary;
const sc = report.scroll;
const rows = [
  ["start: launch → first row, focusable", `median ${fmt(s.medianFromLaunchMs)} ms of ${s.runs} (${fmt(s.minFromLaunchMs)}–${fmt(s.maxFromLaunchMs)})`, "< 1500 ms"],
  ["  launch → page's navigation start", `median ${fmt(s.medianLaunchToPageMs)} ms`, ""],
  ["  navigation start → first row", `median ${fmt(s.medianPageToRowMs)} ms`, ""],
  ["  WebDriver request → first row", `median ${fmt(s.medianFromRequestMs)} ms`, ""],
  ["memory (PSS), inbox shown", `${fmt(report.memory.inboxShown.totalMb)} MB`, "< 250 MB"],
  [`memory (PSS), after ${sc.rowsScrolled} rows`, `${fmt(report.memory.afterScroll.totalMb)} MB`, "< 250 MB"],
  [`scroll, per screen of ${sc.rowsPerStep} rows`, `median ${fmt(sc.medianMs, 1)} ms, p95 ${fmt(sc.p95Ms, 1)} ms, max ${fmt(sc.maxMs, 1)} ms (${sc.steps} steps)`, ""],
  ["  steps within the loaded rows", `median ${fmt(sc.stepsWithinLoadedRows.medianMs, 1)} ms, p95 ${fmt(sc.stepsWithinLoadedRows.p95Ms, 1)} ms (${sc.stepsWithinLoadedRows.count})`, ""],
  ["  steps waiting for the next page", `median ${fmt(sc.stepsWaitingForNextPage.medianMs, 1)} ms, p95 ${fmt(sc.stepsWaitingForNextPage.p95Ms, 1)} ms (${sc.stepsWaitingForNextPage.count})`, ""],
  ["accept: click → updated case view", `${fmt(report.accept.clickToCaseViewMs)} ms`, ""],
  ["back to inbox: click → updated row", `${fmt(report.accept.backToUpdatedRowMs)} ms`, ""],
];
const width = Math.max(...rows.map((r) => r[0].length));
const width2 = Math.max(...rows.map((r) => r[1].length));
console.log(`Approval Desk window, release build, ${cases.toLocaleString("en")} cases, local mode (load ${report.machine.load}, ${report.machine.cores} cores)`);
for (const [what, figure, target] of rows) console.log(`${what.padEnd(width)}  ${figure.padEnd(width2)}  ${target}`);
console.log("memory by process at the end:");
for (const p of report.memory.end?.parts ?? report.memory.afterScroll.parts) console.log(`  ${p.comm.padEnd(20)} ${fmt(p.mb, 1)} MB`);
console.log("memory by process and mapping, inbox shown (the largest):");
for (const p of report.memory.inboxShown.parts) {
  console.log(`  ${p.comm.padEnd(20)} ${fmt(p.mb, 1)} MB`);
  for (const m of p.largest ?? []) console.log(`    ${m.mapping.padEnd(32)} ${fmt(m.mb, 1)} MB`);
}
console.log(`written: ${out}`);
