// The app's frame: first run, unlock, then the screens; locking on demand
// and when the shell says the journal locked itself.
import { listen } from "@tauri-apps/api/event";
import type { AppStatus, NoticeKind, Overview, Saved, SyncOutcome } from "./bindings";
import type { Ctx, Editing, Screen } from "./app";
import { EDITOR } from "./app";
import { clear, h } from "./dom";
import { call, IpcError, onJournalDamaged } from "./ipc";
import { setupScreen, unlockScreen } from "./screens/access";
import { recoverScreen } from "./screens/recover";
import { todayScreen } from "./screens/today";
import { questionnairesScreen } from "./screens/questionnaires";
import { promptDialog } from "./screens/alerts";
import { forgetSessionNotes, sessionScreen } from "./screens/session";
import { bladderScreen, diaryDay } from "./screens/bladder";
import { historyScreen } from "./screens/history";
import { calendarScreen } from "./screens/calendar";
import { trendsScreen } from "./screens/trends";
import { insightsScreen } from "./screens/insights";
import { alertsScreen } from "./screens/alerts";
import { backupScreen } from "./screens/backup";
import { reportScreen } from "./screens/report";
import { settingsScreen, applyTheme } from "./screens/settings";
import { aboutScreen } from "./screens/about";
import { setupZoom } from "./zoom";
import { keepFocusClearOfActionBar } from "./forms";
import { changedElsewhereNote, changedTheJournal, crisisLineNotice, keepSyncStatus, refreshSyncStatus } from "./sync";

const DISCLAIMER = "Ketalog does not replace clinical advice. In an emergency, call your local emergency number.";
const KEEP_ALIVE_EVERY_MS = 30_000;

const NAV: [Screen, string][] = [
  ["today", "Today"],
  ["session", "Log session"],
  ["questionnaires", "Questionnaires"],
  ["bladder", "Bladder diary"],
  ["history", "History"],
  ["calendar", "Calendar"],
  ["trends", "Trends"],
  ["insights", "Insights"],
  ["alerts", "Alerts"],
  ["report", "Report"],
  ["backup", "Backup"],
  ["settings", "Settings"],
  ["about", "About ketamine treatment"],
];

const root = document.getElementById("app") as HTMLElement;
let status: AppStatus | null = null;
let overview: Overview | null = null;
let current: Screen = "today";
// The record open in its editor, if any, and whether the user has typed
// into the screen shown: a sync that changed the journal shows the screen
// again only when neither holds, so nothing typed is lost.
let currentEditing: Editing | undefined;
let typedSinceShown = false;
let lastKeepAlive = 0;
// What the shell said when it found the journal's files damaged; cleared
// once a journal opens.
let damage: string | null = null;
// Crisis and urgent alerts raised by the record just saved: shown over the
// next screen at once.
let pendingPrompts: Saved["prompts"] = [];
// What to know after the record just saved (the guides' facts): shown
// under the next screen's heading, once.
let pendingAfterword: HTMLElement | null = null;
// A confirmation survives the re-render that follows it (save, then show
// Today), but not later navigation.
let carried: { message: string; until: number } | null = null;
const CARRY_MS = 300;

function frame(content: HTMLElement, withNav: boolean): void {
  clear(root);
  typedSinceShown = false;
  const liveStatus = h("p", { id: "status-line", class: "status-line", role: "status", "aria-live": "polite" });
  if (carried && Date.now() < carried.until) liveStatus.textContent = carried.message;
  carried = null;
  const footer = h("footer", { class: "disclaimer" }, DISCLAIMER);
  if (!withNav) {
    root.append(h("div", { class: "access" }, h("main", { id: "main", tabindex: "-1" }, content), liveStatus, footer));
    return;
  }
  const nav = h(
    "nav",
    { "aria-label": "Screens", class: "nav" },
    h(
      "ul",
      {},
      NAV.map(([screen, label]) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              id: `nav-${screen}`,
              class: "nav-item",
              "aria-current": screen === current ? "page" : null,
              onclick: () => show(screen),
            },
            label,
          ),
        ),
      ),
    ),
    h("button", { type: "button", id: "lock-button", class: "nav-item lock", onclick: () => void lock() }, "Lock"),
  );
  const header = h("header", { class: "top" }, h("span", { class: "brand" }, "Ketalog"), liveStatus);
  root.append(header, h("div", { class: "body" }, nav, h("main", { id: "main", tabindex: "-1", "data-screen": current }, content)), footer);
}

