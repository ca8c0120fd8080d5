// History: every record, newest first, to search, edit and delete.
import type { Journal } from "../bindings";
import type { Ctx, Editing } from "../app";
import { clear, h } from "../dom";
import { confirmDialog } from "../dialog";
import { call, IpcError } from "../ipc";
import { formatDay, formatMoment } from "../time";

interface Row {
  id: string;
  sortKey: string;
  when: string;
  kind: Editing["kind"];
  label: string;
  summary: string;
  text: string;
  editing: Editing;
}

const KIND_LABEL: Record<Editing["kind"], string> = {
  session: "Session",
  checkin: "Check-in",
  phq9: "PHQ-9",
  gad7: "GAD-7",
  icsi_icpi: "ICSI/ICPI",
  bladder: "Bladder diary",
};

const sum = (items: number[]) => items.reduce((a, b) => a + b, 0);

function rows(journal: Journal): Row[] {
  const out: Row[] = [];
  for (const s of journal.sessions) {
    const summary = `${s.dose_mg} mg ${s.medication.replace("-", " ")}, ${s.route}${s.side_effects.length ? `; ${s.side_effects.join(", ")}` : ""}`;
    out.push({ id: s.id, sortKey: s.started_at, when: formatMoment(s.started_at), kind: "session", label: KIND_LABEL.session, summary, text: `${summary} ${s.notes} ${s.intention} ${s.reflection}`, editing: { kind: "session", record: s } });
  }
  for (const c of journal.checkins) {
    const parts = [c.mood !== null ? `mood ${c.mood}` : "", c.anxiety !== null ? `anxiety ${c.anxiety}` : "", c.sleep_hours !== null ? `slept ${c.sleep_hours} h` : "", c.energy !== null ? `energy ${c.energy}` : ""].filter(Boolean);
    const summary = parts.join(", ") || "notes only";
    out.push({ id: c.id, sortKey: c.at, when: formatMoment(c.at), kind: "checkin", label: KIND_LABEL.checkin, summary, text: `${summary} ${c.notes}`, editing: { kind: "checkin", record: c } });
  }
  for (const q of journal.phq9) {
    const summary = `total ${sum(q.items)} of 27${(q.items[8] ?? 0) > 0 ? "; item 9 answered above 0" : ""}`;
    out.push({ id: q.id, sortKey: q.at, when: formatMoment(q.at), kind: "phq9", label: KIND_LABEL.phq9, summary, text: summary, editing: { kind: "phq9", record: q } });
  }
  for (const q of journal.gad7) {
    const summary = `total ${sum(q.items)} of 21`;
    out.push({ id: q.id, sortKey: q.at, when: formatMoment(q.at), kind: "gad7", label: KIND_LABEL.gad7, summary, text: summary, editing: { kind: "gad7", record: q } });
  }
  for (const q of journal.icsi_icpi ?? []) {
    const summary = `ICSI ${sum(q.icsi)} of 20, ICPI ${sum(q.icpi)} of 16`;
    out.push({ id: q.id, sortKey: q.at, when: formatMoment(q.at), kind: "icsi_icpi", label: KIND_LABEL.icsi_icpi, summary, text: summary, editing: { kind: "icsi_icpi", record: q } });
  }
  for (const d of journal.bladder) {
    const signs = [d.visible_blood && "visible blood", d.burning && "burning", d.cloudy && "cloudy", d.leakage && "leakage", (d.pain ?? 0) > 0 && `pain ${d.pain}`, (d.urgency ?? 0) > 0 && `urgency ${d.urgency}`].filter(Boolean);
    const voids = d.day_voids !== null ? `${d.day_voids} by day, ${d.night_voids ?? "?"} at night` : "";
    const summary = [voids, ...signs].filter(Boolean).join("; ") || "no symptoms";
    out.push({ id: d.id, sortKey: `${d.date}T12:00`, when: formatDay(d.date), kind: "bladder", label: KIND_LABEL.bladder, summary, text: `${summary} ${d.notes}`, editing: { kind: "bladder", record: d } });
  }
  return out.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
}

const PAGE = 100;

export function historyScreen(ctx: Ctx): HTMLElement {
  const list = h("div", { id: "history-list" });
  const count = h("p", { class: "hint", role: "status", id: "history-count" });
  const search = h("input", { id: "history-search", type: "search", placeholder: "Words in notes, dose, symptom…" });
  const kind = h(
    "select",
    { id: "history-kind" },
    h("option", { value: "" }, "Everything"),
    Object.entries(KIND_LABEL).map(([value, label]) => h("option", { value }, label)),
  );
  let shown = PAGE;

  async function remove(row: Row): Promise<void> {
    const ok = await confirmDialog(`Delete this ${row.label.toLowerCase()}?`, `${row.when}: ${row.summary}. This cannot be undone.`, "Delete");
    if (!ok) return;
    try {
      ctx.replaceOverview(await call("delete_record", { id: row.id }));
      ctx.notify(`${row.label} of ${row.when} deleted.`);
      render();
    } catch (error) {
      ctx.notify(error instanceof IpcError ? error.message : String(error));
    }
  }

  function render(): void {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const matching = rows(ctx.overview.journal).filter(
      (r) => (!kind.value || r.kind === kind.value) && words.every((w) => `${r.label} ${r.when} ${r.text}`.toLowerCase().includes(w)),
    );
    clear(list);
    count.textContent = `${matching.length} record${matching.length === 1 ? "" : "s"}`;
    if (matching.length === 0) {
      list.append(h("p", {}, "Nothing matches."));
      return;
    }
    list.append(
      h(
        "table",
        { class: "records" },
        h("caption", { class: "visually-hidden" }, "Your records, newest first"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "When"), h("th", { scope: "col" }, "What"), h("th", { scope: "col" }, "Summary"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
        h(
          "tbody",
          {},
          matching.slice(0, shown).map((r) =>
            h(
              "tr",
              { "data-id": r.id, "data-kind": r.kind },
              h("td", {}, r.when),
              h("th", { scope: "row" }, r.label),
              h("td", {}, r.summary),
              h(
                "td",
                { class: "row-actions" },
                h(
                  "div",
                  {},
                  h("button", { type: "button", "aria-label": `Edit ${r.label} of ${r.when}`, onclick: () => edit(r) }, "Edit"),
                  h("button", { type: "button", class: "danger", "aria-label": `Delete ${r.label} of ${r.when}`, onclick: () => void remove(r) }, "Delete"),
                ),
              ),
            ),
          ),
        ),
      ),
    );
    if (matching.length > shown) {
      list.append(h("button", { type: "button", onclick: () => { shown += PAGE; render(); } }, `Show ${Math.min(PAGE, matching.length - shown)} more`));
    }
  }

  function edit(row: Row): void {
    const screen = row.kind === "session" ? "session" : row.kind === "bladder" ? "bladder" : row.kind === "checkin" ? "today" : "questionnaires";
    ctx.go(screen, row.editing);
  }

  search.addEventListener("input", () => { shown = PAGE; render(); });
  kind.addEventListener("change", () => { shown = PAGE; render(); });
  render();
  return h(
    "div",
    { class: "screen history" },
    h("h1", {}, "History"),
    h("div", { class: "card row filters", role: "search" }, h("div", { class: "field grow" }, h("label", { for: search.id }, "Search"), search), h("div", { class: "field" }, h("label", { for: kind.id }, "Show"), kind)),
    count,
    list,
  );
}
