// Safety knowledge and data exchange in the app: the country picker fills
// the crisis line (setup and Settings), the guides' facts appear beside the
// route, after a session, on Spravato sessions and in the bladder diary, the
// About screen gathers them (checked by axe-core in both themes), and the
// Backup screen imports another app's export and writes a FHIR bundle.
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { axeViolations } from "../axe.mjs";
import { choose, click, launch, onScreen, screenshot, setTheme, shown, statusSays, type } from "../harness.mjs";

const PASSPHRASE = "quiet harbour lantern 42";
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../tests/data/imports");

async function value(browser, selector) {
  return (await browser.$(selector)).getValue();
}

/** Waits until the country picker has its list. */
async function pickerReady(browser, id) {
  const picker = await shown(browser, id);
  await browser.waitUntil(async () => (await picker.isEnabled()) && (await browser.$$(`${id} option`)).length > 20, {
    timeoutMsg: `${id} never loaded its countries`,
  });
  return picker;
}

describe("safety knowledge and data exchange", () => {
  let app;
  let browser;

  before(async () => {
    app = await launch();
    browser = app.browser;
  });

  after(async () => {
    await app?.quit();
  });

  it("setup's country picker fills the crisis line, which stays editable", async () => {
    await shown(browser, "#setup-form");
    const picker = await pickerReady(browser, "#setup-country");
    await picker.selectByAttribute("value", "DE");
    assert.equal(await value(browser, "#setup-crisis-label"), "TelefonSeelsorge");
    assert.equal(await value(browser, "#setup-crisis-phone"), "0800 111 0 111");
    assert.equal(await value(browser, "#setup-crisis-emergency"), "112");
    assert.match(await (await browser.$("#setup-country-hint")).getText(), /call 0800 111 0 111/);
    await picker.selectByAttribute("value", "");
    assert.match(await (await browser.$("#setup-country-hint")).getText(), /not in the list/);
    assert.equal(await value(browser, "#setup-crisis-phone"), "0800 111 0 111", "an unlisted country keeps the line");
    await picker.selectByAttribute("value", "IE");
    await type(browser, "#setup-crisis-text", "HELP to 51444");
    await screenshot(browser, "safety-01-setup-country");
    await type(browser, "#setup-passphrase", PASSPHRASE);
    await type(browser, "#setup-passphrase-again", PASSPHRASE);
    await click(browser, "#setup-submit");
    await onScreen(browser, "today");
  });

  it("Settings shows the country of the line and changes it", async () => {
    await click(browser, "#nav-settings");
    await onScreen(browser, "settings");
    const picker = await pickerReady(browser, "#settings-country");
    assert.equal(await picker.getValue(), "IE", "the saved line is Ireland's");
    assert.equal(await value(browser, "#settings-crisis-text"), "HELP to 51444", "what the user typed is kept");
    await picker.selectByAttribute("value", "GB");
    assert.equal(await value(browser, "#settings-crisis-label"), "Samaritans");
    assert.equal(await value(browser, "#settings-crisis-emergency"), "999");
    await screenshot(browser, "safety-02-settings-country");
    await click(browser, "#settings-save");
    await statusSays(browser, "Settings saved.");
    await click(browser, "#nav-today");
    await click(browser, "#nav-settings");
    assert.equal(await (await pickerReady(browser, "#settings-country")).getValue(), "GB");
  });

  it("the session form shows the route's fact, Spravato's, and suggests co-medications", async () => {
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    await choose(browser, "#session-route", "oral");
    await browser.waitUntil(async () => /about 17%/.test(await (await browser.$("#session-route-fact")).getText()));
    await choose(browser, "#session-medication", "esketamine");
    await choose(browser, "#session-route", "intranasal");
    const spravato = await shown(browser, "#session-spravato-facts");
    assert.match(await spravato.getText(), /40 minutes after/);
    assert.match(await spravato.getText(), /two hours/);
    const names = await browser.execute(() => Array.from(document.querySelectorAll("#session-comed-other-names option")).map((o) => o.value));
    assert.ok(names.includes("Xanax") && names.includes("Lamictal"), names.join(", "));
    await type(browser, "#session-comed-other", "Magnesium, ");
    const completed = await browser.execute(() => document.querySelector("#session-comed-other-names option")?.value);
    assert.match(completed, /^Magnesium, \S/, "suggestions keep the entries before the comma");
    await screenshot(browser, "safety-03-session-facts");
    await type(browser, "#session-dose", "56");
    await click(browser, "#session-save");
    await onScreen(browser, "today");
    const afterword = await shown(browser, "#after-session-facts");
    assert.match(await afterword.getText(), /half/);
    assert.match(await afterword.getText(), /24 hours/);
    await screenshot(browser, "safety-04-after-session");
  });

  it("the bladder diary lists the early signs and when a break is suggested", async () => {
    await click(browser, "#nav-bladder");
    await onScreen(browser, "bladder");
    const facts = await shown(browser, "#bladder-facts");
    assert.match(await facts.getText(), /early warning signs/);
    assert.match(await facts.getText(), /200 mg a day/);
    await screenshot(browser, "safety-05-bladder-facts");
  });

  it("About ketamine treatment gathers the facts with sources, and passes axe-core in both themes", async () => {
    const problems = [];
    for (const name of ["light", "dark"]) {
      await setTheme(browser, name);
      await click(browser, "#nav-about");
      await onScreen(browser, "about");
      await shown(browser, "#about-bladder");
      const text = await (await browser.$("main")).getText();
      for (const expected of ["about 17%", "2.5 hours", "40 minutes", "200 mg", "Source:"]) assert.ok(text.includes(expected), expected);
      await screenshot(browser, `safety-06-about-${name}`);
      for (const v of await axeViolations(browser)) problems.push(`${name}: ${v}`);
    }
    await setTheme(browser, "light");
    assert.deepEqual(problems, []);
  });

  it("imports another app's export after a preview, and writes a FHIR bundle", async () => {
    copyFileSync(join(FIXTURES, "daylio.csv"), join(app.files, "daylio.csv"));
    await click(browser, "#nav-backup");
    await onScreen(browser, "backup");
    await browser.waitUntil(async () => (await browser.$$("#import-app option")).length === 4);
    await choose(browser, "#import-app", "daylio");
    await type(browser, "#import-name", "daylio.csv");
    await click(browser, "#import-choose");
    const counts = await shown(browser, "#import-counts");
    assert.match(await counts.getText(), /6 check-ins/);
    await screenshot(browser, "safety-07-import-preview");
    await click(browser, "#import-confirm");
    await browser.waitUntil(async () => /6 added/.test(await (await browser.$("#import-result")).getText()));

    await type(browser, "#fhir-name", "clinic.json");
    await click(browser, "#export-fhir");
    await browser.waitUntil(async () => /FHIR bundle of \d+ resources/.test(await (await browser.$("#fhir-result")).getText()));
    const bundle = JSON.parse(readFileSync(join(app.files, "clinic.json"), "utf8"));
    assert.equal(bundle.resourceType, "Bundle");
    assert.ok(bundle.entry.some((e) => e.resource.resourceType === "MedicationAdministration"));
    await setTheme(browser, "dark");
    await click(browser, "#nav-today");
    await click(browser, "#nav-backup");
    await screenshot(browser, "safety-08-backup-dark");
    await setTheme(browser, "light");
  });
});
