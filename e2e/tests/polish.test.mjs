// Daily-use polish and data in and out, on the sample year (`ketalog demo`):
// timed notes on the session card, dates in words beside their fields, the
// Save bar never covering the focused field, a FHIR export of a period, and
// a Daylio export whose renamed mood is given its level in the app. Every
// screen touched is checked by axe-core and photographed in both themes at
// 1280 and 640 wide.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { axeEveryScreen, axeViolations } from "../axe.mjs";
import { CLI, choose, click, launchOnSampleJournal, onScreen, screenshot, setInput, settled, shown, statusSays, type } from "../harness.mjs";

const PASSPHRASE = "sample year passphrase";

/** A Daylio export with a mood renamed "Refreshed" (Daylio's CSV, newest first). */
const DAYLIO = `full_date,date,weekday,time,mood,activities,note_title,note
2026-03-03,3 March,Tuesday,9:05 pm,rad,"friends | walk","",""
2026-03-02,2 March,Monday,10:45 pm,Refreshed,"sleep early","","Slept well, for once"
2026-03-01,1 March,Sunday,8:00 am,meh,"","",""
`;

/**
 * Focuses each field of the screen's long form in turn, from the top of the
 * page, and returns those its Save bar covers then (as "id: bottom > bar top").
 */
async function coveredFields(browser) {
  return browser.executeAsync((done) => {
    const scope = document.querySelector("main form:has(.sticky-actions)") ?? document.querySelector("main .screen");
    const bar = scope.querySelector(".sticky-actions");
    const fields = Array.from(scope.querySelectorAll("input, select, textarea")).filter((el) => !el.disabled && el.offsetParent !== null && !bar.contains(el));
    const covered = [];
    const next = (i) => {
      if (i === fields.length) {
        done({ checked: fields.length, covered });
        return;
      }
      const el = fields[i];
      window.scrollTo(0, 0);
      document.querySelector("main")?.scrollTo(0, 0);
      el.focus();
      setTimeout(() => {
        const bottom = el.getBoundingClientRect().bottom;
        const top = bar.getBoundingClientRect().top;
        if (bottom > top) covered.push(`${el.id || el.name}: ${Math.round(bottom)} > ${Math.round(top)}`);
        next(i + 1);
      }, 60);
    };
    next(0);
  });
}

