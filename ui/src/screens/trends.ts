// Trends: a range picker, and for each measure a chart with its data table.
import type { ChartView, Journal } from "../bindings";
import type { Ctx } from "../app";
import { clear, h, svgElement } from "../dom";
import { field } from "../forms";
import { call, IpcError } from "../ipc";
import { dayOf, daysBefore } from "../time";

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

/** A chart from the core: its SVG, a caption, and its data table. */
export function chartFigure(chart: ChartView): HTMLElement {
  const svg = svgElement(chart.svg);
  const tableId = `chart-table-${chart.id}`;
  return h(
    "figure",
    { class: "card chart", id: `chart-${chart.id}`, "data-chart": chart.id },
    h("h2", {}, chart.title),
    svg ?? h("p", { class: "problem" }, "This chart could not be shown; its data follows."),
    h("figcaption", {}, chart.alt_text),
    h(
      "details",
      {},
      h("summary", {}, `Data table (${chart.rows.length} ${chart.rows.length === 1 ? "row" : "rows"})`),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "data", id: tableId },
          h("caption", { class: "visually-hidden" }, chart.title),
          h("thead", {}, h("tr", {}, chart.columns.map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, chart.rows.map((r) => h("tr", {}, r.map((cell, i) => (i === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell)))))),
        ),
      ),
    ),
  );
}

export function trendsScreen(ctx: Ctx): HTMLElement {
  const today = dayOf(ctx.overview.now);
  const body = h("div", { id: "trends-body", "aria-live": "polite", "aria-busy": "false" });
  let asked = 0;
  const render = (range: Range) => {
    const mine = ++asked;
    body.setAttribute("aria-busy", "true");
    call("charts", range)
      .then((charts) => {
        if (mine !== asked) return;
        clear(body);
        body.append(...charts.map(chartFigure));
      })
      .catch((error: unknown) => {
        clear(body);
        body.append(h("p", { class: "problem", role: "alert" }, error instanceof IpcError ? error.message : String(error)));
      })
      .finally(() => body.setAttribute("aria-busy", "false"));
  };
  const initial = { from: daysBefore(today, 89), to: today };
  render(initial);
  return h("div", { class: "screen trends" }, h("h1", {}, "Trends"), rangePicker("trends", ctx.overview.journal, today, initial, render), body);
}
