// Trends: a range picker, and for each measure a chart with its data table.
import type { Journal } from "../bindings";
import type { Ctx } from "../app";
import { clear, h } from "../dom";
import { field } from "../forms";
import { dayOf, daysBefore, formatDay } from "../time";

export interface Range {
  from: string;
  to: string;
}

const PRESETS: [string, number | null][] = [
  ["Last 30 days", 30],
  ["Last 90 days", 90],
  ["Last year", 365],
  ["Everything", null],
];

/** The earliest day in the journal, or `fallback`. */
export function firstDay(journal: Journal, fallback: string): string {
  const days = [
    ...journal.sessions.map((s) => dayOf(s.started_at)),
    ...journal.checkins.map((c) => dayOf(c.at)),
    ...journal.phq9.map((q) => dayOf(q.at)),
    ...journal.gad7.map((q) => dayOf(q.at)),
    ...journal.bladder.map((d) => d.date),
  ];
  return days.reduce((a, b) => (b < a ? b : a), fallback);
}

/** Preset buttons and from/to fields; calls `changed` with each new range. */
export function rangePicker(idPrefix: string, journal: Journal, today: string, initial: Range, changed: (range: Range) => void): HTMLElement {
  const from = h("input", { id: `${idPrefix}-from`, type: "date", value: initial.from, max: today });
  const to = h("input", { id: `${idPrefix}-to`, type: "date", value: initial.to, max: today });
  const emit = () => {
    if (from.value && to.value && from.value <= to.value) changed({ from: from.value, to: to.value });
  };
  from.addEventListener("change", emit);
  to.addEventListener("change", emit);
  return h(
    "fieldset",
    { class: "card range" },
    h("legend", {}, "Period"),
    h(
      "div",
      { class: "presets" },
      PRESETS.map(([label, days]) =>
        h(
          "button",
          {
            type: "button",
            onclick: () => {
              from.value = days === null ? firstDay(journal, today) : daysBefore(today, days - 1);
              to.value = today;
              emit();
            },
          },
          label,
        ),
      ),
    ),
    h("div", { class: "row" }, field("From", from), field("To", to)),
  );
}

function table(caption: string, headers: string[], rows: (string | number)[][]): HTMLElement {
  if (rows.length === 0) return h("p", { class: "hint" }, `${caption}: nothing logged in this period.`);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, headers.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c, i) => (i === 0 ? h("th", { scope: "row" }, String(c)) : h("td", {}, String(c))))))),
    ),
  );
}

const total = (items: number[]) => items.reduce((a, b) => a + b, 0);
const opt = (v: number | null | undefined) => (v === null || v === undefined ? "–" : String(v));

/** The measures as tables, for the period. */
function tables(journal: Journal, range: Range): HTMLElement[] {
  const inRange = (day: string) => day >= range.from && day <= range.to;
  return [
    table("PHQ-9 (depression), total of 27", ["Day", "Total"], journal.phq9.filter((q) => inRange(dayOf(q.at))).map((q) => [formatDay(q.at), total(q.items)])),
    table("GAD-7 (anxiety), total of 21", ["Day", "Total"], journal.gad7.filter((q) => inRange(dayOf(q.at))).map((q) => [formatDay(q.at), total(q.items)])),
    table(
      "Daily check-ins",
      ["Day", "Mood", "Anxiety", "Sleep (h)", "Energy"],
      journal.checkins.filter((c) => inRange(dayOf(c.at))).map((c) => [formatDay(c.at), opt(c.mood), opt(c.anxiety), opt(c.sleep_hours), opt(c.energy)]),
    ),
    table(
      "Sessions",
      ["Day", "Medication", "Route", "Dose (mg)", "BP before", "BP after"],
      journal.sessions
        .filter((s) => inRange(dayOf(s.started_at)))
        .map((s) => [
          formatDay(s.started_at),
          s.medication,
          s.route,
          s.dose_mg,
          s.bp_pre ? `${s.bp_pre.systolic}/${s.bp_pre.diastolic}` : "–",
          s.bp_post ? `${s.bp_post.systolic}/${s.bp_post.diastolic}` : "–",
        ]),
    ),
    table(
      "Bladder diary",
      ["Day", "By day", "At night", "Urgency", "Pain", "Signs"],
      journal.bladder
        .filter((d) => inRange(d.date))
        .map((d) => [
          formatDay(d.date),
          opt(d.day_voids),
          opt(d.night_voids),
          opt(d.urgency),
          opt(d.pain),
          [d.visible_blood && "blood", d.burning && "burning", d.cloudy && "cloudy", d.leakage && "leakage"].filter(Boolean).join(", ") || "–",
        ]),
    ),
  ];
}

export function trendsScreen(ctx: Ctx): HTMLElement {
  const today = dayOf(ctx.overview.now);
  const body = h("div", { id: "trends-body" });
  const render = (range: Range) => {
    clear(body);
    body.append(...tables(ctx.overview.journal, range));
  };
  const initial = { from: daysBefore(today, 89), to: today };
  render(initial);
  return h("div", { class: "screen trends" }, h("h1", {}, "Trends"), rangePicker("trends", ctx.overview.journal, today, initial, render), body);
}
