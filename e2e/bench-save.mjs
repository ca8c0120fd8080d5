// The save benchmark: how long saving one check-in takes, from the click on
// "Save check-in" to its confirmation on screen, on the ten-year journal and
// on a one-month journal (`ketalog-proof month-vault`: the ten-year
// journal's last 30 days). What one action costs must not grow with the
// journal: the budget is the ten-year median within 1.5× of the one-month
// median. `./dev bench-app` runs it after the cold start and memory.
//
// Timed inside the page, so that WebDriver's own round trips are not in the
// figure: the form is filled through WebDriver (a click on a mood), then one
// script clicks "Save check-in" and notes performance.now(); a mutation
// observer waits for the confirmation (the status line saying "Check-in
// saved." and the Today screen drawn again, with a fresh form and one more
// check-in under "Logged today"), and the time is taken in the next
// animation frame, the one that shows it. That covers the whole path: the
// form read, the IPC call, the durable write, the rules, the reminder plan,
// the answer, and the screen drawn again.
//
// Each launch unlocks a fresh copy of its journal, makes one unmeasured
// save (the first save on a screen runs code for the first time), then the
// measured ones; the launches alternate between the two journals.
//
// Environment:
//   KETALOG_BENCH_APP          the app binary
//   KETALOG_BENCH_VAULT        the ten-year journal
//   KETALOG_BENCH_MONTH_VAULT  the one-month journal
//   KETALOG_PASSPHRASE         their passphrase
//   KETALOG_BENCH_SAVE_ROUNDS  launches of each (3)
//   KETALOG_BENCH_SAVES        measured saves per launch (5)
//   KETALOG_BENCH_OUT          where bench-app writes its JSON; the saves go
//                              beside it, with `-save` before `.json`
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count, median, quantile, required, unlock, verdict } from "./bench-common.mjs";
import { click, launch, shown } from "./harness.mjs";

const SAVE_BUDGET = 1.5;
const ROUNDS = Math.max(1, count("KETALOG_BENCH_SAVE_ROUNDS", 3));
const SAVES = Math.max(1, count("KETALOG_BENCH_SAVES", 5));
const APP = required("KETALOG_BENCH_APP");
const PASSPHRASE = required("KETALOG_PASSPHRASE");
const JOURNALS = [
  { name: "ten years", vault: required("KETALOG_BENCH_VAULT") },
  { name: "one month", vault: required("KETALOG_BENCH_MONTH_VAULT") },
];

// Tenths: a save takes a few milliseconds.
const ms = (x) => `${x.toFixed(1)} ms`;

const work = mkdtempSync(join(tmpdir(), "ketalog-bench-save-"));

/** Saves the check-in form as filled; resolves to the milliseconds to its confirmation. */
async function timedSave(browser) {
  // A mood, chosen as a person would; the rest of the form stays empty.
  await click(browser, 'label[for="checkin-mood-6"]');
  return browser.executeAsync((done) => {
    const form = document.getElementById("checkin-form");
    const logged = () => document.querySelectorAll('#today-entries li[data-kind="checkin"]').length;
    const before = logged();
    // Saved, said so, and the Today screen drawn again listing one more check-in.
    const confirmed = () => {
      const fresh = document.getElementById("checkin-form");
      return fresh !== null && fresh !== form && logged() === before + 1 && document.getElementById("status-line")?.textContent === "Check-in saved.";
    };
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!confirmed()) return;
      observer.disconnect();
      requestAnimationFrame(() => done(performance.now() - start));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    document.getElementById("checkin-save").click();
  });
}

/** One launch on `journal`: the unmeasured save, then SAVES measured ones. */
async function round(journal, n) {
  const home = join(work, `${journal.name.replace(" ", "-")}-${n}`);
  mkdirSync(home, { recursive: true });
  for (const suffix of ["", ".key"]) copyFileSync(journal.vault + suffix, join(home, `journal.db${suffix}`));
  const session = await launch({ home, application: APP });
  try {
    const { browser } = session;
    await browser.setTimeout({ script: 30_000 });
    await unlock(browser, PASSPHRASE);
    await shown(browser, "#checkin-save");
    await timedSave(browser);
    const times = [];
    for (let i = 0; i < SAVES; i += 1) times.push(await timedSave(browser));
    return times;
  } finally {
    await session.quit();
    rmSync(home, { recursive: true, force: true });
  }
}

async function main() {
  console.error(`save of one check-in: ${ROUNDS} launches on each journal, ${SAVES} measured saves each`);
  const times = Object.fromEntries(JOURNALS.map((j) => [j.name, []]));
  for (let n = 0; n < ROUNDS; n += 1) {
    for (const journal of JOURNALS) {
      const got = await round(journal, n);
      times[journal.name].push(...got);
      console.error(`  launch ${n + 1}, ${journal.name}: ${got.map(ms).join(", ")}`);
    }
  }
  const [ten, month] = JOURNALS.map((j) => times[j.name]);
  const spread = (values) => `${ms(quantile(values, 0.25))} – ${ms(quantile(values, 0.75))}`;
  const lines = [
    `| measure | ten years | one month | ratio (budget) |`,
    `|---|---|---|---|`,
    `| save one check-in, click to confirmation; median of ${ten.length} | ${ms(median(ten))} | ${ms(median(month))} | ${verdict(median(ten) / median(month), SAVE_BUDGET)} (≤ ${SAVE_BUDGET}×) |`,
    `| … 25th and 75th percentiles | ${spread(ten)} | ${spread(month)} | |`,
    `| … slowest | ${ms(Math.max(...ten))} | ${ms(Math.max(...month))} | |`,
  ];
  if (ten.length < 5) lines.unshift("(a smoke run: too few saves for these figures to mean anything)\n");
  console.log(lines.join("\n"));
  if (process.env.KETALOG_BENCH_OUT) writeFileSync(process.env.KETALOG_BENCH_OUT.replace(/\.json$/, "-save.json"), JSON.stringify(times, null, 2));
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
