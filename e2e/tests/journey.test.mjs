// The patient's journey through the real app: first run, logging, the
// screens, exports, restore into a fresh journal, locking and unlocking.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { click, launch, onScreen, screenshot, shown, statusSays, type } from "../harness.mjs";

const PASSPHRASE = "quiet harbour lantern 42";
// Distinctive words in the notes: they must never be found in plain text
// in the journal's folder or the temporary folder.
const CANARY = "quokka-lighthouse-5d1e";

describe("a new journal, used end to end", () => {
  let app;
  let browser;

  before(async () => {
    app = await launch();
    browser = app.browser;
  });

  after(async () => {
    await app?.quit();
  });

  it("first-run setup creates the journal and opens Today", async () => {
    await shown(browser, "#setup-form");
    await screenshot(browser, "01-setup");
    await type(browser, "#setup-passphrase", "short");
    assert.match(await (await browser.$("#setup-passphrase-strength")).getText(), /Too short/);
    await type(browser, "#setup-passphrase", PASSPHRASE);
    assert.doesNotMatch(await (await browser.$("#setup-passphrase-strength")).getText(), /Too short|Weak/);
    await type(browser, "#setup-passphrase-again", PASSPHRASE);
    await type(browser, "#setup-name", "Sam");
    await type(browser, "#setup-weight", "70");
    await type(browser, "#setup-clinician-name", "Dr. Ada Okafor");
    await type(browser, "#setup-clinician-phone", "+1 555 0199");
    await screenshot(browser, "02-setup-filled");
    await click(browser, "#setup-submit");
    await onScreen(browser, "today");
    assert.equal(await (await browser.$("main h1")).getText(), "Hello, Sam");
    // The passphrase is gone from the page once submitted.
    assert.equal(await browser.execute(() => document.querySelectorAll('input[type="password"]').length), 0);
    await screenshot(browser, "03-today-empty");
  });

  it("a quick check-in is saved", async () => {
    await click(browser, 'label[for="checkin-mood-6"]');
    await click(browser, 'label[for="checkin-anxiety-3"]');
    await type(browser, "#checkin-sleep", "7.5");
    await click(browser, "#checkin-save");
    await statusSays(browser, "Check-in saved.");
    // Saved as today's entry; the form starts a new check-in, never overwriting this one.
    assert.match(await (await browser.$("#today-entries")).getText(), /mood 6\/10 · anxiety 3\/10 · slept 7\.5 h/);
    assert.match(await (await browser.$("#checkin-heading")).getText(), /New check-in/);
  });

  it("a session with partial doses and blood pressure is logged", async () => {
    await click(browser, "#nav-session");
    await onScreen(browser, "session");
    await click(browser, "#session-medication");
    await (await browser.$("#session-medication")).selectByAttribute("value", "racemic-ketamine");
    await (await browser.$("#session-route")).selectByAttribute("value", "sublingual");
    await click(browser, "details summary");
    await click(browser, "#session-add-part");
    await type(browser, "#session-part-1-mg", "100");
    await click(browser, "#session-add-part");
    await type(browser, "#session-part-2-after", "60");
    await type(browser, "#session-part-2-mg", "50");
    assert.equal(await (await browser.$("#session-parts-total")).getText(), "Total: 150 mg");
    await type(browser, "#session-pre-sys", "128");
    await type(browser, "#session-pre-dia", "82");
    await type(browser, "#session-post-sys", "141");
    await type(browser, "#session-post-dia", "88");
    await click(browser, 'label[for="session-dissociation-4"]');
    await click(browser, 'label[for="session-side-nausea"]');
    await type(browser, "#session-notes", `Calm afterwards; music helped. ${CANARY}`);
    await screenshot(browser, "04-session-form");
    await click(browser, "#session-save");
    await onScreen(browser, "today");
    await statusSays(browser, "Session saved.");
    const reminders = await (await shown(browser, "#reminders")).getText();
    assert.match(reminders, /No driving until tomorrow/);
    await screenshot(browser, "05-today-after-session");
  });

  it("an invalid blood pressure is refused in words, and the field is focused", async () => {
    await click(browser, "#nav-session");
    // The last session's plan is copied: its parts, 100 mg then 50 mg.
    assert.equal(await (await shown(browser, "#session-part-1-mg")).getValue(), "100");
    assert.equal(await (await browser.$("#session-parts-total")).getText(), "Total: 150 mg");
    await type(browser, "#session-pre-sys", "80");
    await type(browser, "#session-pre-dia", "95");
    await click(browser, "#session-save");
    await screenshot(browser, "06-session-invalid");
    const problem = await shown(browser, "#session-form .field-error");
    const said = await problem.getText();
    assert.match(said, /The diastolic pressure before the dose must be lower than the systolic pressure \(95 is not below 80\)/);
    assert.doesNotMatch(said, /bp_pre|diastolic:/, "no field path on screen");
    assert.equal(await browser.execute(() => document.activeElement?.id), "session-pre-dia");
  });

  it("a PHQ-9 with item 9 above 0 brings up the crisis line and the clinician at once", async () => {
    await click(browser, "#nav-questionnaires");
    await onScreen(browser, "questionnaires");
    await screenshot(browser, "07-questionnaires");
    await click(browser, "#start-phq9");
    const answers = [1, 2, 1, 1, 0, 1, 0, 0, 1];
    for (const [i, score] of answers.entries()) {
      assert.match(await (await shown(browser, "#question-progress")).getText(), new RegExp(`question ${i + 1} of 9`));
      if (i === 8) {
        assert.match(await (await browser.$("#question-text")).getText(), /better off dead/);
        await screenshot(browser, "08-phq9-item9");
      }
      await click(browser, `label[for="answer-${i}-${score}"]`);
      await click(browser, "#question-next");
    }
    // The closing question is optional.
    await click(browser, "#question-next");
    const review = await (await shown(browser, "#questionnaire-review")).getText();
    assert.match(review, /PHQ-9: 7 of 27/);
    await click(browser, "#questionnaire-save");
    const prompt = await shown(browser, "#prompt-dialog");
    assert.match(await prompt.getText(), /Please reach out now/);
    assert.match(await (await browser.$("#prompt-crisis-line")).getText(), /988/);
    assert.match(await (await browser.$("#prompt-clinician")).getText(), /Dr\. Ada Okafor/);
    assert.match(await (await browser.$("#prompt-clinician")).getText(), /\+1 555 0199/);
    await screenshot(browser, "09-crisis-prompt");
    await click(browser, "#prompt-close");
    await onScreen(browser, "today");
    assert.match(await (await shown(browser, "#active-alerts")).getText(), /alert/);
  });

  it("the alert is acknowledged with a note", async () => {
    await click(browser, "#open-alerts");
    await onScreen(browser, "alerts");
    await screenshot(browser, "10-alerts");
    const card = 'article[data-rule="mood.self_harm"]';
    await type(browser, `${card} textarea`, `Called Dr. Okafor; appointment Friday. ${CANARY}`);
    await click(browser, `${card} .acknowledge-button`);
    await statusSays(browser, "Alert acknowledged.");
    assert.match(await (await shown(browser, `${card} .acknowledged`)).getText(), /appointment Friday/);
  });

  it("a bladder diary day is saved", async () => {
    await click(browser, "#nav-bladder");
    await onScreen(browser, "bladder");
    await type(browser, "#bladder-day-voids", "9");
    await type(browser, "#bladder-night-voids", "2");
    await click(browser, 'label[for="bladder-burning"]');
    await click(browser, 'label[for="bladder-urgency-2"]');
    await screenshot(browser, "11-bladder");
    await click(browser, "#bladder-save");
    await statusSays(browser, "Diary day saved.");
  });

  it("history lists, finds, edits and deletes records", async () => {
    await click(browser, "#nav-history");
    await onScreen(browser, "history");
    await browser.waitUntil(async () => (await (await browser.$("#history-count")).getText()) === "4 records");
    await screenshot(browser, "12-history");
    await type(browser, "#history-search", "music");
    await browser.waitUntil(async () => (await (await browser.$("#history-count")).getText()) === "1 record");
    await click(browser, 'tr[data-kind="session"] button.open-record');
    await onScreen(browser, "session");
    assert.equal(await (await browser.$("#session-part-2-mg")).getValue(), "50");
    await type(browser, "#session-reflection", "Felt lighter the next day.");
    await click(browser, "#session-save");
    await statusSays(browser, "Session updated.");
    await click(browser, "#nav-history");
    await (await shown(browser, "#history-kind")).selectByAttribute("value", "bladder");
    // Rows open the record; deleting is in its editor, asked first.
    assert.equal(await (await browser.$$("#history-list button.danger")).length, 0);
    await click(browser, 'tr[data-kind="bladder"] button.open-record');
    await onScreen(browser, "bladder");
    await click(browser, "#record-delete");
    await shown(browser, "#confirm-dialog");
    await screenshot(browser, "13-delete-confirm");
    await click(browser, "#confirm-cancel");
    await click(browser, "#record-delete");
    await click(browser, "#confirm-ok");
    await statusSays(browser, "deleted");
    await click(browser, "#nav-history");
    await (await shown(browser, "#history-kind")).selectByAttribute("value", "bladder");
    await browser.waitUntil(async () => (await (await browser.$("#history-count")).getText()) === "0 records");
  });

  it("trends show the core's charts with their data tables", async () => {
    await click(browser, "#nav-trends");
    await onScreen(browser, "trends");
    await shown(browser, "#chart-doses svg");
    const charts = await browser.execute(() => Array.from(document.querySelectorAll("figure.chart")).map((f) => f.dataset.chart));
    assert.deepEqual(charts, ["phq9", "gad7", "checkins", "doses", "bladder", "blood-pressure"]);
    await click(browser, "#chart-doses summary");
    assert.match(await (await shown(browser, "#chart-table-doses")).getText(), /150/);
    await screenshot(browser, "14-trends");
    await browser.execute(() => document.getElementById("chart-doses")?.scrollIntoView());
    await screenshot(browser, "14b-trends-doses");
  });

  it("a PDF summary is previewed and saved, and is a valid PDF", async () => {
    await click(browser, "#nav-report");
    await onScreen(browser, "report");
    await click(browser, "#report-preview-button");
    await shown(browser, "#report-preview figure.chart svg");
    await screenshot(browser, "14c-report");
    await type(browser, "#report-name", "summary.pdf");
    await click(browser, "#report-save");
    await browser.waitUntil(async () => /Saved to/.test(await (await browser.$("#report-result")).getText()), { timeout: 30_000 });
    const pdf = join(app.files, "summary.pdf");
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
    execFileSync("qpdf", ["--check", pdf], { stdio: "pipe" });
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    assert.match(text, /Sam/);
    assert.match(text, /Patient-recorded data/);
  });

  it("a plain JSON export is written where the app was told", async () => {
    await click(browser, "#nav-backup");
    await onScreen(browser, "backup");
    await type(browser, "#export-name", "journey.json");
    await click(browser, "#export-json");
    await browser.waitUntil(async () => /Saved to/.test(await (await browser.$("#export-result")).getText()));
    const document = JSON.parse(readFileSync(join(app.files, "journey.json"), "utf8"));
    assert.equal(document.format, "ketalog-data");
    assert.equal(document.sessions.length, 1);
    assert.equal(document.sessions[0].dose_mg, 150);
    assert.equal(document.sessions[0].reflection, "Felt lighter the next day.");
    await screenshot(browser, "15-backup");
  });

  it("settings save the profile and switch to the dark theme", async () => {
    await click(browser, "#nav-settings");
    await onScreen(browser, "settings");
    await type(browser, "#settings-autolock", "10");
    await click(browser, "#settings-save");
    await statusSays(browser, "Settings saved.");
    assert.equal(await (await browser.$("#settings-autolock")).getValue(), "10");
    await (await shown(browser, "#settings-theme")).selectByAttribute("value", "dark");
    await screenshot(browser, "16-settings-dark");
    await click(browser, "#nav-today");
    await screenshot(browser, "17-today-dark");
    await click(browser, "#nav-settings");
    await (await shown(browser, "#settings-theme")).selectByAttribute("value", "light");
  });

  it("reflows to one column in a window as narrow as 200% zoom makes it", async () => {
    const { width, height } = await browser.getWindowSize();
    try {
      await browser.setWindowSize(550, 800);
      await click(browser, "#nav-today");
      await onScreen(browser, "today");
      const overflow = await browser.execute(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await screenshot(browser, "18a-today-narrow");
      await click(browser, "#nav-session");
      await screenshot(browser, "18b-session-narrow");
    } finally {
      await browser.setWindowSize(width, height);
    }
  });

  it("the webview cannot reach the network or leave the app", async () => {
    const fetched = await browser.executeAsync((done) => {
      fetch("https://example.com/").then(
        () => done("reached"),
        (error) => done(`blocked: ${error}`),
      );
    });
    assert.match(fetched, /^blocked/);
    const origin = await browser.execute(() => window.location.origin);
    await browser.execute(() => {
      window.location.href = "https://example.com/";
    });
    await sleep(1500);
    assert.equal(await browser.execute(() => window.location.origin), origin);
    const opened = await browser.execute(() => window.open("https://example.com/") === null);
    assert.equal(opened, true);
    assert.equal((await browser.getWindowHandles()).length, 1);
    // Still the app, still working.
    await shown(browser, "#nav-today");
  });

  it("locks, refuses a wrong passphrase and unlocks with the right one", async () => {
    await click(browser, "#lock-button");
    await shown(browser, "#unlock-form");
    await statusSays(browser, "Locked");
    await screenshot(browser, "18-locked");
    await type(browser, "#unlock-passphrase", "not my passphrase");
    await click(browser, "#unlock-submit");
    const problem = await shown(browser, "#unlock-form .field-error");
    assert.match(await problem.getText(), /does not open this journal/);
    await screenshot(browser, "19-wrong-passphrase");
    await type(browser, "#unlock-passphrase", PASSPHRASE);
    await click(browser, "#unlock-submit");
    await onScreen(browser, "today");
  });

  it("leaves no note text in plain form in the journal's folder or the temporary folder", async () => {
    await app.quit();
    app.quit = async () => undefined;
    // Everything the app and its web view wrote: the journal and its key
    // file, window state, WebKit's storage and caches, and TMPDIR. The
    // `files` folder is left out: it holds the plain exports the user asked
    // for, which contain the notes by design.
    const scanned = [];
    const found = [];
    const needles = [Buffer.from(CANARY, "utf8"), Buffer.from(CANARY, "utf16le")];
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (path !== app.files) walk(path);
        } else if (entry.isFile()) {
          scanned.push(path);
          const bytes = readFileSync(path);
          if (needles.some((needle) => bytes.includes(needle))) found.push(path);
        }
      }
    };
    walk(app.dir);
    assert.ok(scanned.some((path) => path.endsWith("journal.db")), `the journal was scanned: ${scanned.join(", ")}`);
    assert.ok(readFileSync(join(app.files, "journey.json")).includes(CANARY), "the canary is in the plain export, so it was written");
    assert.deepEqual(found, [], "note text found in plain form");
  });
});

