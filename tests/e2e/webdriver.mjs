// @ts-check
/**
 * A minimal W3C WebDriver client over HTTP (Node 20's fetch), enough to drive
 * the real Approval Desk window through tauri-driver. No npm dependency.
 *
 * Every call is bounded: each HTTP request has a timeout, and `waitFor` polls
 * with a deadline, so a hung app fails the test instead of hanging CI.
 */

/** The W3C key under which an element reference travels. */
export const ELEMENT_KEY = "element-6066-11e4-a4e9-4ba53e7a3e0f";

/**
 * An element reference as the driver sent it. W3C names the key ELEMENT_KEY;
 * Debian 12's WebKitWebDriver (2.4x) sends "element-6066-11e4-a52e-4f735466cecf"
 * instead, so refs are kept as received (and passed back as-is to scripts),
 * and the id is read from whichever "element-6066-…" key is present.
 * @typedef {Record<string, string>} ElementRef
 */

/** The element id inside a reference. @param {ElementRef} ref */
export function elementId(ref) {
  const id = ref?.[ELEMENT_KEY] ?? Object.entries(ref ?? {}).find(([key]) => key.startsWith("element-6066-"))?.[1];
  if (typeof id !== "string") throw new WebDriverError(`not an element reference: ${JSON.stringify(ref)}`);
  return id;
}

export class WebDriverError extends Error {
  /**
   * @param {string} message
   * @param {{ status?: number, error?: string, path?: string }} [details]
   */
  constructor(message, details = {}) {
    super(message);
    this.name = "WebDriverError";
    this.status = details.status;
    this.error = details.error;
    this.path = details.path;
  }
}

/** Sleeps for ms milliseconds. @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a value other than undefined/null/false, or
 * fails after `timeout` ms with `message` and the last error/value seen.
 * @template T
 * @param {() => Promise<T | undefined | null | false>} probe
 * @param {{ timeout?: number, interval?: number, message?: string }} [options]
 * @returns {Promise<T>}
 */
