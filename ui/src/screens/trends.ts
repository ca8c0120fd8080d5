// Trends: a range picker, and for each measure a chart with its data table.
import type { ChartView, Theme } from "../bindings";
import type { Ctx } from "../app";
import { clear, h, svgElement } from "../dom";
import { field } from "../forms";
import { call, IpcError } from "../ipc";
import { dayOf, daysBefore } from "../time";

/** The theme the page shows now (chosen, or the system's): charts are drawn to match. */
export function chartTheme(): Theme {
  const chosen = document.documentElement.getAttribute("data-theme");
  if (chosen === "light" || chosen === "dark") return chosen;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

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

/** Preset buttons and from/to fields; calls `changed` with each new range.
 * `firstDay` is the journal's first day with a record (for "Everything"). */
export function rangePicker(idPrefix: string, firstDay: string | null, today: string, initial: Range, changed: (range: Range) => void): HTMLElement {
  const from = h("input", { id: `${idPrefix}-from`, type: "date", value: initial.from, max: today });
  const to = h("input", { id: `${idPrefix}-to`, type: "date", value: initial.to, max: today });
  const startOf = (days: number | null): string => (days === null ? (firstDay !== null && firstDay < today ? firstDay : today) : daysBefore(today, days - 1));
  // The preset that matches the period shown is marked pressed (none after a hand-picked period).
  const buttons = PRESETS.map(([label, days]) =>
    h(
      "button",
      {
        type: "button",
        class: "preset",
        "aria-pressed": "false",
        onclick: () => {
          from.value = startOf(days);
          to.value = today;
          emit();
        },
      },
      label,
    ),
  );
  const mark = () => {
    PRESETS.forEach(([, days], i) => buttons[i]?.setAttribute("aria-pressed", String(to.value === today && from.value === startOf(days))));
  };
  const emit = () => {
    mark();
    if (from.value && to.value && from.value <= to.value) changed({ from: from.value, to: to.value });
  };
  from.addEventListener("change", emit);
  to.addEventListener("change", emit);
  mark();
  return h("fieldset", { class: "card range" }, h("legend", {}, "Period"), h("div", { class: "presets" }, buttons), h("div", { class: "row" }, field("From", from), field("To", to)));
}

/**
 * A chart from the core: its SVG, a caption, and its data table. The table
 * is built the first time it is opened. A trend chart comes without its
 * rows (over years they are thousands, which would otherwise sit in the
 * page's memory unseen): they are asked of the shell for `range` then.
 */
export function chartFigure(chart: ChartView, range?: Range): HTMLElement {
  const svg = svgElement(chart.svg);
  // Only what the table needs is kept, not the chart's SVG markup.
  const { id, title, table_rows: count } = chart;
  const inline = chart.table;
  const wrap = h("div", { class: "table-wrap" });
  const details = h("details", {}, h("summary", {}, `Data table (${count} ${count === 1 ? "row" : "rows"})`), wrap);
  const fill = async (): Promise<void> => {
    const waiting = h("p", { class: "hint" }, "Preparing the table…");
    wrap.append(waiting);
    try {
      const table = inline ?? (range ? await call("chart_table", { chart: id, ...range }) : null);
      if (!table) throw new Error("This table is not available.");
      wrap.append(
        h(
          "table",
          { class: "data", id: `chart-table-${id}` },
          h("caption", { class: "visually-hidden" }, title),
          h("thead", {}, h("tr", {}, table.columns.map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, table.rows.map((r) => h("tr", {}, r.map((cell, i) => (i === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell)))))),
        ),
      );
    } catch (error) {
      wrap.append(h("p", { class: "problem", role: "alert" }, error instanceof IpcError ? error.message : String(error)));
    } finally {
      waiting.remove();
    }
  };
  details.addEventListener("toggle", () => {
    // Once: unless it is shown or on its way; after a problem, opening again retries.
    if (!details.open || wrap.querySelector("table, .hint")) return;
    clear(wrap);
    void fill();
  });
  return h(
    "figure",
    { class: "card chart", id: `chart-${id}`, "data-chart": id },
    h("h2", {}, title),
    svg ?? h("p", { class: "problem" }, "This chart could not be shown; its data follows."),
    h("figcaption", {}, chart.alt_text),
    details,
  );
}

export function trendsScreen(ctx: Ctx): HTMLElement {
  const today = dayOf(ctx.overview.now);
  const body = h("div", { id: "trends-body", "aria-live": "polite", "aria-busy": "false" });
  let asked = 0;
  const render = (range: Range) => {
    const mine = ++asked;
    body.setAttribute("aria-busy", "true");
    call("charts", { ...range, theme: chartTheme() })
      .then((charts) => {
        if (mine !== asked) return;
        clear(body);
        body.append(...charts.map((chart) => chartFigure(chart, range)));
      })
      .catch((error: unknown) => {
        clear(body);
        body.append(h("p", { class: "problem", role: "alert" }, error instanceof IpcError ? error.message : String(error)));
      })
      .finally(() => body.setAttribute("aria-busy", "false"));
  };
  const initial = { from: daysBefore(today, 89), to: today };
  render(initial);
  return h("div", { class: "screen trends" }, h("h1", {}, "Trends"), rangePicker("trends", ctx.overview.first_day, today, initial, render), body);
}