const BACKUP_PASSPHRASE = "copper kettle morning rain";
let madeBackup = null;

/** First-run setup with only a passphrase; ends on Today. */
async function createJournal(b, passphrase) {
  await type(b, "#setup-passphrase", passphrase);
  await type(b, "#setup-passphrase-again", passphrase);
  await click(b, "#setup-submit");
  await onScreen(b, "today");
}

/** An encrypted backup of a journal holding one session, made by the app itself (once). */
async function backupOfOneSession() {
  if (madeBackup) return madeBackup;
  const first = await launch();
  try {
    const b = first.browser;
    await createJournal(b, PASSPHRASE);
    await click(b, "#nav-session");
    await type(b, "#session-dose", "56");
    await (await b.$("#session-medication")).selectByAttribute("value", "esketamine");
    await (await b.$("#session-route")).selectByAttribute("value", "intranasal");
    await click(b, "#session-save");
    await statusSays(b, "Session saved.");
    await click(b, "#nav-backup");
    await type(b, "#backup-name", "journal.age");
    await type(b, "#backup-passphrase", BACKUP_PASSPHRASE);
    await type(b, "#backup-passphrase-again", BACKUP_PASSPHRASE);
    await screenshot(b, "20-backup-export");
    await click(b, "#backup-export");
    await b.waitUntil(async () => /Encrypted backup of 1 record saved/.test(await (await b.$("#backup-result")).getText()));
    // The passphrase fields are emptied once the shell has them.
    assert.equal(await (await b.$("#backup-passphrase")).getValue(), "");
    madeBackup = readFileSync(join(first.files, "journal.age"));
    assert.equal(madeBackup.subarray(0, 22).toString(), "age-encryption.org/v1\n");
    return madeBackup;
  } finally {
    await first.quit();
  }
}

