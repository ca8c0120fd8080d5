// Backups and exports: files are chosen in a native dialog shown by the
// app itself (or named here when the app runs under the end-to-end tests).
import type { DocumentPreview, RestoreMode } from "../bindings";
import type { Ctx } from "../app";
import { clear, h } from "../dom";
import { confirmDialog } from "../dialog";
import { field, textInput } from "../forms";
import { call, IpcError } from "../ipc";
import { formatMoment } from "../time";

/** A file-name field, shown only when the app names files itself (tests). */
export function fileNameField(ctx: Ctx, id: string, suggested: string): HTMLElement | null {
  return ctx.status.files_by_name ? field("File name", textInput(id, suggested)) : null;
}

export function fileName(ctx: Ctx, id: string): string | null {
  if (!ctx.status.files_by_name) return null;
  return (document.getElementById(id) as HTMLInputElement | null)?.value.trim() || null;
}

/** Runs a file action, reporting success or failure in `out`. */
export async function fileAction(out: HTMLElement, action: () => Promise<string>): Promise<void> {
  out.textContent = "Working…";
  out.className = "result";
  try {
    out.textContent = await action();
  } catch (error) {
    if (error instanceof IpcError && error.code === "cancelled") {
      out.textContent = "";
      return;
    }
    out.textContent = error instanceof Error ? error.message : String(error);
    out.className = "result problem";
  }
}

function counts(preview: DocumentPreview): string {
  const c = preview.counts;
  const parts: [number, string][] = [
    [c.sessions, "sessions"],
    [c.checkins, "check-ins"],
    [c.phq9, "PHQ-9s"],
    [c.gad7, "GAD-7s"],
    [c.icsi_icpi, "ICSI/ICPIs"],
    [c.bladder, "bladder diary days"],
    [c.acknowledgements, "acknowledged alerts"],
  ];
  return parts.map(([n, label]) => `${n} ${label}`).join(", ");
}

function restoreSection(ctx: Ctx): HTMLElement {
  const out = h("p", { class: "result", role: "status", id: "restore-result" });
  const previewBox = h("div", { id: "restore-preview" });

  async function preview(): Promise<void> {
    clear(previewBox);
    await fileAction(out, async () => {
      const p = await call("preview_document", { name: fileName(ctx, "restore-name") });
      previewBox.append(
        h(
          "div",
          { class: "preview" },
          h("p", {}, h("strong", {}, "This file holds: "), counts(p), "."),
          p.exported_at ? h("p", {}, `Exported on ${formatMoment(p.exported_at)}.`) : null,
          h(
            "fieldset",
            {},
            h("legend", {}, "How to restore"),
            h("div", { class: "check" }, h("input", { type: "radio", name: "restore-mode", id: "restore-merge", value: "merge", checked: true }), h("label", { for: "restore-merge" }, "Merge: add these records and update changed ones; keep everything else")),
            h("div", { class: "check" }, h("input", { type: "radio", name: "restore-mode", id: "restore-replace", value: "replace" }), h("label", { for: "restore-replace" }, "Replace: the journal becomes exactly this file")),
          ),
          h("button", { type: "button", class: "primary", id: "restore-confirm", onclick: () => void restore() }, "Restore"),
        ),
      );
      return "Check what the file holds, then restore.";
    });
  }

  async function restore(): Promise<void> {
    const mode: RestoreMode = (document.getElementById("restore-replace") as HTMLInputElement).checked ? "replace" : "merge";
    if (mode === "replace" && !(await confirmDialog("Replace the whole journal?", "Everything in the journal now is removed and replaced by the file's content.", "Replace"))) return;
    await fileAction(out, async () => {
      const summary = await call("import_document", { mode });
      ctx.replaceOverview(await call("load_overview", {}));
      clear(previewBox);
      return `Restored: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged${mode === "replace" ? `, ${summary.removed} removed` : ""}.`;
    });
  }

  return h(
    "section",
    { class: "card", "aria-labelledby": "restore-heading" },
    h("h2", { id: "restore-heading" }, "Restore from an export"),
    h("p", {}, "Nothing changes until you have seen what the file holds and chosen how to restore it."),
    fileNameField(ctx, "restore-name", "ketalog-export.json"),
    h("button", { type: "button", id: "restore-choose", onclick: () => void preview() }, "Choose a file…"),
    previewBox,
    out,
  );
}

export function backupScreen(ctx: Ctx): HTMLElement {
  const plainOut = h("p", { class: "result", role: "status", id: "export-result" });
  return h(
    "div",
    { class: "screen backup" },
    h("h1", {}, "Backup"),
    h(
      "section",
      { class: "card", "aria-labelledby": "plain-heading" },
      h("h2", { id: "plain-heading" }, "Plain exports"),
      h("p", { class: "warning" }, h("strong", {}, "Not encrypted. "), "Anyone who opens these files can read everything in your journal. Keep them somewhere private and delete them when done."),
      fileNameField(ctx, "export-name", "ketalog-export.json"),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", id: "export-json", onclick: () => void fileAction(plainOut, async () => `Saved to ${(await call("export_json", { name: fileName(ctx, "export-name") })).path}.`) }, "Export as JSON…"),
        h("button", { type: "button", id: "export-csv", onclick: () => void fileAction(plainOut, async () => `Saved CSV files in ${(await call("export_csv", { name: ctx.status.files_by_name ? "ketalog-csv" : null })).path}.`) }, "Export as CSV…"),
      ),
      plainOut,
    ),
    restoreSection(ctx),
  );
}
