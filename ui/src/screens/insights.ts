// Insights: what followed the sessions, and how any two daily series moved
// together. Every sentence comes from the core; this screen only lays out.
import type { InsightsView, Lag, Series, Theme } from "../bindings";
import type { Ctx } from "../app";
import { clear, h } from "../dom";
import { field, select } from "../forms";
import { call, IpcError } from "../ipc";
import { dayOf, daysBefore } from "../time";
import { chartFigure, rangePicker, type Range } from "./trends";

const SERIES: [Series, string][] = [
  ["mood", "Mood"],
  ["anxiety", "Anxiety"],
  ["sleep", "Sleep"],
  ["energy", "Energy"],
  ["dose_mg_per_kg", "Dose (mg/kg)"],
  ["dissociation", "Dissociation"],
  ["bladder_pain", "Bladder pain"],
];

const LAGS: [Lag, string][] = [
  ["same_day", "the same day"],
  ["next_day", "the next day"],
];

/** The theme the app is shown in, so that charts match it. */
function currentTheme(): Theme {
  const chosen = document.documentElement.getAttribute("data-theme");
  if (chosen === "dark" || chosen === "light") return chosen;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function problem(box: HTMLElement, error: unknown): void {
  clear(box);
  box.append(h("p", { class: "problem", role: "alert" }, error instanceof IpcError ? error.message : String(error)));
}

function effects(view: InsightsView): HTMLElement[] {
  const sentences = h(
    "section",
    { class: "card", id: "insights-summaries", "aria-labelledby": "insights-summaries-title" },
    h("h2", { id: "insights-summaries-title" }, "What followed your sessions"),
    view.sentences.length === 0 ? h("p", {}, "No session days in this period.") : h("ul", { class: "sentences" }, view.sentences.map((s) => h("li", {}, s))),
    h("p", { class: "hint" }, view.note),
  );
  const timeline = h(
    "section",
    { class: "card", id: "insights-held", "aria-labelledby": "insights-held-title" },
    h("h2", { id: "insights-held-title" }, "How long each session's gain held"),
    view.session_days.length === 0
      ? h("p", {}, "No session days in this period.")
      : h(
          "ol",
          { class: "timeline" },
          view.session_days.map((d) => h("li", { "data-day": d.day }, h("strong", {}, d.label), " — ", d.text)),
        ),
  );
  const tags = view.tag_sentences.length
    ? h(
        "section",
        { class: "card", id: "insights-tags", "aria-labelledby": "insights-tags-title" },
        h("h2", { id: "insights-tags-title" }, "Mood on days with a tag"),
        h("ul", { class: "sentences" }, view.tag_sentences.map((s) => h("li", {}, s))),
        h("p", { class: "hint" }, view.tag_note),
      )
    : null;
  return [chartFigure(view.chart), sentences, timeline, ...(tags ? [tags] : [])];
}

function comparer(range: () => Range): HTMLElement {
  const x = select("compare-x", SERIES, "mood");
  const y = select("compare-y", SERIES, "anxiety");
  const lag = select("compare-lag", LAGS, "same_day");
  const out = h("div", { id: "compare-body", "aria-live": "polite", "aria-busy": "false" });
  let asked = 0;
  const run = () => {
    const mine = ++asked;
    out.setAttribute("aria-busy", "true");
    call("compare_series", { x: x.value as Series, y: y.value as Series, lag: lag.value as Lag, ...range(), theme: currentTheme() })
      .then((found) => {
        if (mine !== asked) return;
        clear(out);
        out.append(h("p", { id: "compare-sentence", class: "sentence" }, found.sentence), chartFigure(found.chart));
      })
      .catch((error: unknown) => problem(out, error))
      .finally(() => out.setAttribute("aria-busy", "false"));
  };
  for (const control of [x, y, lag]) control.addEventListener("change", run);
  run();
  return h(
    "section",
    { class: "card compare", id: "insights-compare", "aria-labelledby": "insights-compare-title" },
    h("h2", { id: "insights-compare-title" }, "Compare two series"),
    h("p", { class: "hint" }, "Each dot is a day with both. Spearman's rho says how closely the two rose and fell together: an association, never a cause."),
    h("div", { class: "row" }, field("This", x), field("against", y), field("on", lag)),
    out,
  );
}

export function insightsScreen(ctx: Ctx): HTMLElement {
  const today = dayOf(ctx.overview.now);
  let range: Range = { from: daysBefore(today, 89), to: today };
  const body = h("div", { id: "insights-body", "aria-live": "polite", "aria-busy": "false" });
  let compare: HTMLElement | null = null;
  const holder = h("div", { id: "compare-holder" });
  let asked = 0;
  const render = (next: Range) => {
    range = next;
    const mine = ++asked;
    body.setAttribute("aria-busy", "true");
    call("insights", { ...range, theme: currentTheme() })
      .then((view) => {
        if (mine !== asked) return;
        clear(body);
        body.append(...effects(view));
      })
      .catch((error: unknown) => problem(body, error))
      .finally(() => body.setAttribute("aria-busy", "false"));
    const fresh = comparer(() => range);
    if (compare) compare.replaceWith(fresh);
    else holder.append(fresh);
    compare = fresh;
  };
  render(range);
  return h("div", { class: "screen insights" }, h("h1", {}, "Insights"), rangePicker("insights", ctx.overview.first_day, today, range, render), body, holder);
}
