// The app benchmark: Ketalog's cold start and memory, each as a ratio to a
// bare Tauri 2 window built the same way on the same machine
// (crates/bare-window). `./dev bench-app` builds the release binaries and the
// ten-year journal, then runs this on a virtual display.
//
// Cold start: from the exec of the binary to the page being usable. Each
// binary is started through a small wrapper that notes the time and its
// process id, then execs it; the pages mark the moment they are usable
// ("ketalog:unlock-ready" when the unlock form is shown with its passphrase
// field focused, "ketalog:ready" when the bare page's input is focused), and
// the mark is read through WebDriver afterwards, as an epoch time
// (performance.timeOrigin + startTime). Runs alternate app, bare, app, bare…
// after one warm-up pair that is not counted.
//
// Memory: the proportional set size (PSS, from /proc/PID/smaps_rollup)
// summed over the binary's process and all its descendants (WebKit's web
// and network processes). PSS shares each shared page among the processes
// mapping it, so shared libraries are not counted once per process as
// resident size would. The app is unlocked on the ten-year journal and the
// Trends screen shown over everything ("Everything", the widest range); once
// its charts are in the page the app is left to settle, then sampled several
// times and the median taken. The bare window is sampled the same way once
// its page is ready.
//
// Both binaries run under the same WebDriver automation (tauri-driver and
// WebKitWebDriver), so whatever that costs is on both sides. They draw
// without accelerated compositing, as the end-to-end tests do
// (WEBKIT_DISABLE_COMPOSITING_MODE=1, no GPU on a virtual display);
// KETALOG_BENCH_COMPOSITING=1 turns it on instead (software GL there). In
// the mode without it, WebKit sometimes waits up to half a second for the
// web process's first paint while it starts, so cold starts of both
// binaries fall into two groups about 500 ms apart; the figures give the
// quartiles beside the median for that reason.
//
// PSS divides shared pages among every process mapping them, including
// processes outside the measured tree: another WebKit app running at the
// same time lowers both binaries' figures. The script says when it saw one.
//
// Environment:
//   KETALOG_BENCH_APP         the app binary (release builds for the figures)
//   KETALOG_BENCH_BARE        the bare window binary, built the same way
//   KETALOG_BENCH_VAULT       a journal to unlock (ketalog-proof ten-year-vault)
//   KETALOG_PASSPHRASE        its passphrase
//   KETALOG_BENCH_RUNS        counted cold starts of each (15)
//   KETALOG_BENCH_MEMORY_RUNS launches of each for memory (3)
//   KETALOG_BENCH_SAMPLES     memory samples per launch (7), one a second
//   KETALOG_BENCH_SETTLE_MS   wait before sampling (5000)
//   KETALOG_BENCH_COMPOSITING 1: draw with accelerated compositing (off)
//   KETALOG_BENCH_OUT         where to write the figures as JSON (optional)
//   KETALOG_BENCH_TRAY        1: notifications on (a reminder schedule beside
//                             the journal, so the tray icon and the notifier
//                             start with the app), and one more measure: the
//                             memory of the app started at login straight to
//                             the tray (--in-tray: no window, journal locked)
//   KETALOG_BENCH_MAP         1: instead of the above, where the memory goes:
//                             one launch of each, each process's PSS by kind
//                             of mapping (the binary, other files, shared
//                             libraries, anonymous memory) at each step from
//                             the unlock screen to Trends over ten years
// A smoke run (counts of 1, no settling; `./dev test` makes one on debug
// builds) checks that the benchmark works, not the figures.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { count, median, ms, quantile, required, unlock, verdict } from "./bench-common.mjs";
import { launch, shown } from "./harness.mjs";

const COLD_START_BUDGET = 1.1;
const MEMORY_BUDGET = 1.2;

const RUNS = Math.max(1, count("KETALOG_BENCH_RUNS", 15));
const MEMORY_RUNS = Math.max(1, count("KETALOG_BENCH_MEMORY_RUNS", 3));
const SAMPLES = Math.max(1, count("KETALOG_BENCH_SAMPLES", 7));
const SETTLE_MS = count("KETALOG_BENCH_SETTLE_MS", 5000);
const QUIET_MS = 1000;
// What the binaries are started with beyond the harness's environment.
const EXTRA_ENV = process.env.KETALOG_BENCH_COMPOSITING === "1" ? { WEBKIT_DISABLE_COMPOSITING_MODE: "0" } : {};
const PASSPHRASE = required("KETALOG_PASSPHRASE");
const TRAY = process.env.KETALOG_BENCH_TRAY === "1";
const MAP = process.env.KETALOG_BENCH_MAP === "1";
const VAULT = required("KETALOG_BENCH_VAULT");