/** The local day `n` days before today, YYYY-MM-DD. */
async function daysAgo(browser, n) {
  return browser.execute((days) => {
    const d = new Date(Date.now() - days * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }, n);
}

/** The local day a FHIR resource is about, or null for one with no date (the Patient). */
function dayOf(resource) {
  const when = resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.effectiveDate ?? resource.authored;
  return typeof when === "string" ? when.slice(0, 10) : null;
}

describe("daily-use polish and data in and out", () => {
  let app;
  let browser;
  let home;

  before(async () => {
    ({ app, home } = await launchOnSampleJournal(PASSPHRASE, "ketalog-e2e-polish-"));
    browser = app.browser;
  });

  after(async () => {
    await app?.quit();
  });

  it("timed notes are added on the session card with their minute, listed, and kept in the notes", async () => {
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    // Before a session runs there is nothing to time a note by.
    assert.equal(await (await browser.$("#session-timed-note")).isDisplayed(), false);
    await click(browser, "#session-start");
    await type(browser, "#session-timed-note", "nausea eased");
    await click(browser, "#session-add-note");
    // Enter in the note field adds it too (and saves nothing).
    await type(browser, "#session-timed-note", "feet feel far away");
    await browser.keys(["Enter"]);
    const listed = await browser.execute(() => Array.from(document.querySelectorAll("#session-timed-notes li")).map((li) => li.textContent));
    assert.deepEqual(listed, ["+0 min: nausea eased", "+0 min: feet feel far away"]);
    assert.equal(await (await browser.$("#session-notes")).getValue(), "+0 min: nausea eased\n+0 min: feet feel far away");
    assert.equal(await browser.execute(() => document.activeElement?.id), "session-timed-note");
    // The status line outlives the screen: it says when, not the private text.
    await statusSays(browser, "Note added at +0 min.");
    assert.doesNotMatch(await (await browser.$("#status-line")).getText(), /feet/);
    // The notes survive a visit to another screen while the session runs.
    await click(browser, "#nav-today");
    await onScreen(browser, "today");
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    assert.equal(await browser.execute(() => document.querySelectorAll("#session-timed-notes li").length), 2);
    assert.equal(await (await browser.$("#session-notes")).getValue(), "+0 min: nausea eased\n+0 min: feet feel far away");
    await screenshot(browser, "polish-01-timed-notes");
    assert.deepEqual(await axeViolations(browser), []);
    // A hand edit of the notes survives another visit too.
    await setInput(browser, "#session-notes", "+0 min: nausea eased\n+0 min: feet feel far away, then warm");
    await click(browser, "#nav-today");
    await onScreen(browser, "today");
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    assert.equal(await (await browser.$("#session-notes")).getValue(), "+0 min: nausea eased\n+0 min: feet feel far away, then warm");
    // Saved while the clock runs, with a note typed but not added: the note
    // is saved with its minute, the session is logged, and the card starts afresh.
    await type(browser, "#session-timed-note", "calm now");
    await click(browser, "#session-save");
    await onScreen(browser, "today");
    await statusSays(browser, "Session saved.");
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    assert.equal(await (await browser.$("#session-start")).isDisplayed(), true);
    assert.equal(await (await browser.$("#session-notes")).getValue(), "");
    assert.equal(await browser.execute(() => document.querySelectorAll("#session-timed-notes li").length), 0);
  });

  it("an ended session keeps its notes and duration until saved, and its notes go on lock", async () => {
    await click(browser, "#session-start");
    await type(browser, "#session-timed-note", "a little dizzy");
    await click(browser, "#session-add-note");
    // Typed but not added when the session ends: kept, at the minute it ended.
    await type(browser, "#session-timed-note", "steady again");
    await click(browser, "#session-end");
    assert.match(await (await browser.$("#session-timer")).getText(), /^Ended after 1 minute · not saved yet$/);
    await click(browser, "#nav-today");
    await onScreen(browser, "today");
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    assert.equal(await (await browser.$("#session-notes")).getValue(), "+0 min: a little dizzy\n+0 min: steady again");
    assert.equal(await (await browser.$("#session-duration")).getValue(), "1");
    assert.equal(await browser.execute(() => document.querySelectorAll("#session-timed-notes li").length), 2);
    // Locking forgets the notes not yet saved.
    await click(browser, "#lock-button");
    await shown(browser, "#unlock-form");
    await type(browser, "#unlock-passphrase", PASSPHRASE);
    await click(browser, "#unlock-submit");
    await onScreen(browser, "today");
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    assert.equal(await (await browser.$("#session-notes")).getValue(), "");
    assert.equal(await browser.execute(() => document.querySelectorAll("#session-timed-notes li").length), 0);
    await click(browser, "#nav-today");
    await onScreen(browser, "today");
  });

  it("a date field shows its date in the app's words beside it, following each change", async () => {
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    await setInput(browser, "#session-when", "2026-12-01T09:30");
    assert.equal(await (await browser.$("#session-when-echo")).getText(), "Tuesday, 1 Dec 2026, 09:30");
    // A mistyped year is shown as typed, with its own weekday (not 1926's).
    await setInput(browser, "#session-when", "0026-03-01T09:30");
    assert.equal(await (await browser.$("#session-when-echo")).getText(), "Sunday, 1 Mar 0026, 09:30");
    const described = await browser.execute(() => document.getElementById("session-when")?.getAttribute("aria-describedby") ?? "");
    assert.ok(described.split(" ").includes("session-when-echo"), described);
    // Set by code (the Trends presets do this), the words follow too.
    await click(browser, "#nav-trends");
    await onScreen(browser, "trends");
    await click(browser, ".presets button:first-child");
    const [from, echo] = await browser.execute(() => [document.getElementById("trends-from")?.value, document.getElementById("trends-from-echo")?.textContent]);
    assert.match(echo, /^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    assert.ok(echo.endsWith(`${Number(from.slice(0, 4))}`), `${from} → ${echo}`);
    // Every date field of the app has its words, read with it; an empty one says so
    // (WebKitGTK shows an empty date field with today's date greyed, which reads as chosen).
    const missing = [];
    for (const name of ["today", "session", "bladder", "history", "trends", "report", "backup"]) {
      await click(browser, `#nav-${name}`);
      await onScreen(browser, name);
      await sleep(300);
      const found = await browser.execute(() =>
        Array.from(document.querySelectorAll('input[type="date"], input[type="datetime-local"]')).map((input) => {
          const echo = document.getElementById(`${input.id}-echo`);
          const described = (input.getAttribute("aria-describedby") ?? "").split(" ").includes(`${input.id}-echo`);
          return { id: input.id, value: input.value, words: echo?.textContent ?? null, described };
        }),
      );
      assert.ok(found.length > 0, `${name} has a date field`);
      for (const f of found) {
        const right = f.value ? /^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]{2} \d{4}(, \d\d:\d\d)?$/.test(f.words ?? "") : f.words === "No date set";
        if (!right || !f.described) missing.push(`${name}: ${JSON.stringify(f)}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("the Save bar never covers the focused field at 640×800", async () => {
    await browser.setWindowSize(640, 800);
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    await browser.execute(() => window.scrollTo(0, 0));
    // The last field before the bar, reached with Tab from the field before it.
    await browser.execute(() => document.getElementById("session-notes")?.focus());
    await browser.keys(["Tab"]);
    await sleep(300);
    const [focused, fieldBottom, barTop] = await browser.execute(() => {
      const el = document.activeElement;
      const bar = document.querySelector("#session-form .sticky-actions");
      return [el?.id, el?.getBoundingClientRect().bottom, bar?.getBoundingClientRect().top];
    });
    assert.equal(focused, "session-share");
    assert.ok(fieldBottom <= barTop, `the field ends at ${fieldBottom}, the bar starts at ${barTop}`);
    await screenshot(browser, "polish-02-last-field-640");
    // A tall field low in the form, focused from the top of the page, is brought clear of the bar
    // too (the web view's own scroll leaves a text area's lower half under it).
    await browser.execute(() => {
      window.scrollTo(0, 0);
      document.querySelector("main")?.scrollTo(0, 0);
      document.getElementById("session-reflection")?.focus();
    });
    await sleep(300);
    const [bottom, top] = await browser.execute(() => [
      document.getElementById("session-reflection")?.getBoundingClientRect().bottom,
      document.querySelector("#session-form .sticky-actions")?.getBoundingClientRect().top,
    ]);
    assert.ok(bottom <= top, `the field ends at ${bottom}, the bar starts at ${top}`);
    // Every field of every long form, each focused from the top of the page.
    for (const name of ["session", "bladder", "settings", "report"]) {
      await click(browser, `#nav-${name}`);
      await onScreen(browser, name);
      await sleep(300);
      const { checked, covered } = await coveredFields(browser);
      assert.ok(checked > 5, `${name}: ${checked} fields`);
      assert.deepEqual(covered, [], `${name}: fields under the Save bar`);
    }
    await browser.setWindowSize(1280, 800);
    await click(browser, "#nav-today");
    await onScreen(browser, "today");
  });

  it("exports a period as FHIR: only its resources, and a wrong period is refused at its field", async () => {
    await click(browser, "#nav-backup");
    await onScreen(browser, "backup");
    const [from, to] = [await daysAgo(browser, 60), await daysAgo(browser, 30)];
    // The wrong way round: a sentence at the last day's field, which is focused.
    await setInput(browser, "#fhir-from", to);
    await setInput(browser, "#fhir-to", from);
    await type(browser, "#fhir-name", "wrong.json");
    await click(browser, "#export-fhir");
    const problem = await shown(browser, "#fhir-to-error");
    // In the app's words, days as the app writes them everywhere else (not 2026-10-31, no field name).
    assert.match(await problem.getText(), /^The period starts on \d{1,2} [A-Z][a-z]{2} \d{4} but ends earlier, on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/);
    assert.equal(await browser.execute(() => document.activeElement?.id), "fhir-to");
    assert.equal(await (await browser.$("#fhir-to")).getAttribute("aria-invalid"), "true");
    await screenshot(browser, "polish-03-fhir-wrong-period");

    await setInput(browser, "#fhir-from", from);
    await setInput(browser, "#fhir-to", to);
    await type(browser, "#fhir-name", "period.json");
    await click(browser, "#export-fhir");
    await browser.waitUntil(async () => /Saved a FHIR bundle/.test(await (await browser.$("#fhir-result")).getText()), { timeoutMsg: "no FHIR export" });
    assert.equal(await browser.execute(() => document.getElementById("fhir-to-error")), null, "the old problem is gone");
    const period = JSON.parse(readFileSync(join(app.files, "period.json"), "utf8"));
    assert.equal(period.resourceType, "Bundle");
    const days = period.entry.map((e) => dayOf(e.resource)).filter((d) => d !== null);
    assert.ok(days.length > 10, `${days.length} dated resources in two months of the sample year`);
    assert.deepEqual(days.filter((d) => d < from || d > to), [], "every resource lies in the period");

    // Both days empty: everything, so more than the period.
    await setInput(browser, "#fhir-from", "");
    await setInput(browser, "#fhir-to", "");
    await type(browser, "#fhir-name", "all.json");
    await click(browser, "#export-fhir");
    await browser.waitUntil(async () => (await (await browser.$("#fhir-result")).getText()).includes("all.json"));
    const all = JSON.parse(readFileSync(join(app.files, "all.json"), "utf8"));
    assert.ok(all.entry.length > period.entry.length + 100, `${all.entry.length} resources in all, ${period.entry.length} in the period`);
  });

  it("imports a Daylio export whose renamed mood is given its level in the preview", async () => {
    writeFileSync(join(app.files, "daylio.csv"), DAYLIO);
    writeFileSync(join(app.files, "emoods.csv"), "Date,Depressed,Elevated,Irritability,Anxiety,Sleep,Notes\n2026-03-01,2,0,1,3,6.5,\n");
    await click(browser, "#nav-backup");
    await onScreen(browser, "backup");
    await choose(browser, "#import-app", "daylio");
    // Another app's file, in plain words (no command option), and nothing to import.
    await type(browser, "#import-name", "emoods.csv");
    await click(browser, "#import-choose");
    await browser.waitUntil(async () => (await (await browser.$("#import-result")).getAttribute("class")).includes("problem"));
    assert.equal(
      await (await browser.$("#import-result")).getText(),
      "This is not a Daylio export; it looks like an eMoods export: choose eMoods and try again. Nothing was imported.",
    );
    assert.equal(await browser.execute(() => document.getElementById("import-confirm")), null);
    await type(browser, "#import-name", "daylio.csv");
    await click(browser, "#import-choose");
    const map = await shown(browser, "#import-mood-map");
    assert.match(await map.getText(), /Refreshed/);
    const notMapped = await (await shown(browser, "#import-not-mapped")).getText();
    assert.match(notMapped, /mood "Refreshed" in 1 entry: not one of Daylio's default names/);
    assert.doesNotMatch(notMapped, /--mood|LEVEL/, "the app speaks to its user, not of the command's options");
    await choose(browser, "#import-mood-0", "4");
    await click(browser, "#import-again");
    await browser.waitUntil(async () => /Read again with 1 mood level/.test(await (await browser.$("#import-result")).getText()));
    assert.equal(await browser.execute(() => /Refreshed/.test(document.getElementById("import-not-mapped")?.textContent ?? "")), false);
    // The choice stays shown, as chosen.
    assert.equal(await (await browser.$("#import-mood-0")).getValue(), "4");
    await screenshot(browser, "polish-04-daylio-mapped");
    assert.deepEqual(await axeViolations(browser), []);
    await click(browser, "#import-confirm");
    await browser.waitUntil(async () => /Imported: 3 added/.test(await (await browser.$("#import-result")).getText()), { timeoutMsg: "not imported" });
  });

  it("every screen touched passes axe-core in both themes; screenshots at 1280 and 640 wide", async () => {
    const problems = await axeEveryScreen(browser, ["session", "backup", "history", "trends", "settings"], {
      prefix: "polish-screen",
      show: async (name) => {
        await click(browser, `#nav-${name}`);
        await onScreen(browser, name);
        await settled(browser);
        if (name === "backup") await browser.execute(() => document.getElementById("fhir-heading")?.scrollIntoView());
      },
    });
    assert.deepEqual(problems, []);
  });

  it("the journal holds the timed notes and the mapped mood", async () => {
    await app.quit();
    app = null;
    const exported = JSON.parse(
      execFileSync(CLI, ["export", "--json"], { env: { ...process.env, KETALOG_VAULT: join(home, "journal.db"), KETALOG_PASSPHRASE: PASSPHRASE }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    );
    const timed = exported.sessions.filter((s) => s.notes.includes("+0 min: nausea eased"));
    assert.equal(timed.length, 1);
    assert.equal(timed[0].notes, "+0 min: nausea eased\n+0 min: feet feel far away, then warm\n+0 min: calm now");
    assert.ok(!exported.sessions.some((s) => s.notes.includes("dizzy")), "an unsaved session's notes were saved");
    const refreshed = exported.checkins.find((c) => c.notes === "Slept well, for once");
    assert.equal(refreshed?.mood, 8, "Daylio's level 4 is 8 on the 0–10 scale");
  });
});
