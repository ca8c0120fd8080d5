// What every screen can reach: the journal as last loaded, navigation, and
// the after-save flow.
import type { AppStatus, Overview, Saved, Session, CheckIn, PhqNine, GadSeven, BladderDay, BladderIndices } from "./bindings";

export type Screen =
  | "today"
  | "session"
  | "questionnaires"
  | "bladder"
  | "history"
  | "trends"
  | "alerts"
  | "report"
  | "backup"
  | "settings";

/** A record opened for editing. */
export type Editing =
  | { kind: "session"; record: Session }
  | { kind: "checkin"; record: CheckIn }
  | { kind: "phq9"; record: PhqNine }
  | { kind: "gad7"; record: GadSeven }
  | { kind: "icsi_icpi"; record: BladderIndices }
  | { kind: "bladder"; record: BladderDay };

export interface Ctx {
  status: AppStatus;
  overview: Overview;
  /** Shows a screen; `editing` opens a record in its form. */
  go(screen: Screen, editing?: Editing): void;
  /** After a record was saved: new journal, a confirmation, and any prompt. */
  saved(saved: Saved, message: string): void;
  /** The journal changed (delete, import, settings). */
  replaceOverview(overview: Overview): void;
  /** A short confirmation in the status line. */
  notify(message: string): void;
  /** Closes the journal and shows the unlock screen. */
  lock(): void;
}
