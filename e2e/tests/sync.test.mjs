// Two computers, one journal: two app instances, each with its own journal,
// and one sync folder between them (the app is single-instance, so they run
// one after the other). A check-in saved on A, "Sync now"; B joins the
// folder with the sync passphrase, and the check-in is in B's History. The
// Settings screen with its sync section passes axe-core in both themes,
// with screenshots at 1280 and 640 wide.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { axeEveryScreen, axeViolations } from "../axe.mjs";
import { click, launch, onScreen, screenshot, settled, shown, statusSays, type } from "../harness.mjs";

const PASSPHRASE = "quiet harbour lantern 42";
const SYNC_PASSPHRASE = "two desks one journal";
const CANARY = "a note only the journal may read";

/** The folder both apps name files in: the sync folder is "sync" inside it. */
const shared = mkdtempSync(join(tmpdir(), "ketalog-e2e-sync-"));
/** Each app's own folder (its journal), to start it again. */
const homes = {};

async function setUp(browser, name) {
  await browser.setWindowSize(1280, 800);
  await shown(browser, "#setup-form");
  await type(browser, "#setup-passphrase", PASSPHRASE);
  await type(browser, "#setup-passphrase-again", PASSPHRASE);
  await type(browser, "#setup-name", name);
  await click(browser, "#setup-submit");
  await onScreen(browser, "today");
}

async function textOf(browser, selector) {
  return (await shown(browser, selector, 20_000)).getText();
}

