// History: every record, newest first, a page at a time. Filtering, search
// and paging happen in the shell; the page holds one page of entries.
import type { Entry, HistoryPage, HistoryQuery, RecordKind } from "../bindings";
import type { Ctx } from "../app";
import { clear, h } from "../dom";
import { call, IpcError } from "../ipc";
import { dateEcho } from "../forms";
import { openRecord } from "../records";
import { changedElsewhere } from "../sync";
import { formatDay, formatMoment } from "../time";

const KIND_LABEL: [RecordKind | "", string][] = [
  ["", "Everything"],
  ["session", "Sessions"],
  ["checkin", "Check-ins"],
  ["phq9", "PHQ-9"],
  ["gad7", "GAD-7"],
  ["icsi_icpi", "ICSI/ICPI"],
  ["bladder", "Bladder diary"],
];

function when(entry: Entry): string {
  return entry.at ? formatMoment(entry.at) : formatDay(entry.day);
}

export function historyScreen(ctx: Ctx): HTMLElement {
  const list = h("div", { id: "history-list" });
  const count = h("p", { class: "hint", role: "status", id: "history-count" });
  const search = h("input", { id: "history-search", type: "search", placeholder: "Words in notes, dose, symptom…" });
  const kind = h("select", { id: "history-kind" }, KIND_LABEL.map(([value, label]) => h("option", { value }, label)));
  const tag = h("select", { id: "history-tag" }, h("option", { value: "" }, "Any or none"));
  const from = h("input", { id: "history-from", type: "date" });
  const to = h("input", { id: "history-to", type: "date" });
  let page = 0;
  let asked = 0;

  function query(): HistoryQuery {
    return {
      kinds: kind.value ? [kind.value as RecordKind] : [],
      text: search.value,
      tags: tag.value ? [tag.value] : [],
      from: from.value || null,
      to: to.value || null,
      page,
    };
  }

  function table(result: HistoryPage): HTMLElement {
    return h(
      "table",
      { class: "records" },
      h("caption", { class: "visually-hidden" }, "Your records, newest first"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "When"), h("th", { scope: "col" }, "What"), h("th", { scope: "col" }, "Summary"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
      h(
        "tbody",
        {},
        result.entries.map((e) =>
          h(
            "tr",
            { "data-id": e.id, "data-kind": e.kind },
            h("td", {}, when(e)),
            h("th", { scope: "row" }, e.title),
            h("td", {}, e.summary, e.tags.length ? h("ul", { class: "tag-list", "aria-label": "Tags" }, e.tags.map((t) => h("li", {}, t))) : null, changedElsewhere(e.id) ? h("span", { class: "changed-tag" }, "Changed on another computer") : null),
            h(
              "td",
              { class: "row-actions" },
              h(
                "div",
                {},
                h("button", { type: "button", class: "open-record", "aria-label": `Open ${e.title} of ${when(e)}`, onclick: () => void openRecord(ctx, e.id) }, "Open"),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function pager(result: HistoryPage): HTMLElement | null {
    if (result.pages <= 1) return null;
    const go = (next: number) => {
      page = next;
      void render();
    };
    return h(
      "nav",
      { class: "pager", "aria-label": "Pages of history" },
      h("button", { type: "button", id: "history-newer", disabled: result.page === 0, onclick: () => go(result.page - 1) }, "Newer"),
      h("span", {}, `Page ${result.page + 1} of ${result.pages}`),
      h("button", { type: "button", id: "history-older", disabled: result.page + 1 >= result.pages, onclick: () => go(result.page + 1) }, "Older"),
    );
  }

  async function render(): Promise<void> {
    const mine = ++asked;
    try {
      const result = await call("history", { query: query() });
      if (mine !== asked) return;
      page = result.page;
      clear(list);
      count.textContent = `${result.total} record${result.total === 1 ? "" : "s"}`;
      if (result.total === 0) {
        list.append(h("p", {}, "Nothing matches."));
        return;
      }
      list.append(table(result));
      const nav = pager(result);
      if (nav) list.append(nav);
    } catch (error) {
      if (mine !== asked) return;
      clear(list);
      list.append(h("p", { class: "problem", role: "alert" }, error instanceof IpcError ? error.message : String(error)));
    }
  }

  const restart = () => {
    page = 0;
    void render();
  };
  search.addEventListener("input", restart);
  kind.addEventListener("change", restart);
  tag.addEventListener("change", restart);
  // The tags to filter by are the journal's own; the filter shows once there is one.
  const tagFilter = h("div", { class: "field", hidden: true }, h("label", { for: tag.id }, "Tag"), tag);
  void call("tags_in_use", {})
    .then(({ tags, total }) => {
      tag.append(...tags.map((t) => h("option", { value: t }, t)));
      tagFilter.hidden = tags.length === 0;
      if (total > tags.length) {
        // The list is cut short: say so, rather than let a tag seem missing.
        const more = h("p", { class: "hint", id: "history-tag-more" }, `Your ${tags.length} most used tags of ${total}; search finds the others.`);
        tag.setAttribute("aria-describedby", more.id);
        tagFilter.append(more);
      }
    })
    .catch(() => undefined);
  from.addEventListener("change", restart);
  to.addEventListener("change", restart);
  void render();
  return h(
    "div",
    { class: "screen history" },
    h("h1", {}, "History"),
    h(
      "div",
      { class: "card row filters", role: "search" },
      h("div", { class: "field grow" }, h("label", { for: search.id }, "Search"), search),
      h("div", { class: "field" }, h("label", { for: kind.id }, "Show"), kind),
      tagFilter,
      h("div", { class: "field" }, h("label", { for: from.id }, "From"), from, dateEcho(from)),
      h("div", { class: "field" }, h("label", { for: to.id }, "To"), to, dateEcho(to)),
    ),
    count,
    list,
  );
}