const work = mkdtempSync(join(tmpdir(), "ketalog-bench-"));

/**
 * One of the two binaries: its wrapper, its home folder (kept across its
 * runs, as a person's configuration and WebKit caches are kept across
 * launches) and the mark its page sets when usable.
 */
function subject(name, binary, mark) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing (./dev bench-app builds it)`);
  const home = join(work, name);
  mkdirSync(home, { recursive: true });
  const wrapper = join(work, `${name}-exec`);
  // `$$` is kept by exec: it is the measured process's id.
  writeFileSync(
    wrapper,
    `#!/bin/bash\nprintf '%s %s\\n' "$EPOCHREALTIME" "$$" > "$KETALOG_BENCH_STAMP"\nexec ${JSON.stringify(binary)} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  return { name, binary, home, wrapper, mark };
}

const app = subject("app", required("KETALOG_BENCH_APP"), "ketalog:unlock-ready");
const bare = subject("bare", required("KETALOG_BENCH_BARE"), "ketalog:ready");
// The app opens the journal at home/journal.db (the harness sets KETALOG_VAULT
// so); a copy, so the benchmark's runs never change the original.
for (const suffix of ["", ".key"]) copyFileSync(VAULT + suffix, join(app.home, `journal.db${suffix}`));

/**
 * Notifications on, as far as the app can tell while locked: a reminder
 * schedule beside the journal (nothing due), with "keep running in the
 * tray" answered. Unlocking the benchmark journal (notifications off in its
 * profile) removes it again.
 */
function putSchedule() {
  const now = new Date();
  const schedule = {
    format: "ketalog-schedule",
    version: 1,
    since: now.toISOString().slice(0, 10),
    checked_through: now.toISOString(),
    hide_kind: false,
    close_to_tray: true,
    notices: [],
    snoozes: [],
  };
  writeFileSync(join(app.home, "journal.db.schedule"), JSON.stringify(schedule), { mode: 0o600 });
}

function alive(pid) {
  return existsSync(`/proc/${pid}`);
}

/** Starts `s` through its wrapper; returns the session, the exec time (epoch ms) and the process id. */
async function start(s) {
  const stamp = join(work, `${s.name}.stamp`);
  rmSync(stamp, { force: true });
  const session = await launch({ home: s.home, application: s.wrapper, env: { ...EXTRA_ENV, KETALOG_BENCH_STAMP: stamp } });
  for (let waited = 0; !existsSync(stamp); waited += 50) {
    if (waited > 10_000) throw new Error(`${s.name}: the wrapper never ran`);
    await sleep(50);
  }
  const [seconds, pid] = readFileSync(stamp, "utf8").trim().split(" ");
  return { session, execMs: Number(seconds) * 1000, pid: Number(pid) };
}

/**
 * Closes the session and waits until the measured process and its
 * descendants are gone (by their ids), then lets the machine be quiet for
 * a moment, so that no run starts beside the end of the one before.
 */
async function stop(run) {
  const pids = [run.pid, ...descendants(run.pid)];
  await run.session.quit();
  for (let waited = 0; pids.some(alive); waited += 100) {
    if (waited > 15_000) {
      for (const pid of pids.filter(alive)) process.kill(pid, "SIGKILL");
      await sleep(300);
      break;
    }
    await sleep(100);
  }
  await sleep(QUIET_MS);
}

/**
 * The page's mark as {origin, ready}: epoch ms of the navigation start and
 * of the mark. The page is left alone at first, so that reading does not
 * compete with starting; then asked every 100 ms.
 */
async function readMark(browser, mark) {
  await sleep(1500);
  for (let waited = 0; waited < 30_000; waited += 100) {
    const found = await browser.execute((name) => {
      const entry = performance.getEntriesByName(name, "mark")[0];
      return entry ? { origin: performance.timeOrigin, ready: performance.timeOrigin + entry.startTime } : null;
    }, mark);
    if (found) return found;
    await sleep(100);
  }
  throw new Error(`the page never set the mark ${mark}`);
}

/** Every process below `root` (its children, theirs, …), found through /proc. */
function descendants(root) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces; the parent id follows it.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift();
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** PSS in KiB of one process, or null if it is gone. */
function pssKiB(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)[1]);
  } catch {
    return null;
  }
}

