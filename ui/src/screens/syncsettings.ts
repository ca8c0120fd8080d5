// Settings: the sync folder. Choose it, type the sync passphrase once (join
// a folder another computer set up, or give a new folder its passphrase),
// sync now, see the last sync in a sentence, forget the folder.
import type { PassphraseNeed, SyncStatus } from "../bindings";
import type { Ctx } from "../app";
import { confirmDialog } from "../dialog";
import { clear, h } from "../dom";
import { clearProblems, field, showProblem, statusBox, textInput } from "../forms";
import { call, IpcError } from "../ipc";
import { changedTheJournal, keepSyncStatus, lastSyncSentence, onSyncStatus, refreshSyncStatus, syncStatus } from "../sync";
import { strengthMeter } from "./access";

/** Reloads what the screens show after a sync changed the journal. */
async function journalChanged(ctx: Ctx): Promise<void> {
  ctx.replaceOverview(await call("load_overview", {}));
}

function details(status: SyncStatus): HTMLElement | null {
  const last = status.last;
  if (!last) return null;
  const lists: [string, string[]][] = [
    ["Settings changed on another computer", last.settings.map((c) => `${c.label}: ${c.incoming || "(not set)"}`)],
    ["Edited here, then later on another computer (that later edit was kept)", last.replaced_here.map((r) => `The ${r}`)],
    ["Not taken", last.refused],
    ["Files skipped", last.skipped],
  ];
  const shown = lists.filter(([, items]) => items.length > 0);
  if (shown.length === 0) return null;
  return h(
    "div",
    { id: "sync-details" },
    shown.map(([title, items]) => h("div", {}, h("h3", {}, title), h("ul", {}, items.map((item) => h("li", {}, item))))),
  );
}

function passphraseForm(ctx: Ctx, need: PassphraseNeed): HTMLElement {
  const problem = statusBox();
  const pass = h("input", { id: "sync-passphrase", type: "password", autocomplete: need === "create" ? "new-password" : "current-password" });
  const again = h("input", { id: "sync-passphrase-again", type: "password", autocomplete: "new-password" });
  // A problem said about the last try goes once the passphrase is typed again.
  for (const input of [pass, again]) input.addEventListener("input", () => input.form && clearProblems(input.form));

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    if (need === "create" && pass.value !== again.value) {
      showProblem(problem, "The two sync passphrases are not the same.", again.id);
      return;
    }
    const passphrase = pass.value;
    pass.value = "";
    again.value = "";
    try {
      const status = await call("sync_now", { passphrase });
      keepSyncStatus(status);
      if (changedTheJournal(status.last)) await journalChanged(ctx);
    } catch (error) {
      const message = error instanceof IpcError && error.code === "wrong_passphrase" ? "That is not this folder's sync passphrase." : error instanceof Error ? error.message : String(error);
      showProblem(problem, message, pass.id);
    }
  }

  const create = need === "create";
  return h(
    "form",
    { id: "sync-passphrase-form", onsubmit: (e: Event) => void submit(e) },
    h(
      "p",
      {},
      create
        ? "This folder has no sync passphrase yet. Choose one: every computer that joins will need it, once. It is not your journal's passphrase, and it cannot be recovered."
        : "This folder is already in use by another computer. Type the sync passphrase chosen there; it is asked only this once.",
    ),
    field(create ? "New sync passphrase" : "Sync passphrase", pass),
    create ? strengthMeter(pass, ctx.status.min_passphrase_chars) : null,
    create ? field("Sync passphrase again", again) : null,
    problem,
    h("button", { type: "submit", class: "primary", id: "sync-passphrase-submit" }, create ? "Set the passphrase and sync" : "Join and sync"),
  );
}

/** The "Sync folder" card of Settings. */
export function syncSection(ctx: Ctx): HTMLElement {
  const body = h("div", { id: "sync-body", "aria-busy": "true" });
  const out = h("p", { class: "result", role: "status", id: "sync-result" });
  const nameField = ctx.status.files_by_name ? field("Folder name", textInput("sync-folder-name", "sync")) : null;

  function render(status: SyncStatus): void {
    clear(body);
    body.removeAttribute("aria-busy");
    const need = status.last && !status.last.ok ? status.last.needs : null;
    body.append(
      h("p", { id: "sync-folder" }, status.folder ? `Folder: ${status.folder}` : "No sync folder is chosen: this journal is on this computer only."),
      // While the folder waits for its passphrase, the form below says why.
      need ? "" : h("p", { id: "sync-last", class: status.last && !status.last.ok ? "warning" : "hint" }, lastSyncSentence(status)),
      details(status) ?? "",
      need ? passphraseForm(ctx, need) : "",
      nameField ?? "",
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", id: "sync-choose", onclick: () => void choose() }, status.folder ? "Choose another folder…" : "Choose a sync folder…"),
        status.folder && !need ? h("button", { type: "button", id: "sync-now", class: "primary", onclick: () => void syncNow() }, "Sync now") : "",
        status.folder ? h("button", { type: "button", id: "sync-forget", onclick: () => void forget() }, "Stop syncing…") : "",
      ),
    );
  }

  async function act(action: () => Promise<SyncStatus>, working: string): Promise<void> {
    out.textContent = working;
    try {
      const status = await action();
      out.textContent = "";
      keepSyncStatus(status);
      if (changedTheJournal(status.last)) await journalChanged(ctx);
    } catch (error) {
      out.textContent = error instanceof IpcError && error.code === "cancelled" ? "" : error instanceof Error ? error.message : String(error);
      await refreshSyncStatus();
    }
  }

  const folderName = () => (ctx.status.files_by_name ? (document.getElementById("sync-folder-name") as HTMLInputElement | null)?.value.trim() || null : null);
  const choose = () => act(() => call("set_sync_folder", { name: folderName() }), "Choosing the folder…");
  const syncNow = () => act(() => call("sync_now", { passphrase: null }), "Syncing…");
  async function forget(): Promise<void> {
    const sure = await confirmDialog(
      "Stop syncing on this computer?",
      "This computer forgets the folder and its sync passphrase. Your records stay here; the folder and your other computers are not changed. To sync again, choose the folder and type the sync passphrase.",
      "Stop syncing",
    );
    if (sure) await act(() => call("forget_sync_folder", {}), "Stopping…");
  }

  // Each new status shows here while the card is on screen, except over a
  // sync passphrase being typed.
  let attached = false;
  const stop = onSyncStatus((status) => {
    if (body.isConnected) attached = true;
    else if (attached) {
      stop();
      return;
    }
    const typing = Array.from(body.querySelectorAll<HTMLInputElement>("input[type=password]")).some((input) => input.value !== "");
    if (!typing) render(status);
  });
  const known = syncStatus();
  if (known) render(known);
  void refreshSyncStatus();

  return h(
    "section",
    { class: "card", id: "sync-section", "aria-labelledby": "sync-heading" },
    h("h2", { id: "sync-heading" }, "Sync folder"),
    h(
      "p",
      { class: "hint" },
      "Use your journal on several computers without an account or a server: choose a folder your own sync tool keeps the same on each (Syncthing, Nextcloud, Dropbox, a USB stick). Ketalog writes only encrypted files there, and syncs when you unlock, a few seconds after you save, and when you lock.",
    ),
    body,
    out,
  );
}