function notify(message: string): void {
  const line = document.getElementById("status-line");
  if (line) line.textContent = message;
  carried = { message, until: Date.now() + CARRY_MS };
}

function context(): Ctx {
  if (!status || !overview) throw new Error("the journal is not open");
  const appStatus = status;
  return {
    status: appStatus,
    // Always the journal as last loaded, also after a screen replaced it.
    get overview(): Overview {
      if (!overview) throw new Error("the journal is not open");
      return overview;
    },
    go: (screen, editing) => show(screen, editing),
    saved: (saved: Saved, message: string, afterword?: HTMLElement | null) => {
      overview = saved.overview;
      pendingPrompts = saved.prompts;
      pendingAfterword = afterword ?? null;
      notify(message);
    },
    replaceOverview: (next) => {
      overview = next;
    },
    notify,
    lock: () => void lock(),
  };
}

function show(screen: Screen, editing?: Editing): void {
  void showAsync(screen, editing).catch((error: unknown) => notify(error instanceof Error ? error.message : String(error)));
}

async function showAsync(screen: Screen, editing?: Editing): Promise<void> {
  if (!overview) return;
  current = screen;
  currentEditing = editing;
  const ctx = context();
  const builders: Record<Screen, () => HTMLElement | Promise<HTMLElement>> = {
    today: () => todayScreen(ctx, editing?.kind === "checkin" ? editing.record : undefined),
    session: () => sessionScreen(ctx, editing?.kind === "session" ? editing.record : undefined),
    questionnaires: () => questionnairesScreen(ctx, editing),
    bladder: async () => bladderScreen(ctx, editing?.kind === "bladder" ? editing.record : await diaryDay(ctx.overview.now)),
    history: () => historyScreen(ctx),
    calendar: () => calendarScreen(ctx),
    trends: () => trendsScreen(ctx),
    insights: () => insightsScreen(ctx),
    alerts: () => alertsScreen(ctx),
    report: () => reportScreen(ctx),
    backup: () => backupScreen(ctx),
    settings: () => settingsScreen(ctx),
    about: () => aboutScreen(),
  };
  const content = await builders[screen]();
  if (current !== screen) return;
  frame(content, true);
  const heading = document.querySelector<HTMLElement>("main h1");
  if (pendingAfterword) {
    if (heading) heading.after(pendingAfterword);
    else document.getElementById("main")?.prepend(pendingAfterword);
    pendingAfterword = null;
  }
  // What a sync changed that this screen should say: a record replaced by
  // a later edit made elsewhere, a crisis line set on another computer.
  // (A check-in is edited in its card on Today: the note goes under the card's heading.)
  const recordNote = editing ? changedElsewhereNote(editing.record.id) : null;
  if (recordNote) (document.getElementById(`${editing?.kind}-heading`) ?? heading)?.after(recordNote);
  const crisisNote = screen === "today" || screen === "settings" ? crisisLineNotice() : null;
  if (crisisNote) heading?.after(crisisNote);
  heading?.setAttribute("tabindex", "-1");
  heading?.focus();
  document.getElementById("main")?.scrollTo(0, 0);
  if (pendingPrompts.length > 0 && overview) {
    const prompts = pendingPrompts;
    pendingPrompts = [];
    promptDialog(prompts, overview.profile, () => show("alerts"));
  }
}

/** The screen a notification asked for: its reminder's form, or its list. */
async function screenOf(kind: NoticeKind | null): Promise<[Screen, Editing?]> {
  const reflection = overview?.reminders.find((r) => r.kind === "reflection");
  const session = kind === "reflection" && reflection?.record ? await call("record", { id: reflection.record }).catch(() => undefined) : undefined;
  switch (kind) {
    case "questionnaire":
      return ["questionnaires"];
    case "diary":
      return ["bladder"];
    case "follow_up":
      return ["alerts"];
    case "reflection":
      return session ? [EDITOR[session.kind], session] : ["today"];
    default:
      return ["today"];
  }
}

