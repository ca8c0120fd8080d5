// Modal dialogs: focus moves in, Escape cancels, focus returns afterwards.
import { h } from "./dom";

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

