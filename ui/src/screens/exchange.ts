// Data in and out, beside the backups: a FHIR R4 export for a clinic's
// system, and imports from the apps people come from (Daylio, eMoods,
// Bearable, PsychonautWiki Journal). An import is read and shown first;
// nothing is written until the user confirms, then in one transaction.
import type { ImportApp, ImportPreview, ImportSource } from "../bindings";
import type { Ctx } from "../app";
import { clear, count, h } from "../dom";
import { clearProblems, field, select, showError, statusBox } from "../forms";
import { call, IpcError } from "../ipc";
import { formatDay } from "../time";
import { fileAction, fileName, fileNameField } from "./backup";

/** "Export for a clinic system (FHIR)": the whole journal or a period, shared notes only. */
export function fhirSection(ctx: Ctx): HTMLElement {
  const out = h("p", { class: "result", role: "status", id: "fhir-result" });
  const problem = statusBox();
  const from = h("input", { id: "fhir-from", type: "date" });
  const to = h("input", { id: "fhir-to", type: "date" });
  async function save(): Promise<void> {
    clearProblems(section);
    problem.hidden = true;
    out.textContent = "";
    try {
      // The shell checks the days (each a calendar day, the first not after the last).
      const written = await call("export_fhir", { name: fileName(ctx, "fhir-name"), from: from.value || null, to: to.value || null });
      const period = from.value || to.value ? ` for ${periodText(from.value, to.value)}` : "";
      out.textContent = `Saved a FHIR bundle of ${count(written.resources, "resource")}${period} to ${written.path}.`;
    } catch (error) {
      if (error instanceof IpcError && error.code === "cancelled") return;
      showError(problem, error, (path) => (path === "from" || path === "to" ? `fhir-${path}` : undefined));
    }
  }
  const section = h(
    "section",
    { class: "card", "aria-labelledby": "fhir-heading" },
    h("h2", { id: "fhir-heading" }, "Export for a clinic system (FHIR)"),
    h(
      "p",
      {},
      "A FHIR R4 file that clinic and hospital systems can read: your sessions, questionnaires, blood pressure, check-ins and bladder diary. Notes you keep private are left out.",
    ),
    h("p", { class: "warning" }, h("strong", {}, "Not encrypted. "), "Anyone who opens the file can read what it holds. Give it to your clinic, then delete your copy."),
    h(
      "fieldset",
      {},
      h("legend", {}, "Period (leave both empty for everything)"),
      h("div", { class: "row" }, field("From", from, "Empty: from your first record."), field("To", to, "Empty: up to your last record.")),
    ),
    fileNameField(ctx, "fhir-name", "ketalog-fhir.json"),
    problem,
    h("button", { type: "button", id: "export-fhir", onclick: () => void save() }, "Export for a clinic system (FHIR)…"),
    out,
  );
  return section;
}

/** "1 Mar 2026 to 31 Mar 2026", "1 Mar 2026 on", "up to 31 Mar 2026". */
function periodText(from: string, to: string): string {
  if (from && to) return `${formatDay(from)} to ${formatDay(to)}`;
  return from ? `${formatDay(from)} on` : `up to ${formatDay(to)}`;
}

/**
 * The moods a Daylio file names in the user's own words (renamed or
 * translated), each with a choice of its level; `levels` holds the choices
 * made, and `again` reads the file again with them.
 */
function moodMap(preview: ImportPreview, levels: Map<string, number>, again: () => void): HTMLElement | null {
  const names = [...levels.keys(), ...preview.unknown_moods.filter((n) => !levels.has(n))];
  if (names.length === 0) return null;
  // Daylio's five levels, each with where it lands on the 0–10 mood scale (from the core).
  const choices: [string, string][] = [["", "Leave without a mood"], ...preview.daylio_levels.map((l): [string, string] => [String(l.level), l.label])];
  const rows = names.map((name, i) => {
    const choice = select(`import-mood-${i}`, choices, String(levels.get(name) ?? ""));
    choice.setAttribute("aria-labelledby", `import-mood-${i}-name import-mood-level`);
    choice.dataset.mood = name;
    choice.addEventListener("change", () => {
      if (choice.value) levels.set(name, Number(choice.value));
      else levels.delete(name);
    });
    return h("tr", {}, h("th", { scope: "row", id: `import-mood-${i}-name` }, name), h("td", {}, choice));
  });
  return h(
    "div",
    { class: "mood-map", id: "import-mood-map" },
    h(
      "table",
      {},
      h("caption", {}, "Moods with your own names: Daylio's file does not say their level. Choose each one's, then preview again."),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Mood in the file"), h("th", { scope: "col", id: "import-mood-level" }, "Its level"))),
      h("tbody", {}, rows),
    ),
    h("button", { type: "button", id: "import-again", onclick: again }, "Preview again with these levels"),
  );
}

