// @ts-check
/**
 * The officer's day in the REAL window, against a real hub (issue 14):
 * a case submitted at the window unit (`deskctl window submit`) reaches the
 * department's window through the app's own sync loop; the officer opens
 * it from the inbox, accepts it, works its steps and special stage through
 * the actions the rules offer, decides with an opinion, prepares the
 * result, seals it with the department's PKCS#12 seal (its password in the
 * OS keyring) and pushes it; the window unit then holds the result and its
 * seal verifies against the seal's root.
 *
 * Run through `bash scripts/e2e-app.sh` (Xvfb, a session bus with a Secret
 * Service keyring, tauri-driver). Environment:
 *   APPROVAL_DESK_BIN   absolute path of the app binary (required)
 *   DESKCTL_BIN         deskctl (default: beside the app)
 *   DESK_HUB_BIN        desk-hub (default: beside the app)
 *   E2E_WEBDRIVER_URL   tauri-driver's address (default http://127.0.0.1:4444)
 *   E2E_SCREENSHOT_DIR  where the window-officer-*.png screenshots go
 *
 * tauri-driver starts the application it is given with its own
 * environment, so the app is started through a small wrapper that sets
 * APPROVAL_DESK_DB (the profile bound with `deskctl hub sign-in
 * --no-keyring`) and APPROVAL_DESK_HUB_PASSWORD for this test only.
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { WebDriver, waitFor } from "./webdriver.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");
const application = process.env["APPROVAL_DESK_BIN"] ?? "";
const binDir = path.dirname(application);
const deskctlBinary = process.env["DESKCTL_BIN"] || path.join(binDir, "deskctl");
const hubBinary = process.env["DESK_HUB_BIN"] || path.join(binDir, "desk-hub");
const webdriverUrl = process.env["E2E_WEBDRIVER_URL"] ?? "http://127.0.0.1:4444";
const screenshotDir = process.env["E2E_SCREENSHOT_DIR"] ?? path.join(repoRoot, "target", "e2e-screenshots");

const axeSource = /** @type {{ source: string }} */ (createRequire(path.join(repoRoot, "ui", "package.json"))("axe-core")).source;

const SCREEN = { width: 1366, height: 768 };
const STEP_TIMEOUT = 120_000;

const MARKET = "蓝田县市场监督管理局";
const COUNTY_WINDOW = "蓝田县政务服务中心";
/** The food licence's implementation code (tests/fixtures/guides/food-business-licence.json, core's samples). */
const FOOD_IMPLEMENTATION = "11610122MB2961374C4000172006000";
const SEAL_PASSWORD_VAR = "E2E_OFFICER_SEAL_PASSWORD";
const SEAL_PASSWORD = "端到端测试口令 e2e";
const KEYRING_ENTRY = `approval-desk-e2e/seal-${process.pid}`;

/** A shell word for `s` (the wrappers tauri-driver starts). @param {string} s */
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;

/** Now as China's wall clock: { date: "YYYY-MM-DD", compact: "YYYYMMDD", instant: RFC 3339 with +08:00 }. */
function chinaNow() {
  const shifted = new Date(Date.now() + 8 * 3600_000).toISOString();
  const date = shifted.slice(0, 10);
  return { date, compact: date.replaceAll("-", ""), instant: `${shifted.slice(0, 19)}+08:00` };
}