describe("sync between two computers", () => {
  let app;

  after(async () => {
    await app?.quit();
  });

  it("A saves a check-in, chooses a new sync folder, sets its passphrase and syncs", async () => {
    app = await launch({ env: { KETALOG_E2E_DIR: shared } });
    homes.a = app.dir;
    const browser = app.browser;
    await setUp(browser, "Sam");
    await click(browser, 'label[for="checkin-mood-6"]');
    await type(browser, "#checkin-notes", CANARY);
    await click(browser, "#checkin-save");
    await statusSays(browser, "Check-in saved.");

    await click(browser, "#nav-settings");
    await onScreen(browser, "settings");
    await settled(browser);
    assert.match(await textOf(browser, "#sync-last"), /Sync is off/);
    await click(browser, "#sync-choose");
    // A new folder: a new sync passphrase, typed twice, with the strength meter.
    await shown(browser, "#sync-passphrase-form");
    assert.match(await textOf(browser, "#sync-passphrase-form"), /no sync passphrase yet/);
    await type(browser, "#sync-passphrase", "short");
    await type(browser, "#sync-passphrase-again", "short");
    await click(browser, "#sync-passphrase-submit");
    await browser.waitUntil(async () => /at least/.test(await textOf(browser, "#sync-passphrase-error")), { timeoutMsg: "a short sync passphrase was not refused" });
    await type(browser, "#sync-passphrase", SYNC_PASSPHRASE);
    assert.match(await textOf(browser, "#sync-passphrase-strength"), /Strong|Very strong|Fair/);
    await type(browser, "#sync-passphrase-again", SYNC_PASSPHRASE);
    await browser.execute(() => document.getElementById("sync-section")?.scrollIntoView({ block: "start" }));
    await screenshot(browser, "sync-settings-new-passphrase-light-1280");
    await click(browser, "#sync-passphrase-submit");
    await browser.waitUntil(async () => /^Last sync .*: .*this computer's changes are in the folder/.test(await textOf(browser, "#sync-last")), {
      timeout: 30_000,
      timeoutMsg: "the first sync did not say it wrote this computer's changes",
    });
    assert.match(await textOf(browser, "#sync-folder"), /sync$/);

    // "Sync now" again: nothing new either way.
    await click(browser, "#sync-now");
    await browser.waitUntil(async () => /Nothing new came in; nothing new to send/.test(await textOf(browser, "#sync-last")), { timeout: 20_000 });

    // The folder holds only encrypted files, with random names.
    const names = readdirSync(join(shared, "sync")).sort();
    assert.ok(names.includes("key.age"), names.join(", "));
    assert.ok(names.filter((n) => /^[0-9a-f]{32}\.age$/.test(n)).length >= 1, names.join(", "));
    for (const name of names) assert.ok(!readFileSync(join(shared, "sync", name)).includes(CANARY), `${name} holds the note`);
  });

  it("the Settings screen with the sync section passes axe-core in both themes; screenshots at 1280 and 640", async () => {
    const browser = app.browser;
    const problems = await axeEveryScreen(browser, ["settings"], {
      prefix: "sync",
      show: async () => {
        await click(browser, "#nav-today");
        await onScreen(browser, "today");
        await click(browser, "#nav-settings");
        await onScreen(browser, "settings");
        await settled(browser);
        await browser.execute(() => document.getElementById("sync-section")?.scrollIntoView({ block: "start" }));
      },
    });
    assert.deepEqual(problems, []);
    await app.quit();
    app = null;
  });

  it("B joins the folder with the sync passphrase; the check-in is in B's History", async () => {
    app = await launch({ env: { KETALOG_E2E_DIR: shared } });
    homes.b = app.dir;
    const browser = app.browser;
    await browser.execute(() => window.localStorage.setItem("ketalog.theme", "light"));
    await setUp(browser, "Sam at work");
    await click(browser, "#nav-settings");
    await onScreen(browser, "settings");
    await settled(browser);
    await click(browser, "#sync-choose");
    await shown(browser, "#sync-passphrase-form");
    assert.match(await textOf(browser, "#sync-passphrase-form"), /already in use by another computer/);
    assert.equal(await (await browser.$("#sync-passphrase-again")).isExisting(), false, "joining asks once");
    await type(browser, "#sync-passphrase", "not the sync passphrase");
    await click(browser, "#sync-passphrase-submit");
    await browser.waitUntil(async () => /not this folder's sync passphrase/.test(await textOf(browser, "#sync-passphrase-error")), { timeout: 20_000 });
    await type(browser, "#sync-passphrase", SYNC_PASSPHRASE);
    await click(browser, "#sync-passphrase-submit");
    await browser.waitUntil(async () => /joined the sync folder\. 1 record added from your other computers/.test(await textOf(browser, "#sync-last")), {
      timeout: 30_000,
      timeoutMsg: "B did not say the check-in came in",
    });
    await browser.execute(() => document.getElementById("sync-section")?.scrollIntoView({ block: "start" }));
    await screenshot(browser, "sync-settings-joined-light-1280");

    await click(browser, "#nav-history");
    await onScreen(browser, "history");
    await settled(browser);
    const rows = await browser.execute(() => Array.from(document.querySelectorAll('#history-list tr[data-kind="checkin"]')).map((tr) => tr.textContent));
    assert.equal(rows.length, 1, rows.join("\n"));
    assert.match(rows[0], /mood 6\/10/);
    // Today counts it too: the journal held open is the database.
    await click(browser, "#nav-today");
    await onScreen(browser, "today");
    assert.match(await textOf(browser, "#today-entries"), /mood 6\/10/);
  });

  /** Opens the one check-in from History, gives it `mood`, and saves it. */
  async function editCheckIn(browser, mood) {
    await click(browser, "#nav-history");
    await onScreen(browser, "history");
    await settled(browser);
    await click(browser, '#history-list tr[data-kind="checkin"] .open-record');
    await shown(browser, "#checkin-form");
    await click(browser, `label[for="checkin-mood-${mood}"]`);
    await click(browser, "#checkin-save");
    await statusSays(browser, "Check-in updated.");
  }

  async function unlock(home) {
    app = await launch({ home, env: { KETALOG_E2E_DIR: shared } });
    await app.browser.setWindowSize(1280, 800);
    await type(app.browser, "#unlock-passphrase", PASSPHRASE);
    await click(app.browser, "#unlock-submit");
    await onScreen(app.browser, "today");
    return app.browser;
  }

  it("an edit made on B while the folder was away, replaced by a later edit on A, carries a note on B", async () => {
    // The "USB stick" is out: B's edit stays on B, and B says so quietly.
    renameSync(join(shared, "sync"), join(shared, "sync-away"));
    let browser = app.browser;
    await editCheckIn(browser, 2);
    await click(browser, "#nav-settings");
    await onScreen(browser, "settings");
    await click(browser, "#sync-now");
    await browser.waitUntil(async () => /^Last try .*does not exist/.test(await textOf(browser, "#sync-last")), { timeout: 20_000, timeoutMsg: "a missing folder was not said in Settings" });
    assert.equal(await (await browser.$("dialog")).isExisting(), false, "no dialog for a sync failure");
    await app.quit();
    renameSync(join(shared, "sync-away"), join(shared, "sync"));

    // Later, on A: the same check-in edited again, synced at once.
    browser = await unlock(homes.a);
    await editCheckIn(browser, 9);
    // And the crisis line, set on A: B must say so, not change it silently.
    await click(browser, "#nav-settings");
    await onScreen(browser, "settings");
    await settled(browser);
    await type(browser, "#settings-crisis-phone", "0800 111 0 111");
    await click(browser, "#settings-save");
    await statusSays(browser, "Settings saved.");
    await onScreen(browser, "settings");
    await settled(browser);
    await click(browser, "#sync-now");
    await browser.waitUntil(async () => /^Last sync /.test(await textOf(browser, "#sync-last")), { timeout: 20_000 });
    await app.quit();

    // B unlocks: its sync takes A's later edit, and B's own is kept aside.
    browser = await unlock(homes.b);
    await browser.waitUntil(
      async () => {
        await click(browser, "#nav-today");
        await onScreen(browser, "today");
        await click(browser, "#nav-history");
        await onScreen(browser, "history");
        await settled(browser);
        const row = await browser.execute(() => document.querySelector('#history-list tr[data-kind="checkin"]')?.textContent ?? "");
        return /mood 9\/10/.test(row) && /Changed on another computer/.test(row);
      },
      { timeout: 30_000, timeoutMsg: "B's History does not show A's later edit with its note" },
    );
    await screenshot(browser, "sync-history-changed-elsewhere-light-1280");
    await click(browser, '#history-list tr[data-kind="checkin"] .open-record');
    await shown(browser, "#checkin-form");
    const note = await textOf(browser, "#changed-elsewhere");
    assert.match(note, /Changed on another computer on /);
    assert.match(note, /kept aside: mood 2\/10/);
    await screenshot(browser, "sync-editor-changed-elsewhere-light-1280");
    for (const v of await axeViolations(browser)) assert.fail(`editor with the note: ${v}`);

    // The crisis line set on A is B's now, and Today and Settings say so.
    await click(browser, "#nav-today");
    await onScreen(browser, "today");
    assert.match(await textOf(browser, "#crisis-line-changed"), /Your crisis line was changed on another computer on /);
    await click(browser, "#nav-settings");
    await onScreen(browser, "settings");
    assert.match(await textOf(browser, "#crisis-line-changed"), /changed on another computer/);
    assert.equal(await (await browser.$("#settings-crisis-phone")).getValue(), "0800 111 0 111");
    await screenshot(browser, "sync-settings-crisis-line-changed-light-1280");
  });
});
