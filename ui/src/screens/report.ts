// Report: choose the period, the parts and the paper; preview; save the
// PDF summary for the clinician.
import type { Paper, Section } from "../bindings";
import type { Ctx } from "../app";
import { clear, h } from "../dom";
import { actionBar, checkbox, field, select } from "../forms";
import { call, IpcError } from "../ipc";
import { dayOf, daysBefore, formatDay } from "../time";
import { fileName, fileNameField } from "./backup";
import { chartFigure, chartTheme, rangePicker, type Range } from "./trends";

const SECTIONS: [Section, string, string][] = [
  ["summary", "Key figures", "sessions, doses, PHQ-9 from baseline to latest, GAD-7, bladder warning days, alerts"],
  ["charts", "Charts", "the trend charts, as on the Trends screen"],
  ["sessions", "Sessions", "a table of every session"],
  ["questionnaires", "Questionnaires", "PHQ-9 and GAD-7 results"],
  ["bladder", "Bladder diary", "days with warning signs"],
  ["alerts", "Alerts", "alerts raised in the period and what you did"],
  ["notes", "Shared notes", "only notes you switched to shared"],
];

export function reportScreen(ctx: Ctx): HTMLElement {
  const today = dayOf(ctx.overview.now);
  let range: Range = { from: daysBefore(today, 89), to: today };
  const preview = h("div", { id: "report-preview", "aria-live": "polite" });
  const out = h("p", { class: "result", role: "status", id: "report-result" });
  const defaultPaper: Paper = /^en-(US|CA)|^es-(US|MX)/.test(navigator.language) ? "letter" : "a4";

  const chosen = (): Section[] => SECTIONS.filter(([id]) => (document.getElementById(`report-${id}`) as HTMLInputElement).checked).map(([id]) => id);

  async function showPreview(): Promise<void> {
    clear(preview);
    preview.append(h("p", { class: "hint" }, "Preparing the preview…"));
    const sections = chosen();
    const counts = (await call("period_counts", range)).filter((c) => c.count > 0).map((c) => c.text);
    clear(preview);
    preview.append(
      h(
        "section",
        { class: "card" },
        h("h2", {}, `Summary for ${formatDay(range.from)} to ${formatDay(range.to)}`),
        h("p", {}, counts.length ? `In this period: ${counts.join(", ")}.` : "Nothing was logged in this period."),
        h("p", {}, "It will include: ", sections.length ? sections.map((s) => SECTIONS.find(([id]) => id === s)?.[1]).join(", ") : "nothing yet; choose at least one part", "."),
        h("p", { class: "hint" }, "Private notes never appear unless you switched them to shared."),
      ),
    );
    // The preview opens where its button is, in view.
    preview.scrollIntoView({ block: "start" });
    if (sections.includes("charts")) {
      try {
        const charts = await call("charts", { ...range, theme: chartTheme() });
        preview.append(...charts.map((chart) => chartFigure(chart, range)));
      } catch (error) {
        preview.append(h("p", { class: "problem" }, error instanceof IpcError ? error.message : String(error)));
      }
    }
  }

  async function save(): Promise<void> {
    out.className = "result";
    out.textContent = "Writing the PDF…";
    try {
      const paper = (document.getElementById("report-paper") as HTMLSelectElement).value as Paper;
      const written = await call("save_report", { name: fileName(ctx, "report-name"), from: range.from, to: range.to, sections: chosen(), paper });
      out.textContent = `Saved to ${written.path}.`;
    } catch (error) {
      if (error instanceof IpcError && error.code === "cancelled") {
        out.textContent = "";
        return;
      }
      out.className = "result problem";
      out.textContent = error instanceof Error ? error.message : String(error);
    }
  }

  return h(
    "div",
    { class: "screen report" },
    h("h1", {}, "Report for your clinician"),
    h("p", { class: "lead" }, "A PDF summary of what you logged, to bring to an appointment or send to your clinician."),
    rangePicker("report", ctx.overview.first_day, today, range, (next) => {
      range = next;
      clear(preview);
    }),
    h(
      "fieldset",
      { class: "card choices" },
      h("legend", {}, "What to include"),
      SECTIONS.map(([id, label, hint]) => checkbox(`report-${id}`, label, true, `(${hint})`)),
    ),
    h("div", { class: "card" }, field("Paper", select("report-paper", [["a4", "A4"], ["letter", "US Letter"]], defaultPaper)), fileNameField(ctx, "report-name", "summary.pdf")),
    preview,
    out,
    // Kept in view: the preview opens just above its button.
    actionBar(
      h("button", { type: "button", id: "report-preview-button", onclick: () => void showPreview() }, "Preview"),
      h("button", { type: "button", class: "primary", id: "report-save", onclick: () => void save() }, "Save PDF…"),
    ),
  );
}
