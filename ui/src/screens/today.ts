// Today: what is due, the contact card, and a quick check-in.
import type { CheckIn, Entry, NoticeKind, Reminder, SnoozeLength } from "../bindings";
import type { Ctx, Screen } from "../app";
import { EDITOR } from "../app";
import { h } from "../dom";
import { FormError, NIL_ID, dateEcho, field, guardEnter, inputOf, numberInput, readChecked, readNumber, readScale, readTags, readText, scale, shareSwitch, showError, statusBox, tagField, textArea } from "../forms";
import { deleteButton, openRecord } from "../records";
import { call, IpcError } from "../ipc";
import { dayOf, formatDay, formatMoment, fromLocalInput, localInputValue, toLocalInput } from "../time";
import { activeAlerts, contactCard } from "./alerts";

const REMINDER_ACTION: Record<Reminder["kind"], [Screen, string] | null> = {
  reflection: ["session", "Write a reflection"],
  phq9: ["questionnaires", "Fill in a PHQ-9"],
  bladder_diary: ["bladder", "Open the bladder diary"],
  driving: null,
};

/** The notification each in-app reminder is notified as (driving: none to postpone). */
const NOTICE_OF: Record<Reminder["kind"], NoticeKind | null> = {
  reflection: "reflection",
  phq9: "questionnaire",
  bladder_diary: "diary",
  driving: null,
};

/** "Remind me later" for a due reminder, while notifications are on. */
function snoozeButtons(ctx: Ctx, reminder: Reminder): HTMLElement | null {
  const kind = NOTICE_OF[reminder.kind];
  if (!kind || !ctx.overview.profile.reminders?.notifications) return null;
  const snooze = async (length: SnoozeLength, message: string): Promise<void> => {
    try {
      await call("snooze_reminder", { kind, length });
      ctx.notify(message);
    } catch (error) {
      ctx.notify(error instanceof IpcError ? error.message : String(error));
    }
  };
  return h(
    "span",
    { class: "snooze", role: "group", "aria-label": `Remind me later: ${reminder.title}` },
    h("button", { type: "button", class: "snooze-hour", onclick: () => void snooze("hour", "I will remind you again in an hour.") }, "Remind me in an hour"),
    h("button", { type: "button", class: "snooze-tomorrow", onclick: () => void snooze("tomorrow", "I will remind you again tomorrow.") }, "Remind me tomorrow"),
  );
}

function reminders(ctx: Ctx): HTMLElement {
  const due = ctx.overview.reminders;
  return h(
    "section",
    { "aria-labelledby": "due-heading", class: "card" },
    h("h2", { id: "due-heading" }, "Due today"),
    due.length === 0
      ? h("p", {}, "Nothing is due. Well done.")
      : h(
          "ul",
          { class: "reminders", id: "reminders" },
          due.map((r) => {
            const action = REMINDER_ACTION[r.kind];
            const open = async () => {
              // A reminder about one record (the session to reflect on) opens it.
              const record = r.record ? await call("record", { id: r.record }).catch(() => undefined) : undefined;
              if (record && action) ctx.go(EDITOR[record.kind], record);
              else if (action) ctx.go(action[0]);
            };
            return h(
              "li",
              { class: `reminder reminder-${r.kind}`, "data-kind": r.kind },
              h("strong", {}, r.title),
              h("p", {}, r.message),
              action
                ? h(
                    "button",
                    {
                      type: "button",
                      onclick: () => void open(),
                    },
                    action[1],
                  )
                : null,
              snoozeButtons(ctx, r),
            );
          }),
        ),
  );
}

/** " · before the session" for a check-in on a session day. */
function markOf(ctx: Ctx, entry: Entry): string {
  if (entry.kind !== "checkin" || !entry.at) return "";
  const mark = sessionMark(ctx, toLocalInput(entry.at));
  return mark ? ` · ${mark.split(" (")[0]?.toLowerCase()}` : "";
}

/** Today's entries: each opens in its form. */
function todaysEntries(ctx: Ctx): HTMLElement | null {
  const entries = ctx.overview.today;
  if (entries.length === 0) return null;
  return h(
    "section",
    { class: "card", "aria-labelledby": "today-entries-heading", id: "today-entries" },
    h("h2", { id: "today-entries-heading" }, "Logged today"),
    h(
      "ul",
      { class: "entries" },
      entries.map((e) =>
        h(
          "li",
          { "data-kind": e.kind, "data-id": e.id },
          h("button", { type: "button", class: "quiet", onclick: () => void openRecord(ctx, e.id) }, h("strong", {}, e.title), e.at ? ` ${formatMoment(e.at)}` : "", " · ", e.summary, markOf(ctx, e)),
        ),
      ),
    ),
  );
}

/**
 * "Before the session" or "after the session" for a check-in at `at`
 * (datetime-local), when a session was logged that day; else null. After
 * the latest session that started by then, else before the day's first.
 * Only today's sessions are known here (the overview's entries).
 */