/** The process's kind: the measured binary itself, or its command name (WebKitWebProcess…). */
function kind(pid, root) {
  if (pid === root) return "main process";
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

/** WebKit web processes running outside the measured tree (they share its libraries' pages). */
function otherWebProcesses(measured) {
  let n = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || measured.includes(Number(entry))) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").startsWith("WebKitWebProces")) n += 1;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

/** One sample: PSS (KiB) per process kind and in total, over `root` and its descendants. */
function sample(root) {
  const byKind = {};
  let total = 0;
  const pids = [root, ...descendants(root)];
  const others = otherWebProcesses(pids);
  if (others > 0) console.error(`  note: ${others} other WebKit web process(es) running; shared pages are split with them`);
  for (const pid of pids) {
    const pss = pssKiB(pid);
    if (pss === null) continue;
    const k = kind(pid, root);
    byKind[k] = (byKind[k] ?? 0) + pss;
    total += pss;
  }
  return { total, byKind };
}

/** The median sample (by total) of several, one a second, after the settle delay. */
async function memory(root) {
  await sleep(SETTLE_MS);
  const samples = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    if (i > 0) await sleep(1000);
    samples.push(sample(root));
  }
  samples.sort((a, b) => a.total - b.total);
  return samples[Math.floor(samples.length / 2)];
}

async function coldStart(s) {
  const run = await start(s);
  try {
    const { origin, ready } = await readMark(run.session.browser, s.mark);
    return { total: ready - run.execMs, toPage: origin - run.execMs, inPage: ready - origin };
  } finally {
    await stop(run);
  }
}

/**
 * Unlocks the app and shows Trends over everything, waiting for its charts.
 * `at(step)` is awaited on the way: on Today, and on Trends over 90 days.
 */
async function openTrendsOverEverything(browser, at = async () => {}) {
  await unlock(browser, PASSPHRASE);
  await at("Today");
  await (await shown(browser, "#nav-trends")).click();
  await shown(browser, 'main[data-screen="trends"]');
  const charts = () =>
    browser.execute(() => {
      const body = document.getElementById("trends-body");
      if (!body || body.getAttribute("aria-busy") !== "false") return null;
      // The rows each chart's data table would hold ("Data table (3650 rows)").
      const rows = Array.from(body.querySelectorAll("figure.chart summary")).map((s) => Number(/\d+/.exec(s.textContent ?? "")?.[0] ?? 0));
      return { charts: body.querySelectorAll("figure.chart svg").length, rows: rows.reduce((a, b) => a + b, 0) };
    });
  // The screen opens on the last 90 days; wait for those charts first.
  let before = null;
  await browser.waitUntil(async () => (before = await charts())?.charts > 0, { timeout: 30_000, timeoutMsg: "no charts" });
  await at("Trends, 90 days");
  const clicked = await browser.execute(() => {
    const button = Array.from(document.querySelectorAll(".presets button")).find((b) => b.textContent === "Everything");
    button?.click();
    return button !== undefined;
  });
  if (!clicked) throw new Error('the Trends screen has no "Everything" range');
  // Ten years hold far more rows than 90 days.
  let after = null;
  await browser.waitUntil(async () => (after = await charts())?.rows > before.rows, {
    timeout: 60_000,
    timeoutMsg: "the charts never showed everything",
  });
  return after;
}

async function memoryRun(s) {
  const run = await start(s);
  try {
    const { browser } = run.session;
    await readMark(browser, s.mark);
    if (s === bare) return { ready: await memory(run.pid) };
    const atUnlock = await memory(run.pid);
    const trends = await openTrendsOverEverything(browser);
    const ready = await memory(run.pid);
    return { atUnlock, ready, trends };
  } finally {
    await stop(run);
  }
}

const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;

/**
 * PSS in KiB of one process by kind of mapping (/proc/PID/smaps): the
 * measured binary's own file, other mapped files, shared libraries, and
 * anonymous memory (heap, stacks, JavaScript heap, shared memory).
 */
function mappings(pid, binary) {
  const by = { binary: 0, files: 0, libraries: 0, anonymous: 0 };
  let current = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const name = head[1];
      if (name === binary) current = "binary";
      else if (/\.so(\.|$)/.test(name)) current = "libraries";
      else if (name.startsWith("/") && !name.startsWith("/SYSV") && !name.startsWith("/memfd:")) current = "files";
      else current = "anonymous";
      continue;
    }
    const pss = /^Pss:\s+(\d+) kB/.exec(line);
    if (pss && current) by[current] += Number(pss[1]);
  }
  return by;
}