export async function waitFor(probe, { timeout = 15_000, interval = 100, message = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  /** @type {unknown} */ let last;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return /** @type {T} */ (value);
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${detail})`);
    }
    await sleep(interval);
  }
}

export class WebDriver {
  /**
   * @param {string} baseUrl e.g. http://127.0.0.1:4444
   * @param {{ requestTimeout?: number }} [options]
   */
  constructor(baseUrl, { requestTimeout = 30_000 } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.requestTimeout = requestTimeout;
    /** @type {string | null} */
    this.sessionId = null;
  }

  /**
   * One WebDriver command. Returns the response's `value`; throws
   * WebDriverError for a W3C error response or a timeout.
   * @param {"GET" | "POST" | "DELETE"} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {number} [timeout]
   * @returns {Promise<any>}
   */
  async command(method, path, body, timeout = this.requestTimeout) {
    /** @type {Response} */ let response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new WebDriverError(`${method} ${path} failed: ${why}`, { path });
    }
    const text = await response.text();
    /** @type {any} */ let payload;
    try {
      payload = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new WebDriverError(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`, { status: response.status, path });
    }
    const value = payload?.value;
    if (!response.ok || (value && typeof value === "object" && typeof value.error === "string")) {
      const error = value?.error ?? `http ${response.status}`;
      throw new WebDriverError(`${method} ${path}: ${error}: ${value?.message ?? text.slice(0, 300)}`, { status: response.status, error, path });
    }
    return value;
  }

  /** @param {string} suffix */
  sessionPath(suffix = "") {
    if (!this.sessionId) throw new WebDriverError("no session");
    return `/session/${this.sessionId}${suffix}`;
  }

  /** GET /status: resolves to the status value (ready or not). */
  status() {
    return this.command("GET", "/status", undefined, 2_000);
  }

  /**
   * Starts the app through tauri-driver.
   * @param {string} application absolute path of the app binary
   * @param {{ timeout?: number }} [options]
   */
  async newSession(application, { timeout = 60_000 } = {}) {
    const value = await this.command(
      "POST",
      "/session",
      { capabilities: { alwaysMatch: { "tauri:options": { application } } } },
      timeout,
    );
    this.sessionId = value.sessionId;
    return value;
  }

  async deleteSession() {
    if (!this.sessionId) return;
    try {
      await this.command("DELETE", this.sessionPath(), undefined, 15_000);
    } finally {
      this.sessionId = null;
    }
  }

  /** @param {{ implicit?: number, pageLoad?: number, script?: number }} timeouts */
  setTimeouts(timeouts) {
    return this.command("POST", this.sessionPath("/timeouts"), timeouts);
  }

  /** @returns {Promise<string>} */
  getTitle() {
    return this.command("GET", this.sessionPath("/title"));
  }

  /**
   * @param {string} css
   * @param {ElementRef} [from] search inside this element
   * @returns {Promise<ElementRef>}
   */
  async findElement(css, from) {
    const base = from ? `/element/${elementId(from)}/element` : "/element";
    return this.command("POST", this.sessionPath(base), { using: "css selector", value: css });
  }

  /**
   * @param {string} css
   * @param {ElementRef} [from]
   * @returns {Promise<ElementRef[]>}
   */
  async findElements(css, from) {
    const base = from ? `/element/${elementId(from)}/elements` : "/elements";
    return this.command("POST", this.sessionPath(base), { using: "css selector", value: css });
  }

  /**
   * Waits until `css` matches an element and returns it.
   * @param {string} css
   * @param {{ timeout?: number }} [options]
   */
  waitForElement(css, { timeout = 15_000 } = {}) {
    return waitFor(async () => (await this.findElements(css))[0], { timeout, message: `element ${css}` });
  }

  /** @param {ElementRef} element */
  click(element) {
    return this.command("POST", this.sessionPath(`/element/${elementId(element)}/click`), {});
  }

  /** @param {ElementRef} element */
  clear(element) {
    return this.command("POST", this.sessionPath(`/element/${elementId(element)}/clear`), {});
  }

  /** @param {ElementRef} element @param {string} text */
  sendKeys(element, text) {
    return this.command("POST", this.sessionPath(`/element/${elementId(element)}/value`), { text });
  }

  /** @param {ElementRef} element @returns {Promise<string>} */
  getText(element) {
    return this.command("GET", this.sessionPath(`/element/${elementId(element)}/text`));
  }

  /** @param {ElementRef} element @param {string} name @returns {Promise<string | null>} */
  getAttribute(element, name) {
    return this.command("GET", this.sessionPath(`/element/${elementId(element)}/attribute/${encodeURIComponent(name)}`));
  }

  /** @param {ElementRef} element @param {string} name @returns {Promise<any>} */
  getProperty(element, name) {
    return this.command("GET", this.sessionPath(`/element/${elementId(element)}/property/${encodeURIComponent(name)}`));
  }

  /** @param {ElementRef} element @returns {Promise<boolean>} */
  isSelected(element) {
    return this.command("GET", this.sessionPath(`/element/${elementId(element)}/selected`));
  }

  /**
   * Runs a synchronous script in the page; element refs in args arrive as DOM elements.
   * @param {string} script function body
   * @param {unknown[]} [args]
   */
  executeScript(script, args = []) {
    return this.command("POST", this.sessionPath("/execute/sync"), { script, args });
  }

  /**
   * Runs an asynchronous script: it ends by calling its last argument with
   * the result (W3C "execute async script"), e.g. after awaiting a promise.
   * @param {string} script function body
   * @param {unknown[]} [args]
   */
  executeAsyncScript(script, args = []) {
    return this.command("POST", this.sessionPath("/execute/async"), { script, args });
  }

  /**
   * Resizes (and moves) the window.
   * @param {{ width?: number, height?: number, x?: number, y?: number }} rect
   */
  setWindowRect(rect) {
    return this.command("POST", this.sessionPath("/window/rect"), rect);
  }

  /**
   * Base64 PNG of the window's page.
   *
   * WebKitWebDriver answers a screenshot after the page's next paint. The
   * app's window draws without GPU compositing (src-tauri/src/
   * webview_setup.rs), and a page drawn that way paints only when
   * something on it changes: an idle screen never paints again, and the
   * screenshot never comes. So while the screenshot is taken, one
   * transparent pixel in the corner changes its opacity on every frame.
   * @returns {Promise<string>}
   */
  async screenshot() {
    await this.executeScript(
      `const pixel = document.createElement("div");
       pixel.id = "e2e-repaint";
       pixel.setAttribute("aria-hidden", "true");
       pixel.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647;background:#000;opacity:0";
       document.body.append(pixel);
       let odd = false;
       const tick = () => {
         if (!pixel.isConnected) return;
         odd = !odd;
         pixel.style.opacity = odd ? "0.001" : "0";
         requestAnimationFrame(tick);
       };
       requestAnimationFrame(tick);`,
    );
    try {
      return await this.command("GET", this.sessionPath("/screenshot"));
    } finally {
      await this.executeScript(`document.getElementById("e2e-repaint")?.remove();`).catch(() => undefined);
    }
  }

  /** Text of the first element matching css (throws no such element). @param {string} css */
  async textOf(css) {
    return this.getText(await this.findElement(css));
  }
}
