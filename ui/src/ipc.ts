// Typed calls into the Rust shell. Every command's arguments and result
// come from the generated bindings; a failure is always an IpcError whose
// `code` the screens branch on.
import { invoke } from "@tauri-apps/api/core";
import type { CommandError, Commands, ErrorCode } from "./bindings";

export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;
  constructor(error: CommandError) {
    super(error.message);
    this.code = error.code;
    this.field = error.field;
  }
}

function isCommandError(value: unknown): value is CommandError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

let journalDamaged: ((message: string) => void) | null = null;

/**
 * Called whenever a command finds the journal's files damaged. The shell has
 * closed the journal by then; the frame offers to restore from a backup.
 */
export function onJournalDamaged(handler: (message: string) => void): void {
  journalDamaged = handler;
}

export async function call<K extends keyof Commands>(
  command: K,
  args: Commands[K]["args"],
): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, args);
  } catch (error) {
    if (isCommandError(error)) {
      if (error.code === "corrupt") journalDamaged?.(error.message);
      throw new IpcError(error);
    }
    throw new IpcError({ code: "io", message: String(error), field: null });
  }
}
