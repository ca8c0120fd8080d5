// Modal dialogs: focus moves in, Escape cancels, focus returns afterwards.
import type { Ctx } from "./app";
import { h } from "./dom";
import { call, IpcError } from "./ipc";

export function confirmDialog(title: string, message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = h(
      "dialog",
      { class: "modal", "aria-labelledby": "confirm-title", "aria-describedby": "confirm-message", id: "confirm-dialog" },
      h("h2", { id: "confirm-title" }, title),
      h("p", { id: "confirm-message" }, message),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", id: "confirm-cancel", onclick: () => dialog.close("cancel") }, "Keep it"),
        h("button", { type: "button", id: "confirm-ok", class: "danger", onclick: () => dialog.close("ok") }, confirmLabel),
      ),
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      opener?.focus();
      resolve(dialog.returnValue === "ok");
    });
    document.body.append(dialog);
    dialog.showModal();
    (dialog.querySelector("#confirm-cancel") as HTMLElement).focus();
  });
}

/**
 * A "Delete…" button for the record open in an editor: it asks first, then
 * deletes, says so, and goes back to Today. Deleting lives here, in the
 * record's own editor, rather than as a button on every row of History.
 */
export function deleteButton(ctx: Ctx, id: string, what: string): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "danger",
      id: "record-delete",
      onclick: () =>
        void (async () => {
          if (!(await confirmDialog(`Delete this ${what}?`, "It is removed from your journal. This cannot be undone.", "Delete"))) return;
          try {
            const deleted = await call("delete_record", { id });
            ctx.replaceOverview(deleted.overview);
            ctx.notify(`The ${what} was deleted.`);
            ctx.go("today");
          } catch (error) {
            ctx.notify(error instanceof IpcError ? error.message : String(error));
          }
        })(),
    },
    "Delete…",
  );
}