function previewOf(p: ImportPreview, sources: ImportSource[], confirm: () => void, mapping: HTMLElement | null): HTMLElement {
  const app = sources.find((s) => s.app === p.app)?.name ?? p.app;
  const holds = p.counts
    .filter((c) => c.count > 0)
    .map((c) => c.text)
    .join(", ");
  return h(
    "div",
    { class: "preview", id: "import-preview-box" },
    h("p", {}, h("strong", {}, `${app} export: `), `${count(p.entries_read, "entry", "entries")} read.`),
    h(
      "p",
      { id: "import-counts", tabindex: -1 },
      holds ? `To import: ${holds}.` : p.already_in_journal ? "Nothing new to import." : "Nothing in this file can be imported.",
    ),
    p.already_in_journal
      ? h(
          "p",
          { id: "import-already" },
          `${count(p.already_in_journal, "record")} already in your journal, left as ${p.already_in_journal === 1 ? "it is" : "they are"}.`,
        )
      : null,
    p.first_day && p.last_day ? h("p", {}, `From ${formatDay(p.first_day)} to ${formatDay(p.last_day)}.`) : null,
    p.left_out.length
      ? h(
          "details",
          { id: "import-left-out" },
          h("summary", {}, `${count(p.left_out.length, "entry", "entries")} left out`),
          h("ul", {}, p.left_out.map((l) => h("li", {}, `${l.at}: ${l.reason}`))),
        )
      : null,
    p.not_mapped.length
      ? h(
          "div",
          { id: "import-not-mapped" },
          h("p", {}, "Not imported:"),
          h(
            "ul",
            {},
            p.not_mapped.map((n) =>
              h("li", {}, `${n.what} in ${count(n.entries, "entry", "entries")}${n.examples.length ? ` (${n.examples.join(", ")})` : ""}: ${n.why}`),
            ),
          ),
        )
      : null,
    mapping,
    h("p", { class: "hint" }, "Notes come in as private notes. Only new entries are added: what is already in your journal stays as you left it, and your settings are never touched."),
    holds ? h("button", { type: "button", class: "primary", id: "import-confirm", onclick: confirm }, "Import") : null,
  );
}

/** "Import from another app": choose the app and its file, see what it holds, then import. */
export function importSection(ctx: Ctx): HTMLElement {
  const out = h("p", { class: "result", role: "status", id: "import-result" });
  const box = h("div", { id: "import-preview" });
  const apps = select("import-app", [], null);
  const which = h("p", { class: "hint", id: "import-app-hint" });
  apps.setAttribute("aria-describedby", which.id);
  let sources: ImportSource[] = [];
  void call("import_sources", {})
    .then((list) => {
      sources = list;
      apps.replaceChildren(...list.map((s) => h("option", { value: s.app }, s.name)));
      describe();
    })
    .catch((error: unknown) => {
      out.textContent = error instanceof Error ? error.message : String(error);
    });
  function describe(): void {
    const source = sources.find((s) => s.app === apps.value);
    which.textContent = source ? `Choose ${source.file}.` : "";
  }
  apps.addEventListener("change", () => {
    clear(box);
    describe();
  });

  async function confirm(): Promise<void> {
    await fileAction(out, async () => {
      const summary = await call("import_from_app", {});
      ctx.replaceOverview(await call("load_overview", {}));
      clear(box);
      return `Imported: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged.`;
    });
  }

  // The levels given to Daylio moods with the user's own names, for this file.
  const levels = new Map<string, number>();
  const problem = statusBox();

  function show(preview: ImportPreview): void {
    clear(box);
    box.append(previewOf(preview, sources, () => void confirm(), moodMap(preview, levels, () => void again())), problem);
  }

  async function open(): Promise<void> {
    clear(box);
    levels.clear();
    await fileAction(out, async () => {
      show(await call("preview_import", { from: apps.value as ImportApp, name: fileName(ctx, "import-name") }));
      return "Check what the file holds, then import.";
    });
  }

  async function again(): Promise<void> {
    const chosen = [...levels].map(([name, level]) => ({ name, level }));
    problem.hidden = true;
    try {
      show(await call("preview_import_again", { moods: chosen }));
      out.textContent = `Read again with ${count(chosen.length, "mood level")}: check what the file holds, then import.`;
      out.className = "result";
      document.getElementById("import-counts")?.focus();
    } catch (error) {
      const atMood = error instanceof IpcError && /^moods\[\d+\]$/.test(error.field ?? "");
      if (!atMood) {
        // The file no longer reads: the preview shown is no longer what it holds.
        box.replaceChildren(problem);
        showError(problem, error, () => undefined);
        return;
      }
      // A refused level is shown at its mood's choice; the preview does not
      // have the levels chosen, so it cannot be imported as it stands.
      document.getElementById("import-confirm")?.remove();
      showError(problem, error, (path) => {
        const index = /^moods\[(\d+)\]$/.exec(path)?.[1];
        const name = index === undefined ? undefined : chosen[Number(index)]?.name;
        return Array.from(box.querySelectorAll<HTMLSelectElement>(".mood-map select")).find((s) => s.dataset.mood === name)?.id;
      });
    }
  }

  return h(
    "section",
    { class: "card", "aria-labelledby": "import-heading" },
    h("h2", { id: "import-heading" }, "Import from another app"),
    h("p", {}, "Bring in your history from a mood or dose tracker. The file is read and shown first; nothing changes until you choose Import."),
    field("The app", apps),
    which,
    fileNameField(ctx, "import-name", ""),
    h("button", { type: "button", id: "import-choose", onclick: () => void open() }, "Choose the app's export…"),
    box,
    out,
  );
}
