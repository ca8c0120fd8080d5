// Backups and exports: files are chosen in a native dialog shown by the
// app itself (or named here when the app runs under the end-to-end tests).
import type { AppStatus, DocumentPreview, ProfileChange, RestoreMode } from "../bindings";
import type { Ctx } from "../app";
import { clear, count, h } from "../dom";
import { confirmDialog } from "../dialog";
import { checkbox, field, textInput } from "../forms";
import { call, IpcError } from "../ipc";
import { formatDay, formatMoment } from "../time";
import { strengthMeter } from "./access";
import { fhirSection, importSection } from "./exchange";

/** A file-name field, shown only when the app names files itself (tests). */
export function fileNameField(ctx: { status: AppStatus }, id: string, suggested: string): HTMLElement | null {
  return ctx.status.files_by_name ? field("File name", textInput(id, suggested)) : null;
}

export function fileName(ctx: { status: AppStatus }, id: string): string | null {
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

/** What a file holds, in the shell's words: "18 sessions, 331 check-ins, …". */
function counts(preview: DocumentPreview): string {
  return preview.counts.map((c) => c.text).join(", ");
}

/** What a previewed file holds, in words. */
export function previewSummary(p: DocumentPreview): HTMLElement[] {
  return [
    h("p", {}, h("strong", {}, p.encrypted ? "This backup holds: " : "This export holds: "), counts(p), "."),
    p.first_day && p.last_day ? h("p", {}, `Records from ${formatDay(p.first_day)} to ${formatDay(p.last_day)}.`) : null,
    p.exported_at ? h("p", {}, `Written on ${formatMoment(p.exported_at)}.`) : null,
  ].filter((el): el is HTMLParagraphElement => el !== null);
}

/** The profile settings a restore would change, one row each: now → file. */
export function profileChanges(id: string, caption: string, changes: ProfileChange[]): HTMLElement {
  const shown = (value: string) => (value === "" ? "(not set)" : value);
  return h(
    "table",
    { class: "profile-changes", id },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Setting"), h("th", { scope: "col" }, "Now"), h("th", { scope: "col" }, "In the file"))),
    h("tbody", {}, changes.map((c) => h("tr", { "data-field": c.field }, h("th", { scope: "row" }, c.label), h("td", {}, shown(c.current)), h("td", {}, shown(c.incoming))))),
  );
}

export function password(id: string): HTMLInputElement {
  return h("input", { id, type: "password", autocomplete: "off", spellcheck: "false" });
}

/** An input's value, emptying the input. */
export function takeValue(id: string): string {
  const input = document.getElementById(id) as HTMLInputElement;
  const value = input.value;
  input.value = "";
  return value;
}

function encryptedSection(ctx: Ctx): HTMLElement {
  const out = h("p", { class: "result", role: "status", id: "backup-result" });
  const pass = password("backup-passphrase");
  async function save(): Promise<void> {
    await fileAction(out, async () => {
      const passphrase = takeValue(pass.id);
      const again = takeValue("backup-passphrase-again");
      if (passphrase !== again) throw new Error("The two backup passphrases are not the same.");
      const written = await call("export_backup", { name: fileName(ctx, "backup-name"), passphrase });
      return `Encrypted backup of ${count(written.records, "record")} saved to ${written.path}.`;
    });
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "encrypted-heading" },
    h("h2", { id: "encrypted-heading" }, "Encrypted backup"),
    h(
      "p",
      {},
      "One file with everything in your journal, locked with a backup passphrase. Keep it on another disk or in cloud storage; without the passphrase nobody can read it. The standard ",
      h("code", {}, "age"),
      " tool can open it too.",
    ),
    fileNameField(ctx, "backup-name", "ketalog-backup.age"),
    h("div", { class: "row" }, field("Backup passphrase", pass), field("Backup passphrase again", password("backup-passphrase-again"))),
    strengthMeter(pass, ctx.status.min_passphrase_chars),
    h("button", { type: "button", class: "primary", id: "backup-export", onclick: () => void save() }, "Save encrypted backup…"),
    out,
  );
}

/**
 * Choosing the file to restore: its name (tests only), the backup
 * passphrase (or, for a backup made to an age key, its identity file, which
 * the shell asks for next), and a button each for an encrypted backup and a
 * plain export.
 * The file is read and checked by the shell; `show` renders what it holds
 * into `box` and returns the next step in words for `out`. Element ids
 * start with `prefix`.
 */
