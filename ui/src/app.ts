// What every screen can reach: the overview as last loaded (small: what is
// due, the alerts, today's entries, the profile), navigation, and the
// after-save flow. Screens ask the shell for what they show.
import type { AnyRecord, AppStatus, Overview, Saved } from "./bindings";

export type Screen =
  | "today"
  | "session"
  | "questionnaires"
  | "bladder"
  | "history"
  | "calendar"
  | "trends"
  | "insights"
  | "alerts"
  | "report"
  | "backup"
  | "settings"
  | "about";

/** A record opened for editing. */
export type Editing = AnyRecord;

/** The screen that edits a record of each kind. */
export const EDITOR: Record<AnyRecord["kind"], Screen> = {
  session: "session",
  checkin: "today",
  phq9: "questionnaires",
  gad7: "questionnaires",
  icsi_icpi: "questionnaires",
  bladder: "bladder",
};

export interface Ctx {
  status: AppStatus;
  overview: Overview;
  /** Shows a screen; `editing` opens a record in its form. */
  go(screen: Screen, editing?: Editing): void;
  /**
   * After a record was saved: new journal, a confirmation, and any prompt;
   * `afterword` is shown under the next screen's heading (what to know now).
   */
  saved(saved: Saved, message: string, afterword?: HTMLElement | null): void;
  /** The journal changed (delete, import, settings). */
  replaceOverview(overview: Overview): void;
  /** A short confirmation in the status line. */
  notify(message: string): void;
  /** Closes the journal and shows the unlock screen. */
  lock(): void;
}
