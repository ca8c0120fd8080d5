// Daily use, as a foggy patient would: a session logged from the session
// card in a few actions, two check-ins on one day, errors in words at their
// field, zoom, the calendar; then every screen checked by axe-core in both
// themes, with screenshots at 1280×800 and 640×800.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { axeEveryScreen, axeViolations } from "../axe.mjs";
import { choose, click, launch, onScreen, screenshot, setInput, settled, shown, statusSays, type } from "../harness.mjs";

const PASSPHRASE = "quiet harbour lantern 42";

/** Waits until the screen has finished asking the shell for what it shows. */
describe("daily use", () => {
  let app;
  let browser;
  let sessionStart;

  before(async () => {
    app = await launch();
    browser = app.browser;
    await browser.setWindowSize(1280, 800);
    await shown(browser, "#setup-form");
    await type(browser, "#setup-passphrase", PASSPHRASE);
    await type(browser, "#setup-passphrase-again", PASSPHRASE);
    await type(browser, "#setup-name", "Sam");
    await type(browser, "#setup-weight", "70");
    await click(browser, "#setup-submit");
    await onScreen(browser, "today");
  });

  after(async () => {
    await app?.quit();
  });

  it("a first IV session is logged with the plain form", async () => {
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    // Nothing to copy yet: no copied marks.
    assert.equal(await browser.execute(() => document.querySelectorAll(".copied").length), 0);
    // Yesterday at noon, local time.
    const yesterday = await browser.execute(() => {
      const d = new Date(Date.now() - 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}T12:00`;
    });
    await setInput(browser, "#session-when", yesterday);
    await choose(browser, "#session-route", "iv");
    await type(browser, "#session-dose", "35");
    await choose(browser, "#session-setting", "clinic");
    // A session takes tags too, in the same field as a check-in.
    await type(browser, "#session-tags", "clinic B");
    await browser.keys(["Enter"]);
    assert.deepEqual(await browser.execute(() => Array.from(document.querySelectorAll("#session-form .tag-chip span")).map((c) => c.textContent)), ["clinic B"]);
    await screenshot(browser, "daily-00-session-tags");
    await click(browser, "#session-save");
    await statusSays(browser, "Session saved.");
  });

  it("a typical IV session is logged from the session card in six actions", async () => {
    let actions = 0;
    const act = async (selector) => {
      actions += 1;
      await click(browser, selector);
    };
    await act("#nav-session");
    await onScreen(browser, "session");
    // The plan is copied from the last session, and marked as copied.
    assert.equal(await (await browser.$("#session-dose")).getValue(), "35");
    assert.equal(await (await browser.$("#session-route")).getValue(), "iv");
    assert.equal(await (await browser.$("#session-setting")).getValue(), "clinic");
    assert.match(await (await browser.$("#session-dose-copied")).getText(), /Copied from your last session/);
    await act("#session-start");
    assert.match(await (await shown(browser, "#session-timer")).getText(), /Started at \d\d:\d\d/);
    sessionStart = await (await browser.$("#session-when")).getValue();
    await screenshot(browser, "daily-01-session-card-running");
    await act('label[for="session-dissociation-5"]');
    await act('label[for="session-side-nausea"]');
    await act("#session-end");
    assert.equal(await (await browser.$("#session-duration")).getValue(), "1");
    await act("#session-save");
    await onScreen(browser, "today");
    await statusSays(browser, "Session saved.");
    assert.ok(actions <= 6, `${actions} actions`);
    // The status line is a live region, and shown where it is seen.
    assert.equal(await (await browser.$("#status-line")).getAttribute("role"), "status");
    const entries = await (await shown(browser, "#today-entries")).getText();
    assert.match(entries, /35 mg/);
    await screenshot(browser, "daily-02-today-after-card");
  });

  it("two check-ins on one day are both kept, each with its time, marked before or after the session", async () => {
    const day = sessionStart.slice(0, 10);
    await click(browser, 'label[for="checkin-mood-3"]');
    await setInput(browser, "#checkin-when", `${day}T00:01`);
    await click(browser, "#checkin-save");
    await statusSays(browser, "Check-in saved.");
    // Number keys pick a value on a scale.
    await browser.execute(() => document.getElementById("checkin-mood-0")?.focus());
    await browser.keys(["7"]);
    assert.equal(await browser.execute(() => document.querySelector('input[name="checkin-mood"]:checked')?.value), "7");
    await setInput(browser, "#checkin-when", sessionStart);
    assert.match(await (await browser.$("#checkin-mark")).getText(), /After the session/);
    await click(browser, "#checkin-save");
    const listed = () => browser.execute(() => Array.from(document.querySelectorAll('#today-entries li[data-kind="checkin"]')).map((li) => li.textContent));
    await browser.waitUntil(async () => (await listed()).length === 2, { timeoutMsg: "the second check-in is not listed beside the first" });
    const checkins = await listed();
    assert.ok(checkins.some((t) => t.includes("00:01") && /mood 3\/10/.test(t) && /before the session/.test(t)), checkins.join("\n"));
    assert.ok(checkins.some((t) => t.includes(sessionStart.slice(11, 16)) && /mood 7\/10/.test(t) && /after the session/.test(t)), checkins.join("\n"));
    // A scale says what its ends mean, and which way is better, to screen readers too.
    const described = await browser.execute(() => {
      const ids = document.getElementById("checkin-anxiety-10")?.getAttribute("aria-describedby") ?? "";
      return ids.split(" ").map((id) => document.getElementById(id)?.textContent?.trim()).join(" | ");
    });
    assert.match(described, /10 extreme/);
    assert.match(described, /Higher is worse/);
  });

  it("tags: added as chips to a check-in, refused in words when too long, offered again, and History filtered by one shows the row", async () => {
    const chips = () => browser.execute(() => Array.from(document.querySelectorAll("#checkin-form .tag-chip span")).map((c) => c.textContent));
    // Mood 5: the day's mean stays 5, as the calendar step below expects.
    await click(browser, 'label[for="checkin-mood-5"]');
    await type(browser, "#checkin-tags", "therapy");
    await browser.keys(["Enter"]);
    // A comma ends a tag too; the same tag in other capitals is not added twice.
    await type(browser, "#checkin-tags", "Walk,");
    await type(browser, "#checkin-tags", "THERAPY");
    await browser.keys(["Enter"]);
    assert.deepEqual(await chips(), ["therapy", "Walk"]);
    assert.equal(await browser.execute(() => document.activeElement?.id), "checkin-tags", "Enter adds the tag and stays in the field");
    // Too long: the core's sentence, next to the tag field, which is focused.
    await type(browser, "#checkin-tags", "a walk along the river with the dog after lunch");
    await click(browser, "#checkin-save");
    const error = await shown(browser, "#checkin-tags-error");
    const said = await error.getText();
    assert.match(said, /47 characters long; a tag can have at most 40/);
    assert.doesNotMatch(said, /tags\[|_/, "no field path on screen");
    assert.equal(await browser.execute(() => document.activeElement?.id), "checkin-tags");
    await (await browser.$("#checkin-tags")).clearValue();
    for (const theme of ["light", "dark"]) {
      await browser.execute((t) => document.documentElement.setAttribute("data-theme", t), theme);
      for (const width of [1280, 640]) {
        await browser.setWindowSize(width, 800);
        await browser.execute(() => document.getElementById("checkin-tags")?.scrollIntoView({ block: "center" }));
        await screenshot(browser, `daily-06-checkin-tags-${theme}-${width}`);
      }
    }
    await browser.setWindowSize(1280, 800);
    await browser.execute(() => document.documentElement.removeAttribute("data-theme"));
    await click(browser, "#checkin-save");
    await statusSays(browser, "Check-in saved.");
    // The next check-in's tag field offers the tags already used.
    await browser.waitUntil(async () => (await browser.execute(() => Array.from(document.querySelectorAll("#checkin-tags-used option")).map((o) => o.value).join(","))) === "clinic B,therapy,Walk", {
      timeoutMsg: "the tags in use are not offered",
    });

    await click(browser, "#nav-history");
    await onScreen(browser, "history");
    // Options of a closed select are never "displayed": wait for the tag to be there.
    await browser.waitUntil(async () => browser.execute(() => document.querySelector('#history-tag option[value="therapy"]') !== null), {
      timeoutMsg: "the tag filter does not offer the tag",
    });
    const rows = () => browser.execute(() => Array.from(document.querySelectorAll("#history-list tbody tr")).map((tr) => tr.textContent));
    const everything = (await rows()).length;
    await choose(browser, "#history-tag", "therapy");
    await browser.waitUntil(async () => (await rows()).length === 1, { timeoutMsg: "History is not filtered by the tag" });
    assert.ok(everything > 1, "other records are listed without the filter");
    const row = (await rows())[0];
    assert.match(row, /Check-in/);
    assert.match(row, /mood 5\/10/);
    assert.deepEqual(await browser.execute(() => Array.from(document.querySelectorAll("#history-list .tag-list li")).map((li) => li.textContent)), ["therapy", "Walk"]);
    assert.match(await (await browser.$("#history-count")).getText(), /^1 record$/);
    for (const theme of ["light", "dark"]) {
      await browser.execute((t) => document.documentElement.setAttribute("data-theme", t), theme);
      for (const width of [1280, 640]) {
        await browser.setWindowSize(width, 800);
        await screenshot(browser, `daily-07-history-by-tag-${theme}-${width}`);
        if (width === 1280) assert.deepEqual(await axeViolations(browser), [], `History filtered by a tag, ${theme}`);
      }
    }
    await browser.setWindowSize(1280, 800);
    await browser.execute(() => document.documentElement.removeAttribute("data-theme"));
    await click(browser, "#nav-today");
    await onScreen(browser, "today");
  });

  it("an out-of-range blood pressure is refused in a sentence next to the field, which is focused", async () => {
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    await type(browser, "#session-pre-sys", "400");
    await type(browser, "#session-pre-dia", "80");
    // Enter in a field moves on; it does not save.
    await click(browser, "#session-pre-dia");
    await browser.keys(["Enter"]);
    assert.equal(await browser.execute(() => document.querySelector("main")?.dataset.screen), "session");
    await click(browser, "#session-save");
    const error = await shown(browser, "#session-pre-sys-error");
    const said = await error.getText();
    assert.doesNotMatch(said, /bp_pre|systolic:|_/, "no field path on screen");
    assert.match(said, /400/);
    // Next to the field: in the same block as its label.
    assert.equal(await browser.execute(() => document.getElementById("session-pre-sys-error")?.closest(".field")?.contains(document.getElementById("session-pre-sys"))), true);
    assert.equal(await browser.execute(() => document.activeElement?.id), "session-pre-sys");
    assert.equal(await (await browser.$("#session-pre-sys")).getAttribute("aria-invalid"), "true");
    await screenshot(browser, "daily-03-session-invalid");
    await click(browser, "#nav-today");
  });

  it("Ctrl+= zooms in, Ctrl+0 back, and the level is remembered", async () => {
    const width = await browser.execute(() => window.innerWidth);
    await browser.keys(["Control", "="]);
    await browser.waitUntil(async () => (await browser.execute(() => window.localStorage.getItem("ketalog.zoom"))) === "1.1");
    await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) < width, { timeout: 5000, timeoutMsg: "the page did not zoom" });
    await screenshot(browser, "daily-04-zoomed");
    await browser.keys(["Control", "0"]);
    await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) === width, { timeout: 5000 });
    assert.equal(await browser.execute(() => window.localStorage.getItem("ketalog.zoom")), "1");
  });

  it("the calendar shows this month with session days marked, and a day opens its entries", async () => {
    await click(browser, "#nav-calendar");
    await onScreen(browser, "calendar");
    const day = sessionStart.slice(0, 10);
    const cell = await shown(browser, `button.calendar-day[data-day="${day}"]`);
    const label = await browser.execute((day) => document.querySelector(`button.calendar-day[data-day="${day}"] .day-words`)?.textContent, day);
    assert.match(label, /1 session\b/);
    assert.match(label, /mood 5 of 10/);
    assert.match(await cell.getText(), /◆/);
    await screenshot(browser, "daily-05-calendar");
    await cell.click();
    const panel = await shown(browser, "#calendar-day");
    assert.match(await panel.getText(), /Check-in/);
    await click(browser, '#calendar-day li[data-kind="checkin"] button');
    await onScreen(browser, "today");
    assert.match(await (await shown(browser, "#checkin-heading")).getText(), /Check-in of/);
  });

  it("the session card prompts for the blood pressure after the time set, and is announced", async () => {
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    await type(browser, "#session-bp-after-min", "1");
    await click(browser, "#session-start");
    assert.equal(await (await browser.$("#session-bp-prompt")).isDisplayed(), false);
    const prompt = await shown(browser, "#session-bp-prompt", 75_000);
    assert.match(await prompt.getText(), /It has been 1 minute: time to take your blood pressure again/);
    await statusSays(browser, "time to take your blood pressure again");
    await click(browser, "#session-end");
    assert.match(await (await browser.$("#session-duration")).getValue(), /^[12]$/);
    await click(browser, "#session-form .sticky-actions button:not(.primary)");
    await onScreen(browser, "today");
  });

  it("every screen passes axe-core in both themes; screenshots at 1280 and 640 wide", async () => {
    const screens = await browser.execute(() => Array.from(document.querySelectorAll("nav .nav-item[id^=nav-]")).map((b) => b.id.slice(4)));
    assert.ok(screens.includes("calendar"));
    const problems = await axeEveryScreen(browser, screens, {
      prefix: "daily-screen",
      show: async (name) => {
        await click(browser, `#nav-${name}`);
        await onScreen(browser, name);
        await settled(browser);
      },
    });
    assert.deepEqual(problems, []);
  });

  it("the zoom level is remembered when the app starts again", async () => {
    await browser.keys(["Control", "="]);
    await browser.waitUntil(async () => (await browser.execute(() => window.localStorage.getItem("ketalog.zoom"))) === "1.1");
    const home = app.dir;
    await app.quit();
    app = await launch({ home });
    browser = app.browser;
    await shown(browser, "#unlock-form");
    // Zoomed before anything is typed: the page is narrower in CSS pixels than the window.
    await browser.waitUntil(async () => browser.execute(() => window.innerWidth < window.outerWidth * 0.95), {
      timeout: 5000,
      timeoutMsg: "the remembered zoom was not applied at start",
    });
    assert.equal(await browser.execute(() => document.documentElement.dataset.zoom), "1.1");
  });
});