/** One sample of every process below `root`, each by kind of mapping, after the settle delay. */
async function mapSample(root, binary) {
  await sleep(SETTLE_MS);
  const byProcess = {};
  for (const pid of [root, ...descendants(root)]) {
    try {
      const k = kind(pid, root);
      const m = mappings(pid, binary);
      const into = (byProcess[k] ??= { binary: 0, files: 0, libraries: 0, anonymous: 0 });
      for (const [part, kib] of Object.entries(m)) into[part] += kib;
    } catch {
      // gone meanwhile
    }
  }
  return byProcess;
}

/**
 * Where the memory goes: one launch of the bare window and one of the app,
 * each process's PSS by kind of mapping, for the app at each step from the
 * unlock screen to Trends over ten years (and once more after showing
 * them again), printed as a table.
 */
async function memoryMap() {
  const columns = [];
  let run = await start(bare);
  try {
    await readMark(run.session.browser, bare.mark);
    columns.push(["bare window", await mapSample(run.pid, bare.binary)]);
  } finally {
    await stop(run);
  }
  run = await start(app);
  try {
    const { browser } = run.session;
    await readMark(browser, app.mark);
    const at = async (step) => columns.push([step, await mapSample(run.pid, app.binary)]);
    await at("unlock screen");
    await openTrendsOverEverything(browser, at);
    await at("Trends, ten years");
    // The same range again: what a second `charts` answer leaves behind.
    await browser.execute(() => Array.from(document.querySelectorAll(".presets button")).find((b) => b.textContent === "Everything")?.click());
    await browser.waitUntil(() => browser.execute(() => document.getElementById("trends-body")?.getAttribute("aria-busy") === "false"));
    await at("… shown again");
  } finally {
    await stop(run);
  }
  const rows = [];
  const processes = [...new Set(columns.flatMap(([, c]) => Object.keys(c)))].sort();
  for (const p of processes) {
    for (const part of ["binary", "files", "libraries", "anonymous"]) {
      const cells = columns.map(([, c]) => c[p]?.[part] ?? 0);
      if (cells.some((kib) => kib >= 512)) rows.push(`| ${p}: ${part} | ${cells.map(mib).join(" | ")} |`);
    }
  }
  const totals = columns.map(([, c]) => Object.values(c).reduce((sum, m) => sum + m.binary + m.files + m.libraries + m.anonymous, 0));
  console.log([`| MiB of PSS | ${columns.map(([step]) => step).join(" | ")} |`, `|---|${columns.map(() => "---").join("|")}|`, ...rows, `| all | ${totals.map(mib).join(" | ")} |`].join("\n"));
}

/** The median of each kind's PSS over several samples. */
function medianByKind(samples) {
  const kinds = [...new Set(samples.flatMap((s) => Object.keys(s.byKind)))].sort();
  return Object.fromEntries(kinds.map((k) => [k, median(samples.map((s) => s.byKind[k] ?? 0))]));
}

/**
 * The app as started at login with notifications on: straight to the tray,
 * no window. Started directly (WebDriver needs a window), with the
 * harness's environment; sampled like the others, then ended.
 */
async function trayMemory() {
  putSchedule();
  const child = spawn(app.binary, ["--in-tray"], {
    env: {
      ...process.env,
      ...EXTRA_ENV,
      KETALOG_VAULT: join(app.home, "journal.db"),
      XDG_CONFIG_HOME: join(app.home, "config"),
      XDG_DATA_HOME: join(app.home, "data"),
      XDG_CACHE_HOME: join(app.home, "cache"),
      WEBKIT_DISABLE_COMPOSITING_MODE: process.env.WEBKIT_DISABLE_COMPOSITING_MODE ?? "1",
    },
    stdio: "ignore",
  });
  try {
    await sleep(1000);
    if (child.exitCode !== null) throw new Error(`the app in the tray exited with ${child.exitCode}`);
    return await memory(child.pid);
  } finally {
    const pids = [child.pid, ...descendants(child.pid)];
    child.kill("SIGTERM");
    for (let waited = 0; pids.some(alive) && waited < 10_000; waited += 100) await sleep(100);
    for (const pid of pids.filter(alive)) process.kill(pid, "SIGKILL");
    await sleep(QUIET_MS);
  }
}

