// Restoring a backup as a new journal, from the unlock screen: the way back
// when the journal's files are damaged or its passphrase is forgotten. The
// journal that could not be opened is never deleted; the shell moves its
// files, unread, into a folder beside the new one.
import type { AppStatus, DocumentPreview, Overview } from "../bindings";
import { count, h } from "../dom";
import { field, FormError, showProblem, statusBox } from "../forms";
import { call, IpcError } from "../ipc";
import { damageNotice, strengthMeter } from "./access";
import { fileChooser, password, previewSummary, takeValue } from "./backup";

export interface Recovery {
  /** The new journal is open: show it, with a confirmation. */
  opened(overview: Overview, message: string): void;
  /** Back to the unlock screen. */
  back(): void;
}

export function recoverScreen(status: AppStatus, damage: string | null, recovery: Recovery): HTMLElement {
  const ctx = { status };
  const out = h("p", { class: "result", role: "status", id: "recover-result" });
  const next = h("div", { id: "recover-next" });

  function showPreview(preview: DocumentPreview): string {
    const pass = password("recover-new-passphrase");
    pass.autocomplete = "new-password";
    const problem = statusBox();

    async function restore(event: Event): Promise<void> {
      event.preventDefault();
      problem.hidden = true;
      const button = document.getElementById("recover-confirm") as HTMLButtonElement;
      try {
        const passphrase = takeValue(pass.id);
        const again = takeValue("recover-new-passphrase-again");
        if (passphrase !== again) throw new FormError("recover-new-passphrase-again", "The two passphrases are not the same.");
        button.disabled = true;
        button.textContent = "Restoring…";
        const fresh = await call("restore_new_journal", { passphrase });
        const kept = fresh.set_aside ? ` The journal that could not be opened was kept, unchanged, in ${fresh.set_aside}.` : "";
        recovery.opened(fresh.overview, `Restored ${count(fresh.summary.added, "record")} into a new journal.${kept}`);
      } catch (error) {
        button.disabled = false;
        button.textContent = "Restore as a new journal";
        if (error instanceof FormError) showProblem(problem, error.message, error.fieldId);
        else if (error instanceof IpcError) showProblem(problem, error.message, error.field === "passphrase" ? pass.id : undefined);
        else showProblem(problem, String(error));
      }
    }

    next.append(
      h(
        "form",
        { class: "preview", id: "recover-form", novalidate: true, onsubmit: (e: Event) => void restore(e) },
        previewSummary(preview),
        h(
          "fieldset",
          {},
          h("legend", {}, "A passphrase for the new journal"),
          h("p", { class: "hint" }, "It may be the one you used before, or a new one."),
          field("Passphrase", pass),
          strengthMeter(pass, status.min_passphrase_chars),
          field("Passphrase again", password("recover-new-passphrase-again")),
        ),
        problem,
        h("button", { type: "submit", class: "primary", id: "recover-confirm" }, "Restore as a new journal"),
      ),
    );
    return "Check what the file holds, then choose a passphrase for the new journal.";
  }

  return h(
    "div",
    { class: "card recover" },
    h("h1", {}, "Restore from a backup"),
    damage ? damageNotice("recover-damage", damage) : null,
    h(
      "p",
      {},
      "A backup becomes a new journal. The journal that cannot be opened is not deleted: its files are moved, unchanged, into a folder beside the new one.",
    ),
    fileChooser(ctx, "recover", out, next, showPreview),
    next,
    out,
    h("button", { type: "button", id: "recover-back", class: "quiet", onclick: () => recovery.back() }, "Back to unlock"),
  );
}