describe("an encrypted backup restored into a fresh journal", () => {
  let app;
  let browser;
  let backup;

  before(async () => {
    backup = await backupOfOneSession();
    app = await launch();
    browser = app.browser;
    writeFileSync(join(app.files, "journal.age"), backup);
    await createJournal(browser, "another long passphrase");
  });

  after(async () => {
    await app?.quit();
  });

  it("refuses a wrong backup passphrase and changes nothing", async () => {
    await click(browser, "#nav-backup");
    await type(browser, "#restore-name", "journal.age");
    await type(browser, "#restore-passphrase", "not the backup passphrase");
    await click(browser, "#restore-choose");
    await browser.waitUntil(async () => /wrong backup passphrase/i.test(await (await browser.$("#restore-result")).getText()), { timeout: 30_000 });
    assert.equal(await (await browser.$$("#restore-confirm")).length, 0);
  });

  it("previews the backup, then merges it", async () => {
    await type(browser, "#restore-name", "journal.age");
    await type(browser, "#restore-passphrase", BACKUP_PASSPHRASE);
    await click(browser, "#restore-choose");
    // Decrypting takes a moment (the backup passphrase is stretched with scrypt).
    await shown(browser, "#restore-confirm", 30_000);
    assert.match(await (await browser.$("#restore-preview")).getText(), /This backup holds: 1 session,/);
    await screenshot(browser, "21-restore-preview");
    await click(browser, "#restore-confirm");
    await browser.waitUntil(async () => /Restored: 1 added/.test(await (await browser.$("#restore-result")).getText()));
    await click(browser, "#nav-history");
    await browser.waitUntil(async () => (await (await browser.$("#history-count")).getText()) === "1 record");
    assert.match(await (await browser.$("#history-list")).getText(), /esketamine 56 mg/);
  });

  it("a backup made to an age key opens with its identity file", async () => {
    await click(browser, "#nav-backup");
    await type(browser, "#export-name", "plain.json");
    await click(browser, "#export-json");
    await browser.waitUntil(async () => /Saved to/.test(await (await browser.$("#export-result")).getText()));
    const said = execFileSync("age-keygen", ["-o", join(app.files, "key.txt")], { encoding: "utf8", stdio: "pipe" });
    const publicKey = /age1[0-9a-z]+/.exec(said)?.[0] ?? execFileSync("age-keygen", ["-y", join(app.files, "key.txt")], { encoding: "utf8" }).trim();
    execFileSync("age", ["-r", publicKey, "-o", join(app.files, "to-key.age"), join(app.files, "plain.json")]);
    await type(browser, "#restore-name", "to-key.age");
    await type(browser, "#restore-identity", "key.txt");
    await click(browser, "#restore-choose");
    await shown(browser, "#restore-confirm");
    assert.match(await (await browser.$("#restore-preview")).getText(), /This backup holds: 1 session,/);
    await click(browser, "#restore-confirm");
    await browser.waitUntil(async () => /Restored: 0 added, 0 updated, 1 unchanged/.test(await (await browser.$("#restore-result")).getText()));
  });

  it("a plain export that is not a data document is refused and nothing changes", async () => {
    writeFileSync(join(app.files, "broken.json"), '{"format": "something-else"}');
    await click(browser, "#nav-backup");
    await type(browser, "#restore-name", "broken.json");
    await click(browser, "#restore-choose-plain");
    await browser.waitUntil(async () => /not a Ketalog data document/i.test(await (await browser.$("#restore-result")).getText()));
    await click(browser, "#nav-history");
    await browser.waitUntil(async () => (await (await browser.$("#history-count")).getText()) === "1 record");
  });
});