function opened(next: Overview): void {
  damage = null;
  overview = next;
  keepSyncStatus(null);
  void refreshSyncStatus().then((sync) => {
    // A crisis line set on another computer is said on Today at once.
    if (sync?.crisis_line_changed && overview === next && current === "today" && !currentEditing && !typedSinceShown) show("today");
  });
  if (status) status = { ...status, journal_exists: true, unlocked: true };
  lastKeepAlive = Date.now();
  show("today");
  // Notifications report no click on Linux: the first screen after
  // unlocking is the one the last notification was about.
  call("take_last_notice", {})
    .then((kind) => {
      if (kind && overview === next) void screenOf(kind).then((target) => show(...target));
    })
    .catch(() => undefined);
}

/**
 * Empties every passphrase field still in the page. A JavaScript string
 * cannot be wiped: what is left of a typed passphrase is the engine's
 * garbage, until collected (ARCHITECTURE.md says what remains where).
 */
function forgetSecrets(): void {
  for (const input of document.querySelectorAll<HTMLInputElement>("input[type=password]")) input.value = "";
}

function showAccess(): void {
  forgetSecrets();
  // Every way of locking comes here: the notes of a session not yet saved go with the journal.
  forgetSessionNotes();
  overview = null;
  keepSyncStatus(null);
  if (!status) return;
  if (status.journal_exists) {
    frame(unlockScreen(opened, damage, showRecover), false);
  } else {
    frame(setupScreen(status, opened), false);
  }
  document.querySelector<HTMLElement>("main input")?.focus();
  // The unlock screen is usable from here on: the app benchmark measures
  // cold start up to this mark (e2e/bench-app.mjs).
  if (status.journal_exists) performance.mark("ketalog:unlock-ready");
}

function showRecover(): void {
  if (!status) return;
  const recovery = {
    opened: (next: Overview, message: string) => {
      opened(next);
      notify(message);
    },
    back: showAccess,
  };
  frame(recoverScreen(status, damage, recovery), false);
  document.querySelector<HTMLElement>("main input")?.focus();
}

async function lock(): Promise<void> {
  await call("lock", {}).catch(() => undefined);
  overview = null;
  showAccess();
  notify("Locked. Your journal is closed.");
}

function noteActivity(): void {
  if (!overview || Date.now() - lastKeepAlive < KEEP_ALIVE_EVERY_MS) return;
  lastKeepAlive = Date.now();
  call("keep_alive", {}).catch((error: unknown) => {
    if (error instanceof IpcError && error.code === "locked") {
      overview = null;
      showAccess();
      notify("Locked after being idle.");
    }
  });
}

/**
 * A sync in the background finished. When it changed the journal, the
 * screen is shown again with what came in, unless a record is open in its
 * editor or something was typed: then only the status line says so. A
 * failure is not announced: Settings shows it.
 */
async function synced(outcome: SyncOutcome): Promise<void> {
  if (!overview) return;
  // Settings' sync card shows the new status by itself.
  await refreshSyncStatus();
  if (!changedTheJournal(outcome)) return;
  overview = await call("load_overview", {});
  if (currentEditing || typedSinceShown) {
    notify("Changes from your other computers came in; they show when you next open a screen.");
    return;
  }
  show(current);
  notify("Changes from your other computers came in.");
}

async function start(): Promise<void> {
  applyTheme();
  setupZoom(notify);
  keepFocusClearOfActionBar();
  for (const type of ["keydown", "pointerdown", "input"]) {
    window.addEventListener(type, noteActivity, { passive: true, capture: true });
  }
  window.addEventListener("input", () => (typedSinceShown = true), { passive: true, capture: true });
  onJournalDamaged((message) => {
    damage = message;
    overview = null;
    showAccess();
  });
  // One round trip before the first screen; the shell's events matter only
  // once a journal is open, so their listeners are registered after the
  // unlock screen is shown (nothing can be unlocked before) or before the
  // open journal's overview is asked for.
  status = await call("status", {});
  if (status.unlocked) {
    await listenToTheShell();
    opened(await call("load_overview", {}));
  } else {
    showAccess();
    await listenToTheShell();
  }
}

async function listenToTheShell(): Promise<void> {
  await Promise.all([
    listen<SyncOutcome>("journal-synced", (event) => void synced(event.payload).catch(() => undefined)),
    listen("journal-locked", () => {
      if (!overview) return;
      overview = null;
      showAccess();
      notify("Locked after being idle.");
    }),
  ]);
}

start().catch((error: unknown) => {
  clear(root);
  root.append(h("main", { id: "main" }, h("h1", {}, "Ketalog could not start"), h("p", { role: "alert" }, String(error))));
});
