// Opening and deleting a record, alike from every screen that lists records.
import type { Ctx } from "./app";
import { EDITOR } from "./app";
import { confirmDialog } from "./dialog";
import { h } from "./dom";
import { call, IpcError } from "./ipc";

/** Opens the record `id` in its editor; a failure is said in the status line. */
export async function openRecord(ctx: Ctx, id: string): Promise<void> {
  try {
    const record = await call("record", { id });
    ctx.go(EDITOR[record.kind], record);
  } catch (error) {
    ctx.notify(error instanceof IpcError ? error.message : String(error));
  }
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