describe("a damaged journal", () => {
  let app;
  let browser;
  let damaged;

  before(async () => {
    const backup = await backupOfOneSession();
    // A journal with a check-in, closed, then damaged on disk: one byte
    // changed in every page.
    const first = await launch();
    try {
      const b = first.browser;
      await createJournal(b, PASSPHRASE);
      await click(b, 'label[for="checkin-mood-4"]');
      await click(b, "#checkin-save");
      await statusSays(b, "Check-in saved.");
    } finally {
      await first.quit();
    }
    // The database and, if the app left one, its write-ahead log.
    const db = join(first.dir, "journal.db");
    for (const file of [db, `${db}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (let page = 0; page + 300 < bytes.length; page += 4096) bytes[page + 300] ^= 0x5a;
      writeFileSync(file, bytes);
    }
    damaged = readFileSync(db);
    app = await launch({ home: first.dir });
    browser = app.browser;
    writeFileSync(join(app.files, "journal.age"), backup);
  });

  after(async () => {
    await app?.quit();
  });

  it("is reported at unlock, with restore from a backup offered instead of a new journal", async () => {
    await type(browser, "#unlock-passphrase", PASSPHRASE);
    await click(browser, "#unlock-submit");
    const notice = await shown(browser, "#unlock-damage");
    assert.match(await notice.getText(), /damaged and cannot be read/);
    assert.match(await notice.getText(), /Nothing has been changed or deleted/);
    assert.equal(await (await browser.$$("#setup-form")).length, 0, "no new, empty journal is offered");
    await screenshot(browser, "22-damaged-journal");
  });

  it("restores the backup as a new journal and keeps the damaged files", async () => {
    await click(browser, "#unlock-recover");
    await shown(browser, "#recover-damage");
    await type(browser, "#recover-name", "journal.age");
    await type(browser, "#recover-passphrase", BACKUP_PASSPHRASE);
    await click(browser, "#recover-choose");
    await shown(browser, "#recover-confirm", 30_000);
    assert.match(await (await browser.$("#recover-form")).getText(), /This backup holds: 1 session,/);
    await type(browser, "#recover-new-passphrase", "a fresh start passphrase");
    await type(browser, "#recover-new-passphrase-again", "a fresh start passphrase");
    await screenshot(browser, "23-recover-preview");
    await click(browser, "#recover-confirm");
    await onScreen(browser, "today");
    await statusSays(browser, "Restored 1 record into a new journal.");
    const message = await (await browser.$("#status-line")).getText();
    const folder = /kept, unchanged, in (.+)\.$/.exec(message)?.[1];
    assert.ok(folder, message);
    assert.ok(readFileSync(join(folder, "journal.db")).equals(damaged), "the damaged journal is kept byte for byte");
    await click(browser, "#nav-history");
    await browser.waitUntil(async () => (await (await browser.$("#history-count")).getText()) === "1 record");
    assert.match(await (await browser.$("#history-list")).getText(), /esketamine 56 mg/);
  });

  it("the new journal opens with its new passphrase", async () => {
    await click(browser, "#lock-button");
    await type(browser, "#unlock-passphrase", "a fresh start passphrase");
    await click(browser, "#unlock-submit");
    await onScreen(browser, "today");
  });
});