describe("the officer's day in the real window, against a real hub", { timeout: 600_000 }, () => {
  const wd = new WebDriver(webdriverUrl);
  const work = mkdtempSync(path.join(tmpdir(), "approval-desk-e2e-officer-"));
  const profile = path.join(work, "department", "desk.sqlite3");
  const windowProfile = path.join(work, "window-unit", "desk.sqlite3");
  const sealDir = path.join(work, "seal");
  const now = chinaNow();
  // A sequence of its own each run (the hub's demo data uses low ones).
  const caseNumber = `${FOOD_IMPLEMENTATION}${now.compact}${String(900000 + (process.pid % 99999)).padStart(6, "0")}`;
  /** @type {import("node:child_process").ChildProcess | null} */ let hub = null;
  let hubUrl = "";
  let keyringUsed = false;

  const env = { ...process.env, [SEAL_PASSWORD_VAR]: SEAL_PASSWORD };
  delete env["APPROVAL_DESK_USER"];

  /** deskctl on the department's profile. @param {string[]} args @param {string} [input] */
  const desk = (args, input) => execFileSync(deskctlBinary, ["--db", profile, ...args], { encoding: "utf8", timeout: 60_000, env, input });
  /** `deskctl window` as the county window unit's clerk. @param {string[]} args */
  const windowUnit = (args) =>
    execFileSync(deskctlBinary, ["--db", windowProfile, "window", "--hub", hubUrl, "--account", "window-county", "--password-stdin", ...args], {
      encoding: "utf8",
      timeout: 60_000,
      env,
      input: "demo-window\n",
    });

  async function saveScreenshot(/** @type {string} */ name) {
    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `window-officer-${name}.png`);
    writeFileSync(file, Buffer.from(await wd.screenshot(), "base64"));
    return file;
  }

  /** axe-core's serious and critical violations on the window as it is (WCAG 2.1 AA). */
  async function accessibilityViolations() {
    if (!(await wd.executeScript("return typeof window.axe === 'object'"))) await wd.executeScript(`${axeSource}\nreturn true;`);
    return /** @type {string[]} */ (
      await wd.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         window.axe
           .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, resultTypes: ["violations"] })
           .then((r) => done(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
             .flatMap((v) => v.nodes.map((n) => v.impact + " " + v.id + " (" + v.help + "): " + n.target.join(" ")))))
           .catch((e) => done(["axe failed: " + e]));`,
      )
    );
  }

  /** A screenshot and an axe run of the screen (or dialog) as it is now. @param {string} name */
  async function screen(name) {
    await saveScreenshot(name);
    assert.deepEqual(await accessibilityViolations(), [], `axe: serious or critical violations on ${name}`);
  }

  /**
   * Sets a field the way typing would (the native setter, then input and
   * change: React ignores a plain `el.value = v`). Chinese text over
   * WebDriver key events is not reliable in WebKitGTK.
   * @param {import("./webdriver.mjs").ElementRef} element @param {string} value
   */
  async function setValue(element, value) {
    await wd.executeScript(
      `const [el, v] = arguments;
       const prototype = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
       el.focus();
       Object.getOwnPropertyDescriptor(prototype, "value").set.call(el, v);
       el.dispatchEvent(new Event("input", { bubbles: true }));
       el.dispatchEvent(new Event("change", { bubbles: true }));`,
      [element, value],
    );
    assert.equal(await wd.getProperty(element, "value"), value);
  }

  /** The case view's state word and the offered actions' kinds (buttons of the actions panel). */
  async function standing() {
    return /** @type {{ state: string, actions: string[] }} */ (
      await wd.executeScript(
        `return { state: document.querySelector(".case-header .state-tag")?.dataset.state ?? "",
                  actions: [...document.querySelectorAll(".actions-panel .action-list button[data-action]")].map((b) => b.dataset.action) };`,
      )
    );
  }

  /**
   * Scrolls the element's nearest scrolling box (the window's <main>, a
   * dialog's viewer) so that `css` is at its top (`"start"`) or its bottom
   * at the box's bottom (`"end"`); `null` scrolls <main> back to the top.
   * `prelude` runs first.
   * @param {string | null} css @param {string} [prelude] @param {"start" | "end"} [align]
   */
  async function scrollMainTo(css, prelude = "", align = "start") {
    await wd.executeScript(
      `${prelude}
       const [css, align] = arguments;
       const target = css ? document.querySelector(css) : null;
       let box = target ? target.parentElement : document.querySelector(".app-main");
       while (target && box && !(box.scrollHeight > box.clientHeight && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
       if (!box) return;
       if (!target) { box.scrollTop = 0; return; }
       const t = target.getBoundingClientRect(), b = box.getBoundingClientRect();
       box.scrollTop += align === "end" ? t.bottom - b.bottom + 8 : t.top - b.top - 8;`,
      [css, align],
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  /** What the case view shows of its standing: the state and the actions panel's words. */
  const signature = async () =>
    String(await wd.executeScript(`return (document.querySelector(".case-header .state-tag")?.dataset.state ?? "") + "|" + (document.querySelector(".actions-panel")?.innerText ?? "")`));

  /** Waits for the state tag to read `state` (the case view read again after an action). @param {string} state */
  const waitForState = (state) =>
    waitFor(async () => (await standing()).state === state, { timeout: 20_000, message: `the case to be ${state}` });

  /** Opens the dialog of an offered action by its button. @param {string} kind */
  async function openAction(kind) {
    const button = await wd.waitForElement(`.actions-panel .action-list button[data-action="${kind}"]`);
    await wd.click(button);
    return wd.waitForElement('.dialog[role="dialog"]');
  }

  /**
   * Submits the open dialog and waits until it closes (the action done);
   * a refusal shown in the dialog fails the test with its words.
   */
  async function submitDialog() {
    await wd.click(await wd.findElement('.dialog[role="dialog"] button[type="submit"]'));
    await waitFor(
      async () => {
        const dialogs = await wd.findElements('.dialog[role="dialog"]');
        if (dialogs.length === 0) return true;
        const alerts = await wd.findElements('.dialog[role="dialog"] [role="alert"]');
        if (alerts.length > 0) {
          const words = await wd.getText(/** @type {import("./webdriver.mjs").ElementRef} */ (alerts[0]));
          if (words.trim() !== "") throw new Error(`refused in the dialog: ${words}`);
        }
        return false;
      },
      { timeout: 60_000, message: "the dialog to close after its action" },
    ).catch(async (error) => {
      await saveScreenshot("failure-dialog");
      throw error;
    });
  }

  before(async () => {
    assert.ok(path.isAbsolute(application) && existsSync(application), `APPROVAL_DESK_BIN must be the app binary's absolute path, got ${JSON.stringify(application)}`);
    for (const binary of [deskctlBinary, hubBinary]) assert.ok(existsSync(binary), `${binary} is missing: cargo build --bins`);

    // The hub: its demo accounts, no demo stream.
    hub = spawn(hubBinary, ["--db", `sqlite://${path.join(work, "hub.sqlite3")}`, "--listen", "127.0.0.1:0", "--demo", "--demo-interval", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const started = hub;
    hubUrl = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("desk-hub did not say where it listens within 60 s")), 60_000);
      started.once("exit", (code) => reject(new Error(`desk-hub exited early (${code})`)));
      const lines = createInterface({ input: /** @type {import("node:stream").Readable} */ (started.stdout) });
      lines.on("line", (line) => {
        if (line.startsWith("listening on ")) {
          clearTimeout(timer);
          resolve(line.slice("listening on ".length).trim());
        }
      });
    });

    // The department's profile: the sample guides and bundle, bound to the hub as the market's officer.
    mkdirSync(path.dirname(profile), { recursive: true });
    mkdirSync(path.dirname(windowProfile), { recursive: true });
    desk(["guide", "import", path.join(repoRoot, "tests/fixtures/guides/food-business-licence.json")]);
    for (const guide of ["fire-safety-inspection", "pollutant-discharge-registration", "construction-works-permit"]) {
      desk(["guide", "import", path.join(repoRoot, `tests/fixtures/guides/${guide}.json`), "--effective-from", "2026-01-01T00:00:00+08:00"]);
    }
    desk(["bundle", "import", path.join(repoRoot, "tests/fixtures/bundles/open-restaurant.json")]);
    desk(["hub", "sign-in", "--url", hubUrl, "--account", "officer-market", "--password-stdin", "--no-keyring"], "demo-officer\n");

    // The department's seal: a test seal key file, its password in the OS
    // keyring (the Secret Service of this session), its root trusted by the profile.
    const made = desk(["pdf", "test-seal", "--department", MARKET, "--out", sealDir, "--password-env", SEAL_PASSWORD_VAR]);
    assert.ok(existsSync(path.join(sealDir, "seal.p12")) && existsSync(path.join(sealDir, "ca.pem")), made);
    desk(["pdf", "remember-password", KEYRING_ENTRY, "--password-env", SEAL_PASSWORD_VAR]);
    keyringUsed = true;
    const trust = path.join(path.dirname(profile), `${path.parse(profile).name}-trust`);
    mkdirSync(trust, { recursive: true });
    copyFileSync(path.join(sealDir, "ca.pem"), path.join(trust, "e2e-seal-root.pem"));

    // The app, started by tauri-driver through a wrapper with this test's environment.
    const wrapper = path.join(work, "approval-desk-officer.sh");
    writeFileSync(
      wrapper,
      [
        "#!/bin/sh",
        `export APPROVAL_DESK_DB=${quote(profile)}`,
        "export APPROVAL_DESK_HUB_PASSWORD=demo-officer",
        "unset APPROVAL_DESK_DEMO APPROVAL_DESK_USER",
        `exec ${quote(application)} "$@"`,
        "",
      ].join("\n"),
    );
    chmodSync(wrapper, 0o755);
    await wd.newSession(wrapper, { timeout: 60_000 });
    await wd.setTimeouts({ implicit: 0, script: 30_000 });
    try {
      await wd.setWindowRect({ ...SCREEN, x: 0, y: 0 });
    } catch (error) {
      console.log(`# could not resize the window: ${error instanceof Error ? error.message : error}`);
    }
    await wd.waitForElement(".inbox-screen", { timeout: 45_000 });
    if ((await wd.executeScript("return document.documentElement.lang")) !== "zh-CN") {
      await wd.executeScript(
        `const el = document.querySelector("#language-switch");
         Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, "zh-CN");
         el.dispatchEvent(new Event("change", { bubbles: true }));`,
      );
    }
  });

  after(async () => {
    try {
      await wd.deleteSession();
    } finally {
      if (keyringUsed) {
        try {
          desk(["pdf", "forget-password", KEYRING_ENTRY]);
        } catch (error) {
          console.log(`# could not forget ${KEYRING_ENTRY}: ${error}`);
        }
      }
      if (hub && hub.exitCode === null) {
        hub.kill("SIGTERM");
        await new Promise((resolve) => {
          const timer = setTimeout(() => {
            hub?.kill("SIGKILL");
            resolve(undefined);
          }, 5_000);
          hub?.once("exit", () => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
      }
      rmSync(work, { recursive: true, force: true });
    }
  });

  test("a case submitted at the window unit arrives in the inbox through the app's sync", { timeout: STEP_TIMEOUT }, async () => {
    const material = path.join(work, "window-unit", "M01.txt");
    writeFileSync(material, "食品经营许可申请书（端到端测试）");
    const submission = path.join(work, "window-unit", "submission.json");
    writeFileSync(
      submission,
      JSON.stringify({
        case_number: caseNumber,
        implementation_code: FOOD_IMPLEMENTATION,
        kind: "02",
        applicant: { kind: "2", name: "蓝田县端到端餐饮有限公司", certificate_type: "001", certificate_number: "91350100M000100Y43", phone: "029-8000-0199" },
        received_at: now.instant,
        receiving_window: COUNTY_WINDOW,
        handling_window: COUNTY_WINDOW,
        materials: [
          { name: "食品经营许可申请书", material_id: "M01", path: "M01.txt" },
          { name: "营业执照", material_id: "M02" },
        ],
      }),
    );
    assert.equal(windowUnit(["submit", submission, "--transfer", MARKET]).trim(), caseNumber);

    const row = `.inbox-row[data-number="${caseNumber}"]`;
    let pressed = 0;
    await waitFor(
      async () => {
        if ((await wd.findElements(row)).length > 0) return true;
        // The loop syncs on its own; 立即同步 asks now (every few seconds while waiting).
        const button = (await wd.findElements(".status-bar .sync-now:not([disabled])"))[0];
        if (button && pressed++ % 30 === 0) await wd.click(button);
        return false;
      },
      { timeout: 90_000, message: `case ${caseNumber} in the inbox` },
    );
    const standingRow = await wd.findElement(row);
    // textContent: the row's cells cut their text with an ellipsis, which WebDriver's visible text leaves out.
    assert.match(String(await wd.getProperty(standingRow, "textContent")), /蓝田县端到端餐饮有限公司/);
    assert.notEqual(await wd.getAttribute(standingRow, "data-timeliness"), "none", "the acceptance clock runs");
    await screen("inbox");
  });

  test("the officer opens the case: flowchart, clocks, materials; the correction checklist is offered", { timeout: STEP_TIMEOUT }, async () => {
    await wd.click(await wd.findElement(`.inbox-row[data-number="${caseNumber}"]`));
    await wd.waitForElement("#case-heading");
    assert.match(await wd.getText(await wd.findElement("#case-heading")), new RegExp(caseNumber));
    await wd.waitForElement(".case-screen svg");
    await waitForState("received");
    const { actions } = await standing();
    assert.ok(actions.includes("accept"), `accept offered, got ${actions}`);
    await screen("case-received");

    if (actions.includes("request_correction")) {
      await openAction("request_correction");
      await screen("correction");
      await wd.click(await wd.findElement('.dialog[role="dialog"] .dialog-close'));
      await waitFor(async () => (await wd.findElements('.dialog[role="dialog"]')).length === 0, { message: "the correction dialog to close" });
    }
  });

  test("accept: the acceptance notice goes out and the processing clock starts", { timeout: STEP_TIMEOUT }, async () => {
    await openAction("accept");
    await screen("accept");
    await submitDialog();
    await waitFor(async () => (await standing()).state !== "received", { timeout: 20_000, message: "the case to leave received" });
    await screen("case-accepted");
    // The clocks with their explanation, below the flowchart.
    await scrollMainTo("#clocks-heading", `document.querySelector(".case-screen details.clock-explanation")?.setAttribute("open", "");`);
    await screen("case-clocks");
    await scrollMainTo(null);
  });

  test("the steps and the special stage through the offered actions, then the decision with an opinion", { timeout: 300_000 }, async () => {
    let specialDone = false;
    let decided = false;
    for (let round = 0; round < 20 && !decided; round++) {
      const { actions, state } = await standing();
      const pick = (!specialDone && actions.includes("start_special_stage") && "start_special_stage") ||
        (actions.includes("end_special_stage") && "end_special_stage") ||
        (actions.includes("complete_step") && "complete_step") ||
        (actions.includes("start_special_stage") && "start_special_stage") ||
        (actions.includes("decide") && "decide");
      assert.ok(pick, `no way forward offered in state ${state}: ${actions}`);
      console.log(`# ${state}: ${pick} (offered: ${actions.join(", ")})`);
      const before = await signature();
      const dialog = await openAction(pick);
      if (pick === "complete_step") {
        await setValue(await wd.findElement('textarea[name="opinion"]', dialog), "材料齐全，符合法定条件。");
      } else if (pick === "decide") {
        await wd.click(await wd.findElement('input[name="outcome"][value="approved"]', dialog));
        await setValue(await wd.findElement('textarea[name="opinion"]', dialog), "申请材料齐全、符合法定形式，准予许可。");
        await screen("decide");
      } else if (pick === "start_special_stage") {
        await screen("special-stage");
      }
      await submitDialog();
      if (pick === "start_special_stage") {
        specialDone = true;
        await waitFor(async () => (await standing()).actions.includes("end_special_stage"), { timeout: 20_000, message: "the special stage to run" });
        await screen("case-special-stage");
      }
      if (pick === "decide") decided = true;
      // The view read again after the action: the actions offered (or the state) changed.
      await waitFor(async () => (await signature()) !== before, { timeout: 20_000, message: `the case to move on after ${pick}` });
    }
    assert.ok(decided, "the case was decided");
  });

  test("prepare the result, seal it with the PKCS#12 seal and the keyring's password, push it", { timeout: 300_000 }, async () => {
    await waitFor(async () => (await standing()).actions.includes("prepare_result"), { timeout: 20_000, message: "prepare_result offered" });
    await openAction("prepare_result");
    await submitDialog();
    await waitFor(async () => (await standing()).actions.includes("seal_result"), { timeout: 20_000, message: "seal_result offered" });

    const dialog = await openAction("seal_result");
    await setValue(await wd.findElement('input[name="documentNumber"]', dialog), "蓝市监食许〔2026〕1号");
    await setValue(await wd.findElement('input[name="reviewBody"]', dialog), "蓝田县人民政府");
    await setValue(await wd.findElement('input[name="court"]', dialog), "蓝田县人民法院");
    await wd.click(await wd.findElement('input[name="source"][value="pkcs12"]', dialog));
    await setValue(await wd.findElement('input[name="p12Path"]', dialog), path.join(sealDir, "seal.p12"));
    await setValue(await wd.findElement('input[name="keyringEntry"]', dialog), KEYRING_ENTRY);
    await screen("seal-dialog");
    // The letter's preview (pdf.js in the window), before sealing.
    const previewButton = (await wd.findElements(".seal-dialog .form-actions button[type=button]"))[0];
    assert.ok(previewButton, "a preview button");
    await wd.click(previewButton);
    await waitFor(
      async () => {
        const failed = await wd.findElements('.seal-dialog [role="alert"]');
        if (failed.length > 0) throw new Error(`the preview failed: ${await wd.getText(/** @type {any} */ (failed[0]))}`);
        return (await wd.findElements('.seal-dialog canvas.pdf-page[data-drawn="true"]')).length > 0;
      },
      { timeout: 30_000, message: "the letter's preview to be drawn" },
    );
    await screen("seal-preview");
    await submitDialog();
    await waitFor(async () => (await standing()).actions.includes("push_result"), { timeout: 30_000, message: "push_result offered after sealing" });
    await screen("case-sealed");

    await openAction("push_result");
    await submitDialog();
    await waitFor(async () => (await wd.findElements(".actions-panel .result-box")).length > 0 && /已推送/.test(await wd.getText(await wd.findElement(".actions-panel .result-box"))), {
      timeout: 20_000,
      message: "the result shown as pushed",
    });
    await screen("case-pushed");
    // The sealed letter as pushed, in the window's PDF viewer.
    await wd.click(await wd.findElement(".actions-panel .result-box button"));
    await waitFor(async () => (await wd.findElements('.dialog[role="dialog"] canvas.pdf-page[data-drawn="true"]')).length > 0, { timeout: 30_000, message: "the result letter drawn" });
    // Down to the seal over the issuing line.
    await scrollMainTo('.dialog[role="dialog"] canvas.pdf-page', "", "end");
    await screen("result-letter");
    await wd.click(await wd.findElement('.dialog[role="dialog"] .dialog-close'));
    await waitFor(async () => (await wd.findElements('.dialog[role="dialog"]')).length === 0, { message: "the letter's dialog to close" });
  });

  test("after a sync the window unit holds the result, and its seal verifies against the seal's root", { timeout: STEP_TIMEOUT }, async () => {
    const saved = path.join(work, "window-unit", "result.pdf");
    /** @type {any} */ let status = null;
    let pressed = 0;
    await waitFor(
      async () => {
        status = JSON.parse(windowUnit(["status", caseNumber, "--save-result", saved]));
        if (status.state === "60" && existsSync(saved)) return true;
        const button = (await wd.findElements(".status-bar .sync-now:not([disabled])"))[0];
        if (button && pressed++ % 5 === 0) await wd.click(button);
        return false;
      },
      { timeout: 90_000, interval: 1_000, message: "the result at the window unit" },
    );
    assert.equal(status.state, "60", JSON.stringify(status));
    assert.equal(status.result.outcome, "1", JSON.stringify(status));
    assert.match(JSON.stringify(status.result.sent_to), new RegExp(COUNTY_WINDOW));
    assert.equal(readFileSync(saved).subarray(0, 5).toString("latin1"), "%PDF-");
    const report = execFileSync(deskctlBinary, ["--db", windowProfile, "pdf", "verify", saved, "--trust", path.join(sealDir, "ca.pem")], { encoding: "utf8", env, timeout: 60_000 });
    assert.match(report, /verdict: all 1 signature\(s\) valid/);
    assert.match(report, new RegExp(MARKET));
    // The status bar says it synced with nothing left to push.
    await waitFor(async () => /0/.test(await wd.getText(await wd.findElement(".status-bar .status-pending"))), { message: "no pushes queued" });
    await screen("synced");
  });

  test("demo mode: a fresh profile opens on the demo hub's inbox under the demo banner", { timeout: STEP_TIMEOUT }, async () => {
    await wd.deleteSession();
    const demoProfile = path.join(work, "demo-profile", "desk.sqlite3");
    mkdirSync(path.dirname(demoProfile), { recursive: true });
    const wrapper = path.join(work, "approval-desk-demo.sh");
    writeFileSync(
      wrapper,
      ["#!/bin/sh", `export APPROVAL_DESK_DB=${quote(demoProfile)}`, "export APPROVAL_DESK_DEMO=1", "unset APPROVAL_DESK_HUB_PASSWORD APPROVAL_DESK_USER", `exec ${quote(application)} "$@"`, ""].join("\n"),
    );
    chmodSync(wrapper, 0o755);
    await wd.newSession(wrapper, { timeout: 60_000 });
    await wd.setTimeouts({ implicit: 0, script: 30_000 });
    try {
      await wd.setWindowRect({ ...SCREEN, x: 0, y: 0 });
    } catch {
      // the size stays as the window opened
    }
    // The banner, the demo backlog's rows and the sync status, twice a second apart (settled).
    const shown = async () =>
      (await wd.findElements(".demo-banner")).length > 0 && (await wd.findElements(".inbox-row")).length >= 5 && (await wd.findElements(".status-bar .status-online.online")).length > 0;
    await waitFor(async () => (await shown()) && (await new Promise((r) => setTimeout(r, 1_000))) === undefined && (await shown()), {
      timeout: 90_000,
      message: "the demo banner over the demo backlog in the inbox",
    });
    await screen("demo-inbox");
    assert.ok(await shown(), "still the demo inbox after the screenshot");
  });
});
