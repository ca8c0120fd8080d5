// Sync as the screens see it: the last status the shell gave, the notes on
// records changed on another computer, and the notice of a crisis line set
// elsewhere. Refreshed when the journal opens, after each sync, and after
// "Sync now"; forgotten when it locks.
import type { ChangedElsewhere, SyncOutcome, SyncStatus } from "./bindings";
import { h } from "./dom";
import { call } from "./ipc";
import { formatMoment } from "./time";

let current: SyncStatus | null = null;

/** The sync status as last asked (null while locked, or not yet asked). */
export function syncStatus(): SyncStatus | null {
  return current;
}

const listeners = new Set<(status: SyncStatus) => void>();

/** Calls `listener` with each new status; returns what stops it. */
export function onSyncStatus(listener: (status: SyncStatus) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps `status` as the latest, and tells whoever shows it. */
export function keepSyncStatus(status: SyncStatus | null): void {
  current = status;
  if (status) for (const listener of Array.from(listeners)) listener(status);
}

/** Asks the shell again; a failure leaves the last status (and says nothing). */
export async function refreshSyncStatus(): Promise<SyncStatus | null> {
  try {
    keepSyncStatus(await call("sync_status", {}));
  } catch {
    // Locked meanwhile, or no journal: the screens show no sync notes.
  }
  return current;
}

/** Whether record `id` was recently replaced by an edit made on another computer. */
export function changedElsewhere(id: string): ChangedElsewhere | undefined {
  return current?.changed_elsewhere.find((c) => c.id === id);
}

/** The note a record carries for some days after an edit elsewhere replaced one made here. */
export function changedElsewhereNote(id: string): HTMLElement | null {
  const changed = changedElsewhere(id);
  if (!changed) return null;
  return h(
    "div",
    { class: "card changed-elsewhere", id: "changed-elsewhere", role: "note" },
    h("p", {}, h("strong", {}, `Changed on another computer on ${formatMoment(changed.at)}.`), " That later edit is what this record shows now."),
    h("p", { class: "hint" }, `The edit made on this computer was replaced and is kept aside: ${changed.kept}.`),
  );
}

/** The notice that the crisis line was set on another computer, for Today and Settings. */
export function crisisLineNotice(): HTMLElement | null {
  const at = current?.crisis_line_changed;
  if (!at) return null;
  return h(
    "div",
    { class: "card changed-elsewhere", id: "crisis-line-changed", role: "note" },
    h("p", {}, h("strong", {}, `Your crisis line was changed on another computer on ${formatMoment(at)}.`), " It came with your journal's sync. Check that it is the one you want: it is the number Ketalog shows you when things are hard."),
  );
}

/** The last sync in one sentence, for Settings. */
export function lastSyncSentence(status: SyncStatus): string {
  const last = status.last;
  if (last) return `${last.ok ? "Last sync" : "Last try"} ${formatMoment(last.at)}: ${last.sentence}`;
  if (status.synced_at) return `Last synced ${formatMoment(status.synced_at)}.`;
  return status.folder ? "Not synced yet." : "Sync is off: no folder is chosen.";
}

/** Whether a sync outcome changed the journal (the screen is shown again). */
export function changedTheJournal(outcome: SyncOutcome | null | undefined): boolean {
  return Boolean(outcome?.ok && outcome.changed);
}
