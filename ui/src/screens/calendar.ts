// Calendar: a month at a glance. Each day's mood is a colour and words
// (for screen readers, and for anyone who does not see the colour); session
// days and bladder-warning days are marked with a symbol and words. A day
// opens its entries, each editable.
import type { CalendarDay, Month } from "../bindings";
import type { Ctx } from "../app";
import { clear, count, h } from "../dom";
import { call, IpcError } from "../ipc";
import { openRecord } from "../records";
import { formatDay, formatMoment } from "../time";

const WEEKDAYS: [string, string][] = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
];

/** The mood band a day's mean mood falls in (0–4), for its colour. */
function moodBand(mood: number): number {
  return Math.min(4, Math.floor(mood / 2.2));
}

/** The day in words: what a screen reader says for its cell. */
function dayWords(day: CalendarDay): string {
  const parts = [formatDay(day.day)];
  if (day.mood !== null) parts.push(`mood ${Math.round(day.mood * 10) / 10} of 10`);
  if (day.sessions > 0) parts.push(count(day.sessions, "session"));
  if (day.bladder_warning) parts.push("bladder warning sign");
  parts.push(day.entries === 0 ? "nothing logged" : count(day.entries, "entry", "entries"));
  return parts.join(", ");
}

/** The next (or previous, `step` −1) month. */
function shift(year: number, month: number, step: number): [number, number] {
  const index = year * 12 + (month - 1) + step;
  return [Math.floor(index / 12), (index % 12) + 1];
}

export function calendarScreen(ctx: Ctx): HTMLElement {
  const [nowYear, nowMonth] = ctx.overview.now.slice(0, 7).split("-").map(Number) as [number, number];
  let year = nowYear;
  let month = nowMonth;
  const title = h("h2", { id: "calendar-title", "aria-live": "polite" });
  const grid = h("div", { id: "calendar-grid", class: "calendar-wrap" });
  const dayPanel = h("section", { id: "calendar-day", class: "card", "aria-labelledby": "calendar-day-heading", hidden: true });
  const previous = h("button", { type: "button", id: "calendar-previous" }, "Previous month");
  const next = h("button", { type: "button", id: "calendar-next" }, "Next month");
  let asked = 0;

  async function showDay(day: CalendarDay): Promise<void> {
    for (const b of Array.from(grid.querySelectorAll("button[aria-pressed]"))) b.setAttribute("aria-pressed", String(b.getAttribute("data-day") === day.day));
    clear(dayPanel);
    dayPanel.hidden = false;
    dayPanel.append(h("h2", { id: "calendar-day-heading" }, formatDay(day.day)));
    try {
      const page = await call("history", { query: { kinds: [], text: "", tags: [], from: day.day, to: day.day, page: 0 } });
      if (page.entries.length === 0) {
        dayPanel.append(h("p", {}, "Nothing was logged on this day."));
        return;
      }
      dayPanel.append(
        h(
          "ul",
          { class: "entries" },
          page.entries.map((e) =>
            h(
              "li",
              { "data-kind": e.kind, "data-id": e.id },
              h("button", { type: "button", class: "quiet", onclick: () => void openRecord(ctx, e.id) }, h("strong", {}, e.title), e.at ? ` ${formatMoment(e.at).slice(-5)}` : "", " · ", e.summary),
            ),
          ),
        ),
      );
      if (page.pages > 1) dayPanel.append(h("p", { class: "hint" }, `The first ${page.entries.length} of ${page.total}; History shows them all.`));
    } catch (error) {
      dayPanel.append(h("p", { class: "problem", role: "alert" }, error instanceof IpcError ? error.message : String(error)));
    }
  }

  function cell(day: CalendarDay): HTMLElement {
    const band = day.mood === null ? "none" : String(moodBand(day.mood));
    return h(
      "td",
      { class: `mood-${band}` },
      h(
        "button",
        // Named by its words (hidden from sight); what is seen is hidden from screen readers.
        { type: "button", class: "calendar-day", "data-day": day.day, "aria-pressed": "false", onclick: () => void showDay(day) },
        h("span", { class: "visually-hidden day-words" }, dayWords(day)),
        h("span", { class: "day-number", "aria-hidden": "true" }, String(Number(day.day.slice(8, 10)))),
        h(
          "span",
          { class: "day-marks", "aria-hidden": "true" },
          day.mood !== null ? h("span", { class: "day-mood" }, String(Math.round(day.mood))) : null,
          day.sessions > 0 ? h("span", { class: "mark-session", title: "Session" }, "◆") : null,
          day.bladder_warning ? h("span", { class: "mark-bladder", title: "Bladder warning sign" }, "!") : null,
        ),
      ),
    );
  }

  function table(m: Month): HTMLElement {
    const cells: (HTMLElement | null)[] = [];
    for (let i = 0; i < m.first_weekday; i += 1) cells.push(h("td", { class: "empty" }));
    cells.push(...m.days.map(cell));
    while (cells.length % 7 !== 0) cells.push(h("td", { class: "empty" }));
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(h("tr", {}, cells.slice(i, i + 7)));
    return h(
      "table",
      { class: "calendar", "aria-labelledby": "calendar-title" },
      h("thead", {}, h("tr", {}, WEEKDAYS.map(([short, long]) => h("th", { scope: "col" }, h("abbr", { title: long }, short))))),
      h("tbody", {}, rows),
    );
  }

  async function render(): Promise<void> {
    const mine = ++asked;
    try {
      const m = await call("month", { year, month });
      if (mine !== asked) return;
      title.textContent = m.title;
      clear(grid);
      grid.append(table(m));
      const sessions = m.days.reduce((n, d) => n + d.sessions, 0);
      const warnings = m.days.filter((d) => d.bladder_warning).length;
      grid.append(h("p", { class: "hint", id: "calendar-summary" }, `${count(sessions, "session")}, ${count(warnings, "day")} with a bladder warning sign.`));
      next.disabled = year * 12 + month >= nowYear * 12 + nowMonth;
    } catch (error) {
      if (mine !== asked) return;
      clear(grid);
      grid.append(h("p", { class: "problem", role: "alert" }, error instanceof IpcError ? error.message : String(error)));
    }
  }

  const go = (step: number) => {
    [year, month] = shift(year, month, step);
    dayPanel.hidden = true;
    void render();
  };
  previous.addEventListener("click", () => go(-1));
  next.addEventListener("click", () => go(1));
  void render();
  return h(
    "div",
    { class: "screen calendar-screen" },
    h("h1", {}, "Calendar"),
    h("p", { class: "lead" }, "Each day's mood as a colour, with its number; choose a day to see and change what you logged."),
    h("div", { class: "card" }, h("div", { class: "actions calendar-nav" }, previous, title, next), grid),
    h(
      "ul",
      { class: "calendar-legend", "aria-label": "What the colours and marks mean" },
      h("li", {}, h("span", { class: "swatch mood-0", "aria-hidden": "true" }), "Low mood (0–2)"),
      h("li", {}, h("span", { class: "swatch mood-2", "aria-hidden": "true" }), "Middling (5–6)"),
      h("li", {}, h("span", { class: "swatch mood-4", "aria-hidden": "true" }), "Good mood (9–10)"),
      h("li", {}, h("span", { class: "mark-session", "aria-hidden": "true" }, "◆"), " A session"),
      h("li", {}, h("span", { class: "mark-bladder", "aria-hidden": "true" }, "!"), " A bladder warning sign"),
    ),
    dayPanel,
  );
}