async function main() {
  if (MAP) return memoryMap();
  if (TRAY) putSchedule();
  console.error(`cold start${TRAY ? " (notifications on: tray icon and notifier)" : ""}: 1 warm-up pair, then ${RUNS} runs of each, alternating`);
  const starts = { app: [], bare: [] };
  for (let i = 0; i <= RUNS; i += 1) {
    for (const s of [app, bare]) {
      const t = await coldStart(s);
      if (i > 0) starts[s.name].push(t);
      console.error(`  ${i === 0 ? "warm-up" : `run ${i}`} ${s.name}: ${ms(t.total)} (exec to page ${ms(t.toPage)}, page ${ms(t.inPage)})`);
    }
  }
  console.error(`memory: ${MEMORY_RUNS} launches of each, ${SAMPLES} samples after ${SETTLE_MS} ms`);
  const mem = { app: [], bare: [] };
  for (let i = 0; i < MEMORY_RUNS; i += 1) {
    for (const s of [app, bare]) {
      const m = await memoryRun(s);
      mem[s.name].push(m);
      console.error(`  run ${i + 1} ${s.name}: ${mib(m.ready.total)}${m.atUnlock ? ` (at the unlock screen ${mib(m.atUnlock.total)})` : ""}`);
    }
  }

  const tray = [];
  if (TRAY) {
    console.error(`memory in the tray: ${MEMORY_RUNS} launches, ${SAMPLES} samples after ${SETTLE_MS} ms`);
    for (let i = 0; i < MEMORY_RUNS; i += 1) {
      tray.push(await trayMemory());
      console.error(`  run ${i + 1} app in the tray: ${mib(tray[i].total)}`);
    }
  }

  const startMedian = (name, key) => median(starts[name].map((t) => t[key]));
  const startRatio = startMedian("app", "total") / startMedian("bare", "total");
  const quartiles = (name) => {
    const totals = starts[name].map((t) => t.total);
    return `${ms(quantile(totals, 0.25))} – ${ms(quantile(totals, 0.75))}`;
  };
  const appPss = median(mem.app.map((m) => m.ready.total));
  const barePss = median(mem.bare.map((m) => m.ready.total));
  const unlockPss = median(mem.app.map((m) => m.atUnlock.total));
  const memoryRatio = appPss / barePss;
  const appKinds = medianByKind(mem.app.map((m) => m.ready));
  const unlockKinds = medianByKind(mem.app.map((m) => m.atUnlock));
  const bareKinds = medianByKind(mem.bare.map((m) => m.ready));

  const lines = [
    `| measure | app | bare window | ratio (budget) |`,
    `|---|---|---|---|`,
    `| cold start: exec to a usable page, median of ${RUNS} | ${ms(startMedian("app", "total"))} | ${ms(startMedian("bare", "total"))} | ${verdict(startRatio, COLD_START_BUDGET)} (≤ ${COLD_START_BUDGET}×) |`,
    `| … 25th and 75th percentiles | ${quartiles("app")} | ${quartiles("bare")} | |`,
    `| … exec to the page's navigation start | ${ms(startMedian("app", "toPage"))} | ${ms(startMedian("bare", "toPage"))} | |`,
    `| … navigation start to usable | ${ms(startMedian("app", "inPage"))} | ${ms(startMedian("bare", "inPage"))} | |`,
    `| memory (PSS, all processes), Trends over ten years; median of ${MEMORY_RUNS} launches | ${mib(appPss)} | ${mib(barePss)} | ${verdict(memoryRatio, MEMORY_BUDGET)} (≤ ${MEMORY_BUDGET}×) |`,
  ];
  for (const k of [...new Set([...Object.keys(appKinds), ...Object.keys(bareKinds)])].sort()) {
    lines.push(`| … ${k} | ${mib(appKinds[k] ?? 0)} | ${mib(bareKinds[k] ?? 0)} | |`);
  }
  lines.push(`| memory at the unlock screen (for comparison) | ${mib(unlockPss)} | ${mib(barePss)} | ${(unlockPss / barePss).toFixed(2)}× |`);
  for (const k of Object.keys(unlockKinds).sort()) {
    lines.push(`| … ${k} | ${mib(unlockKinds[k])} | ${mib(bareKinds[k] ?? 0)} | |`);
  }
  if (TRAY) {
    const trayPss = median(tray.map((m) => m.total));
    lines.push(`| memory in the tray (started at login: no window, journal locked) | ${mib(trayPss)} | ${mib(barePss)} | ${(trayPss / barePss).toFixed(2)}× |`);
    const trayKinds = medianByKind(tray);
    for (const k of Object.keys(trayKinds).sort()) lines.push(`| … ${k} | ${mib(trayKinds[k])} | | |`);
  }
  if (RUNS < 5 || MEMORY_RUNS < 2) lines.unshift("(a smoke run: too few runs for these figures to mean anything)\n");
  console.log(lines.join("\n"));
  if (process.env.KETALOG_BENCH_OUT) {
    writeFileSync(process.env.KETALOG_BENCH_OUT, JSON.stringify({ starts, memory: mem, tray }, null, 2));
  }
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