export function sessionMark(ctx: Ctx, at: string): string | null {
  const starts = ctx.overview.today
    .filter((e) => e.kind === "session" && e.at && dayOf(e.at) === at.slice(0, 10))
    .map((e) => toLocalInput(e.at ?? ""))
    .sort();
  if (starts.length === 0) return null;
  const before = starts.filter((start) => start <= at);
  const latest = before[before.length - 1];
  return latest ? `After the session (it started at ${latest.slice(11, 16)})` : `Before the session (it starts at ${starts[0]?.slice(11, 16)})`;
}

function checkInForm(ctx: Ctx, editing?: CheckIn): HTMLElement {
  // A new check-in each time, unless one is opened to edit: several a day
  // are kept, each with its own time.
  const existing = editing;
  const heading = editing ? `Check-in of ${formatMoment(editing.at)}` : "New check-in";
  const problem = statusBox();
  const initial = existing ? toLocalInput(existing.at) : toLocalInput(ctx.overview.now);
  const when = h("input", { id: "checkin-when", type: "datetime-local", value: initial, max: localInputValue(new Date(Date.now() + 60_000)) });
  const mark = h("p", { class: "hint session-mark", id: "checkin-mark", "aria-live": "polite" });
  const showMark = () => {
    mark.textContent = when.value ? (sessionMark(ctx, when.value) ?? "") : "";
  };
  when.addEventListener("input", showMark);
  showMark();

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    try {
      if (!when.value) throw new FormError("checkin-when", "Enter when this check-in was.");
      // An unchanged time keeps its recorded offset.
      const at = when.value === initial ? (existing?.at ?? ctx.overview.now) : fromLocalInput(when.value);
      const record: CheckIn = {
        id: existing?.id ?? NIL_ID,
        at,
        mood: readScale("checkin-mood"),
        anxiety: readScale("checkin-anxiety"),
        energy: readScale("checkin-energy"),
        sleep_hours: readNumber("checkin-sleep", "Sleep"),
        tags: readTags("checkin-tags"),
        notes: readText("checkin-notes"),
        share_notes: readChecked("checkin-share"),
      };
      // An empty check-in is refused by the core, at its first question.
      const saved = await call("save_record", { record: { kind: "checkin", record } });
      ctx.saved(saved, existing ? "Check-in updated." : "Check-in saved.");
      ctx.go("today");
    } catch (error) {
      showError(problem, error, (path) => inputOf("checkin", path, { at: "checkin-when", sleep_hours: "checkin-sleep" }));
    }
  }

  const form = h(
    "form",
    { class: "card", id: "checkin-form", "aria-labelledby": "checkin-heading", onsubmit: (e: Event) => void submit(e), novalidate: true },
    h("h2", { id: "checkin-heading" }, heading),
    h("div", { class: "field" }, h("label", { for: when.id }, "When"), when, dateEcho(when), mark),
    scale("checkin-mood", "Mood", 0, 10, existing?.mood, ["0 very low", "10 very good"], "higher-better"),
    scale("checkin-anxiety", "Anxiety", 0, 10, existing?.anxiety, ["0 none", "10 extreme"], "higher-worse"),
    scale("checkin-energy", "Energy", 0, 10, existing?.energy, ["0 none", "10 full"], "higher-better"),
    field("Hours of sleep last night", numberInput("checkin-sleep", existing?.sleep_hours, { min: 0, max: 24, step: 0.5 })),
    tagField("checkin-tags", existing?.tags ?? []),
    field("Notes", textArea("checkin-notes", existing?.notes), "Private unless you share them."),
    shareSwitch("checkin-share", existing?.share_notes ?? false),
    problem,
    // A short form: its buttons follow it (a bar kept in view would cover the scales).
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", id: "checkin-save" }, existing ? "Save changes" : "Save check-in"),
      existing ? h("button", { type: "button", onclick: () => ctx.go("today") }, "Cancel") : null,
      existing ? deleteButton(ctx, existing.id, "check-in") : null,
    ),
  );
  guardEnter(form);
  return form;
}

function alertSummary(ctx: Ctx): HTMLElement | null {
  const active = activeAlerts(ctx.overview.alerts);
  if (active.length === 0) return null;
  return h(
    "section",
    { class: "card alerts-summary", "aria-labelledby": "active-alerts-heading", id: "active-alerts" },
    h("h2", { id: "active-alerts-heading" }, active.length === 1 ? "1 alert needs your attention" : `${active.length} alerts need your attention`),
    h("ul", {}, active.map((a) => h("li", { class: `severity-${a.severity}`, "data-rule": a.rule }, h("strong", {}, a.title)))),
    h("button", { type: "button", id: "open-alerts", onclick: () => ctx.go("alerts") }, "Open alerts"),
  );
}

export function todayScreen(ctx: Ctx, editing?: CheckIn): HTMLElement {
  const name = ctx.overview.profile.display_name;
  return h(
    "div",
    { class: "screen today" },
    h("h1", {}, name ? `Hello, ${name}` : "Today"),
    h("p", { class: "lead" }, formatDay(ctx.overview.now)),
    alertSummary(ctx),
    reminders(ctx),
    todaysEntries(ctx),
    checkInForm(ctx, editing),
    contactCard(ctx.overview.profile, false),
  );
}
