// The Insights screen on the sample year (`ketalog demo`): the aligned
// chart, the summaries and the timeline from the core, "compare two
// series", in both themes, and no accessibility violation axe can find.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe, it } from "node:test";
import { click, launchOnSampleJournal, onScreen, screenshot, shown } from "../harness.mjs";

const PASSPHRASE = "sample year passphrase";
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe on the page; returns the violations as "id: target" lines. */
async function violations(browser) {
  await browser.execute(AXE);
  const found = await browser.executeAsync((done) => {
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ["violations"] }).then(
      (r) => done(r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`))),
      (e) => done([`axe failed: ${e}`]),
    );
  });
  return found;
}

describe("the Insights screen on the sample year", () => {
  let app;
  let browser;

  before(async () => {
    ({ app } = await launchOnSampleJournal(PASSPHRASE, "ketalog-e2e-insights-"));
    browser = app.browser;
  });

  after(async () => {
    await app?.quit();
  });

  it("shows the aligned chart, the sentences with their n and each session day's gain", async () => {
    await click(browser, "#nav-insights");
    await onScreen(browser, "insights");
    await shown(browser, "#chart-session-effects svg");
    const sentences = await browser.execute(() => Array.from(document.querySelectorAll("#insights-summaries li")).map((li) => li.textContent));
    assert.ok(sentences.length >= 3, `sentences: ${sentences}`);
    assert.ok(sentences.every((s) => /session day/.test(s)), "every sentence says its n");
    const held = await browser.execute(() => document.querySelectorAll("#insights-held li").length);
    assert.ok(held > 0);
    assert.match(await (await shown(browser, "#compare-sentence")).getText(), /days with both.*Spearman's rho.*not evidence that one causes the other/s);
    await screenshot(browser, "30-insights");
    // The sample year tags its check-ins: the mood on days with a tag, beside the other days, as what was logged.
    const tags = await browser.execute(() => Array.from(document.querySelectorAll("#insights-tags li")).map((li) => li.textContent));
    assert.ok(tags.some((t) => /^On the \d+ days tagged “walk”, mood averaged [\d.]+ of 10; on the \d+ other days with a mood/.test(t)), `tags: ${tags}`);
    assert.ok(tags.every((t) => /not evidence that “[^”]+” changed the mood\.$/.test(t)), `tags: ${tags}`);
    await browser.execute(() => document.getElementById("insights-tags")?.scrollIntoView());
    await screenshot(browser, "30c-insights-tags");
    await (await shown(browser, "#compare-y")).selectByAttribute("value", "dose_mg_per_kg");
    await (await shown(browser, "#compare-x")).selectByAttribute("value", "dissociation");
    await browser.waitUntil(async () => /dissociation/.test(await (await browser.$("#compare-sentence")).getText()));
    await browser.execute(() => document.getElementById("insights-compare")?.scrollIntoView());
    await screenshot(browser, "30b-insights-compare");
    assert.deepEqual(await violations(browser), []);
  });

  it("draws its charts in the dark theme too, still without violations", async () => {
    await click(browser, "#nav-settings");
    await onScreen(browser, "settings");
    await (await shown(browser, "#settings-theme")).selectByAttribute("value", "dark");
    await click(browser, "#nav-insights");
    await onScreen(browser, "insights");
    await shown(browser, "#chart-session-effects svg");
    await screenshot(browser, "31-insights-dark");
    assert.deepEqual(await violations(browser), []);
  });
});
