// Data in and out, beside the backups: a FHIR R4 export for a clinic's
// system, and imports from the apps people come from (Daylio, eMoods,
// Bearable, PsychonautWiki Journal). An import is read and shown first;
// nothing is written until the user confirms, then in one transaction.
import type { ImportApp, ImportPreview, ImportSource } from "../bindings";
import type { Ctx } from "../app";
import { clear, count, h } from "../dom";
import { field, select } from "../forms";
import { call } from "../ipc";
import { formatDay } from "../time";
import { fileAction, fileName, fileNameField } from "./backup";

/** "Export for a clinic system (FHIR)": the whole journal, shared notes only. */
export function fhirSection(ctx: Ctx): HTMLElement {
  const out = h("p", { class: "result", role: "status", id: "fhir-result" });
  async function save(): Promise<void> {
    await fileAction(out, async () => {
      const written = await call("export_fhir", { name: fileName(ctx, "fhir-name"), from: null, to: null });
      return `Saved a FHIR bundle of ${count(written.resources, "resource")} to ${written.path}.`;
    });
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "fhir-heading" },
    h("h2", { id: "fhir-heading" }, "Export for a clinic system (FHIR)"),
    h(
      "p",
      {},
      "A FHIR R4 file that clinic and hospital systems can read: your sessions, questionnaires, blood pressure, check-ins and bladder diary. Notes you keep private are left out.",
    ),
    h("p", { class: "warning" }, h("strong", {}, "Not encrypted. "), "Anyone who opens the file can read what it holds. Give it to your clinic, then delete your copy."),
    fileNameField(ctx, "fhir-name", "ketalog-fhir.json"),
    h("button", { type: "button", id: "export-fhir", onclick: () => void save() }, "Export for a clinic system (FHIR)…"),
    out,
  );
}

function previewOf(p: ImportPreview, sources: ImportSource[], confirm: () => void): HTMLElement {
  const app = sources.find((s) => s.app === p.app)?.name ?? p.app;
  const holds = p.counts
    .filter((c) => c.count > 0)
    .map((c) => c.text)
    .join(", ");
  return h(
    "div",
    { class: "preview", id: "import-preview-box" },
    h("p", {}, h("strong", {}, `${app} export: `), `${count(p.entries_read, "entry", "entries")} read.`),
    h("p", { id: "import-counts" }, holds ? `To import: ${holds}.` : "Nothing in this file can be imported."),
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
    h("p", { class: "hint" }, "Notes come in as private notes. Importing the same file again changes nothing; your settings are never touched."),
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

  async function open(): Promise<void> {
    clear(box);
    await fileAction(out, async () => {
      const preview = await call("preview_import", { from: apps.value as ImportApp, name: fileName(ctx, "import-name") });
      box.append(previewOf(preview, sources, () => void confirm()));
      return "Check what the file holds, then import.";
    });
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
