// Starts the built app under tauri-driver (which drives WebKitWebDriver) and
// hands the tests a WebdriverIO session on it. Each app gets its own journal
// (KETALOG_VAULT) and file folder (KETALOG_E2E_DIR).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";

const targetDir = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME ?? ".", ".cache/ketalog-target");
export const APP = process.env.KETALOG_APP_BINARY ?? join(targetDir, "debug", "ketalog-app");
/** The `ketalog` command, to prepare journals (`ketalog demo`). */
export const CLI = process.env.KETALOG_CLI_BINARY ?? join(targetDir, "debug", "ketalog");
export const SCREENSHOTS = process.env.KETALOG_SCREENSHOTS ?? join(targetDir, "e2e-screenshots");
const DRIVER = process.env.TAURI_DRIVER ?? "tauri-driver";
/**
 * A TCP port nothing listens on now. Each launch takes fresh ones, so that
 * nothing left behind (a driver still closing, or one from an earlier,
 * interrupted run) can answer for the new app.
 */
async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a process whose command line contains `pattern` is running. */
function running(pattern) {
  try {
    execFileSync("pgrep", ["-f", pattern], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until no process matching `pattern` runs; after `ms`, kills what is
 * left. The app is single-instance: a new launch while the previous app is
 * still shutting down would hand over to it and exit.
 */
async function gone(pattern, ms = 15_000) {
  for (let waited = 0; waited < ms; waited += 100) {
    if (!running(pattern)) return;
    await sleep(100);
  }
  try {
    execFileSync("pkill", ["-KILL", "-f", pattern], { stdio: "ignore" });
  } catch {
    // already gone
  }
  await sleep(300);
}

mkdirSync(SCREENSHOTS, { recursive: true });

async function waitForPort(port, child) {
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok || response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/**
 * A running app on a fresh (or given) journal: the journal is `home`/journal.db.
 * `application` is the binary tauri-driver starts (the app unless told
 * otherwise: the benchmark starts it, or its baseline, through a wrapper);
 * `env` adds to the environment the app is started with.
 */
export async function launch({ home, application = APP, env: extraEnv = {} } = {}) {
  const dir = home ?? mkdtempSync(join(tmpdir(), "ketalog-e2e-"));
  const files = join(dir, "files");
  mkdirSync(files, { recursive: true });
  // The app's temporary files go here, where the tests can look at them.
  const tmp = join(dir, "tmp");
  mkdirSync(tmp, { recursive: true });
  const env = {
    ...process.env,
    TMPDIR: tmp,
    KETALOG_VAULT: join(dir, "journal.db"),
    KETALOG_E2E_DIR: files,
    // Window state and WebKit caches stay inside the test folder.
    XDG_CONFIG_HOME: join(dir, "config"),
    XDG_DATA_HOME: join(dir, "data"),
    XDG_CACHE_HOME: join(dir, "cache"),
    WEBKIT_DISABLE_COMPOSITING_MODE: "1",
    NO_AT_BRIDGE: "1",
    // One locale whatever the machine's: setup fills the crisis line from
    // the locale's country, and the tests expect the United States' line.
    // (WebKit takes the page's language from LANGUAGE, which needs no
    // installed locale.)
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    LANGUAGE: "en_US",
    ...extraEnv,
  };
  await gone(application);
  const port = await freePort();
  let nativePort = await freePort();
  while (nativePort === port) nativePort = await freePort();
  const driver = spawn(DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForPort(port, driver);
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "warn",
    connectionRetryCount: 0,
    connectionRetryTimeout: 30_000,
    capabilities: { "tauri:options": { application }, "wdio:enforceWebDriverClassic": true },
  });
  await browser.setTimeout({ implicit: 0 });
  return {
    dir,
    files,
    browser,
    async quit() {
      await browser.deleteSession().catch(() => undefined);
      driver.kill("SIGTERM");
      await new Promise((resolve) => (driver.exitCode !== null ? resolve() : driver.once("exit", resolve)));
      await gone(application);
      await gone(`WebKitWebDriver.*${nativePort}`);
    },
  };
}

/**
 * Saves a screenshot of the window as SCREENSHOTS/name.png.
 *
 * WebKitGTK takes the screenshot after the page's next presentation update,
 * and a page at rest (nothing repainting) never has one: the request then
 * hangs. A 1-pixel, near-transparent square that repaints every frame while
 * the screenshot is taken gives it that update; it is removed afterwards.
 */
export async function screenshot(browser, name) {
  await browser.execute(() => {
    const dot = document.createElement("div");
    dot.id = "e2e-repaint";
    Object.assign(dot.style, { position: "fixed", right: "0", bottom: "0", width: "1px", height: "1px", pointerEvents: "none" });
    document.body.append(dot);
    let frame = 0;
    const tick = () => {
      if (!dot.isConnected) return;
      frame += 1;
      dot.style.background = frame % 2 ? "rgba(0,0,0,0.01)" : "rgba(0,0,0,0.02)";
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  try {
    const png = await browser.takeScreenshot();
    writeFileSync(join(SCREENSHOTS, `${name}.png`), Buffer.from(png, "base64"));
  } finally {
    await browser.execute(() => document.getElementById("e2e-repaint")?.remove());
  }
}

/** The element, once it is displayed. */
export async function shown(browser, selector, timeout = 10_000) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout });
  return el;
}

async function reveal(browser, el) {
  await browser.execute((e) => e.scrollIntoView({ block: "center" }), el);
}

export async function click(browser, selector) {
  const el = await shown(browser, selector);
  await reveal(browser, el);
  await el.click();
}

export async function type(browser, selector, text) {
  const el = await shown(browser, selector);
  await reveal(browser, el);
  await el.clearValue();
  await el.setValue(text);
}

/** Picks an option of a select, once it is in view. */
export async function choose(browser, selector, value) {
  const el = await shown(browser, selector);
  await reveal(browser, el);
  await el.selectByAttribute("value", value);
}

/** Waits until the status line says `text`. */
export async function statusSays(browser, text, timeout = 10_000) {
  await browser.waitUntil(async () => (await (await browser.$("#status-line")).getText()).includes(text), {
    timeout,
    timeoutMsg: `the status line never said ${JSON.stringify(text)}`,
  });
}

/** Waits for the screen `name` (main[data-screen]). */
export async function onScreen(browser, name) {
  await shown(browser, `main[data-screen="${name}"]`);
}

/** Waits until no part of the screen is still loading (aria-busy), then for the layout to settle. */
export async function settled(browser) {
  await browser.waitUntil(async () => browser.execute(() => document.querySelector('[aria-busy="true"]') === null), { timeout: 20_000 });
  await sleep(400);
}

/** Switches the app to the light or dark theme, as Settings does. */
export async function setTheme(browser, name) {
  await browser.execute((t) => {
    window.localStorage.setItem("ketalog.theme", t);
    document.documentElement.setAttribute("data-theme", t);
  }, name);
}

/**
 * The app on a new sample journal (`ketalog demo`, a year of entries), unlocked
 * on Today. Returns the launched app and the journal's folder.
 */
export async function launchOnSampleJournal(passphrase, prefix = "ketalog-e2e-sample-") {
  const home = mkdtempSync(join(tmpdir(), prefix));
  execFileSync(CLI, ["demo"], { env: { ...process.env, KETALOG_VAULT: join(home, "journal.db"), KETALOG_PASSPHRASE: passphrase }, stdio: "pipe" });
  const app = await launch({ home });
  await app.browser.setWindowSize(1280, 800);
  await type(app.browser, "#unlock-passphrase", passphrase);
  await click(app.browser, "#unlock-submit");
  await onScreen(app.browser, "today");
  return { app, home };
}

/** Sets a date or datetime-local input as a person would (WebDriver cannot type into their segments). */
export async function setInput(browser, selector, value) {
  await browser.execute(
    (sel, v) => {
      const input = document.querySelector(sel);
      input.value = v;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    },
    selector,
    value,
  );
}