export function fileChooser(
  ctx: { status: AppStatus },
  prefix: string,
  out: HTMLElement,
  box: HTMLElement,
  show: (preview: DocumentPreview) => string,
): HTMLElement {
  const name = `${prefix}-name`;
  async function open(read: () => Promise<DocumentPreview>): Promise<void> {
    clear(box);
    await fileAction(out, async () => show(await read()));
  }
  const backup = () =>
    call("preview_backup", { name: fileName(ctx, name), passphrase: takeValue(`${prefix}-passphrase`), identity: fileName(ctx, `${prefix}-identity`) });
  const plain = () => call("preview_document", { name: fileName(ctx, name) });
  return h(
    "div",
    {},
    fileNameField(ctx, name, "ketalog-backup.age"),
    field("Backup passphrase", password(`${prefix}-passphrase`), "A backup made to an age key asks for its identity file instead."),
    ctx.status.files_by_name ? field("Identity file name (for a backup made to an age key)", textInput(`${prefix}-identity`, "")) : null,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: `${prefix}-choose`, onclick: () => void open(backup) }, "Open encrypted backup…"),
      h("button", { type: "button", id: `${prefix}-choose-plain`, onclick: () => void open(plain) }, "Open plain JSON export…"),
    ),
  );
}

function restoreSection(ctx: Ctx): HTMLElement {
  const out = h("p", { class: "result", role: "status", id: "restore-result" });
  const previewBox = h("div", { id: "restore-preview" });

  function showPreview(p: DocumentPreview): string {
    previewBox.append(
      h(
        "div",
        { class: "preview" },
        previewSummary(p),
        h(
          "fieldset",
          {},
          h("legend", {}, "How to restore"),
          h("div", { class: "check" }, h("input", { type: "radio", name: "restore-mode", id: "restore-merge", value: "merge", checked: true }), h("label", { for: "restore-merge" }, "Merge: add these records and update changed ones; keep everything else, your settings included")),
          h("div", { class: "check" }, h("input", { type: "radio", name: "restore-mode", id: "restore-replace", value: "replace" }), h("label", { for: "restore-replace" }, "Replace: the journal becomes exactly this file, its settings included")),
        ),
        p.profile_if_merged.length
          ? h(
              "div",
              { class: "profile-offer" },
              profileChanges("restore-profile-merge", "This file has settings that differ from yours (your clinician, crisis line and preferences). A merge keeps yours unless you choose otherwise.", p.profile_if_merged),
              checkbox("restore-take-profile", "When merging, also use the file's settings shown above", false),
            )
          : null,
        p.profile_if_replaced.length ? profileChanges("restore-profile-replace", "Replacing also installs the file's settings:", p.profile_if_replaced) : null,
        h("button", { type: "button", class: "primary", id: "restore-confirm", onclick: () => void restore() }, "Restore"),
      ),
    );
    return "Check what the file holds, then restore.";
  }

  async function restore(): Promise<void> {
    const mode: RestoreMode = (document.getElementById("restore-replace") as HTMLInputElement).checked ? "replace" : "merge";
    const takeProfile = mode === "merge" && ((document.getElementById("restore-take-profile") as HTMLInputElement | null)?.checked ?? false);
    if (mode === "replace" && !(await confirmDialog("Replace the whole journal?", "Everything in the journal now, your settings included, is removed and replaced by the file's content.", "Replace"))) return;
    if (takeProfile && !(await confirmDialog("Use the file's settings?", "Your clinician, crisis line and preferences will be changed to the file's, as listed.", "Use the file's settings"))) return;
    await fileAction(out, async () => {
      const summary = await call("restore", { mode, take_profile: takeProfile });
      ctx.replaceOverview(await call("load_overview", {}));
      clear(previewBox);
      const settings = summary.profile_changes.length ? ` ${count(summary.profile_changes.length, "setting")} changed.` : "";
      return `Restored: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged${mode === "replace" ? `, ${summary.removed} removed` : ""}.${settings}`;
    });
  }

  return h(
    "section",
    { class: "card", "aria-labelledby": "restore-heading" },
    h("h2", { id: "restore-heading" }, "Restore"),
    h("p", {}, "The whole file is decrypted and checked first. Nothing changes until you have seen what it holds and chosen how to restore it."),
    fileChooser(ctx, "restore", out, previewBox, showPreview),
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
    encryptedSection(ctx),
    restoreSection(ctx),
    importSection(ctx),
    fhirSection(ctx),
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
  );
}
