// Desktop notifications, observed on the session bus: a small notification
// server (../notification-server.mjs) owns org.freedesktop.Notifications
// and records every Notify call the app makes.
//
// - With the app running and its journal locked, a reminder that falls due
//   is notified exactly once, and the notification says nothing of what the
//   journal holds.
// - A reminder that fell due while the app was not running is notified once
//   when it starts again.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { click, launch, onScreen, screenshot, shown, statusSays, type } from "../harness.mjs";
import { startNotificationServer } from "../notification-server.mjs";

const PASSPHRASE = "amber orchard signal 77";
const CANARY = "wombat-aurora-8c2f";
// What the journal holds, none of which a notification may show.
const HEALTH_WORDS = [CANARY, "ketamine", "racemic", "mg", "150", "PHQ", "GAD", "bladder", "nausea", "Sam", "Okafor", "blood"];
const EXPECTED = { summary: "Ketalog", body: "A check-in, a questionnaire and a diary entry are due." };
// After the one notification, how long to watch for a second.
const QUIET_MS = 15_000;

/** A wall time (HH:MM, this machine's zone) at least 25 s ahead, and that moment. */
function nextMinute() {
  const due = new Date(Date.now() + 25_000 + 60_000);
  due.setSeconds(0, 0);
  const hhmm = `${String(due.getHours()).padStart(2, "0")}:${String(due.getMinutes()).padStart(2, "0")}`;
  return { hhmm, due };
}

async function waitForCalls(server, count, timeout) {
  const start = Date.now();
  while (server.calls.length < count) {
    if (Date.now() - start > timeout) assert.fail(`expected ${count} Notify call(s) within ${timeout} ms, got ${server.calls.length}`);
    await sleep(250);
  }
}

function assertPrivate(call) {
  const text = `${call.summary}\n${call.body}`;
  for (const word of HEALTH_WORDS) assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `${JSON.stringify(word)} in ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, /[0-9]/, "no number of any kind");
}

/** Settings: notifications on, daily reminders at `hhmm`. */
async function turnOnNotificationsAt(browser, hhmm) {
  await click(browser, "#nav-settings");
  await onScreen(browser, "settings");
  const on = await shown(browser, "#settings-notify");
  if (!(await on.isSelected())) await click(browser, 'label[for="settings-notify"]');
  // A time input's parts are typed differently by each engine: set the value.
  await browser.execute((value) => {
    document.getElementById("settings-checkin-time").value = value;
  }, hhmm);
  await click(browser, "#settings-save");
  await statusSays(browser, "Settings saved.");
}

describe("notifications reach the patient and say nothing of their health", () => {
  let server;
  let app;

  before(async () => {
    server = await startNotificationServer();
    app = await launch();
  });

  after(async () => {
    await app?.quit();
    await server?.stop();
  });

  it("sets up a journal holding health data, with notifications on", async () => {
    const { browser } = app;
    await shown(browser, "#setup-form");
    await type(browser, "#setup-passphrase", PASSPHRASE);
    await type(browser, "#setup-passphrase-again", PASSPHRASE);
    await type(browser, "#setup-name", "Sam");
    await type(browser, "#setup-clinician-name", "Dr. Ada Okafor");
    await click(browser, "#setup-submit");
    await onScreen(browser, "today");

    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    // In view first: the session card sits above it, and the Save bar below.
    await click(browser, "#session-medication");
    await (await browser.$("#session-medication")).selectByAttribute("value", "racemic-ketamine");
    await type(browser, "#session-dose", "150");
    await click(browser, 'label[for="session-side-nausea"]');
    await type(browser, "#session-notes", `Felt the bladder ache again. ${CANARY}`);
    await click(browser, "#session-save");
    await onScreen(browser, "today");

    const { hhmm } = nextMinute();
    await turnOnNotificationsAt(browser, hhmm);
    await browser.execute(() => document.getElementById("notifications-heading")?.scrollIntoView({ block: "start" }));
    await screenshot(browser, "40-settings-notifications");
    const schedule = join(app.dir, "journal.db.schedule");
    assert.ok(existsSync(schedule), "the schedule is kept beside the journal");
    const text = readFileSync(schedule, "utf8");
    for (const word of [CANARY, "ketamine", "150", "nausea", "Sam"]) assert.ok(!text.includes(word), `${word} in the schedule`);
    assert.match(text, new RegExp(`T${hhmm}:00`));
    assert.equal(server.calls.length, 0, "nothing is due yet");
  });

  it("while locked, a reminder that falls due is notified exactly once", async () => {
    const { browser } = app;
    await click(browser, "#lock-button");
    await shown(browser, "#unlock-form");
    const due = new Date(JSON.parse(readFileSync(join(app.dir, "journal.db.schedule"), "utf8")).notices[0].at);
    await waitForCalls(server, 1, due.getTime() - Date.now() + 30_000);
    const [call] = server.calls;
    assert.ok(call.at >= due, `notified at ${call.at.toISOString()}, due ${due.toISOString()}`);
    await sleep(QUIET_MS);
    assert.equal(server.calls.length, 1, "one notification, not one per kind or per tick");
    assert.deepEqual({ summary: call.summary, body: call.body }, EXPECTED);
    assertPrivate(call);
    assert.equal(await browser.execute(() => Boolean(document.getElementById("unlock-form"))), true, "still locked");
  });

  it("a reminder missed while the app was closed is notified once at start", async () => {
    const { browser } = app;
    await type(browser, "#unlock-passphrase", PASSPHRASE);
    await click(browser, "#unlock-submit");
    await onScreen(browser, "today");
    const { hhmm, due } = nextMinute();
    await turnOnNotificationsAt(browser, hhmm);
    await app.quit();
    server.clear();
    // Closed while it falls due.
    await sleep(due.getTime() - Date.now() + 5_000);
    assert.equal(server.calls.length, 0);

    app = await launch({ home: app.dir });
    await shown(app.browser, "#unlock-form");
    await waitForCalls(server, 1, 20_000);
    await sleep(QUIET_MS);
    assert.equal(server.calls.length, 1, "delivered once, not once per missed reminder");
    assert.deepEqual({ summary: server.calls[0].summary, body: server.calls[0].body }, EXPECTED);
    assertPrivate(server.calls[0]);

    // After unlocking, the app opens the screen the notification was about.
    await type(app.browser, "#unlock-passphrase", PASSPHRASE);
    await click(app.browser, "#unlock-submit");
    await onScreen(app.browser, "today");
    await screenshot(app.browser, "41-after-notification");
    // "Remind me in an hour" on the questionnaire postpones its notification.
    await click(app.browser, ".reminder-phq9 .snooze-hour");
    await statusSays(app.browser, "I will remind you again in an hour.");
    const snoozes = JSON.parse(readFileSync(join(app.dir, "journal.db.schedule"), "utf8")).snoozes;
    assert.deepEqual(snoozes.map((s) => s.kind), ["questionnaire"]);
  });
});
