// First-run setup and unlock. The passphrase fields are emptied as soon as
// the shell has them: the webview keeps no copy.
import type { AppStatus, Overview, Profile } from "../bindings";
import { h } from "../dom";
import { field, FormError, KG_PER_LB, numberInput, readNumber, readText, select, showProblem, statusBox, textInput } from "../forms";
import { call, IpcError } from "../ipc";
import { countryPicker } from "../crisis";
import { strength } from "../strength";

function passwordInput(id: string, autocomplete: string): HTMLInputElement {
  return h("input", { id, type: "password", autocomplete, spellcheck: "false", autocapitalize: "off", required: true });
}

function wipe(...ids: string[]): void {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el instanceof HTMLInputElement) el.value = "";
  }
}

/** A live strength meter under a passphrase field. */
export function strengthMeter(input: HTMLInputElement, minChars: number): HTMLElement {
  const bar = h("meter", { id: `${input.id}-meter`, min: 0, max: 4, low: 2, high: 3, optimum: 4, value: 0, "aria-hidden": "true" });
  const words = h("p", { id: `${input.id}-strength`, class: "hint", "aria-live": "polite" }, `Use at least ${minChars} characters.`);
  input.setAttribute("aria-describedby", words.id);
  input.addEventListener("input", () => {
    const s = strength(input.value, minChars);
    bar.value = s.score;
    words.textContent = `${s.label}. ${s.advice}`;
  });
  return h("div", { class: "strength" }, bar, words);
}

export function setupScreen(status: AppStatus, opened: (overview: Overview) => void): HTMLElement {
  const problem = statusBox();
  const pass = passwordInput("setup-passphrase", "new-password");
  const again = passwordInput("setup-passphrase-again", "new-password");
  const unit = select("setup-weight-unit", [["kg", "kg"], ["lb", "lb"]], "kg");

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    try {
      if (pass.value !== again.value) throw new FormError(again.id, "The two passphrases are not the same.");
      const weight = readNumber("setup-weight", "Weight");
      const weightUnit = unit.value === "lb" ? "lb" : "kg";
      const clinician = { name: readText("setup-clinician-name"), phone: readText("setup-clinician-phone"), email: readText("setup-clinician-email") };
      const crisisPhone = readText("setup-crisis-phone");
      const crisisText = readText("setup-crisis-text");
      const profile: Profile = {
        display_name: readText("setup-name") || null,
        weight_kg: weight === null ? null : weightUnit === "lb" ? weight * KG_PER_LB : weight,
        clinician: clinician.name || clinician.phone || clinician.email ? clinician : null,
        crisis_line: {
          label: readText("setup-crisis-label"),
          phone: crisisPhone,
          text: crisisText,
          emergency: readText("setup-crisis-emergency") || "911",
        },
        weight_unit: weightUnit,
        treatment_plan: null,
        auto_lock_minutes: null,
        reminders: null,
      };
      const button = document.getElementById("setup-submit") as HTMLButtonElement;
      button.disabled = true;
      button.textContent = "Creating your journal…";
      const passphrase = pass.value;
      wipe(pass.id, again.id);
      try {
        opened(await call("create_journal", { passphrase, profile }));
      } finally {
        button.disabled = false;
        button.textContent = "Create my journal";
      }
    } catch (error) {
      if (error instanceof FormError) showProblem(problem, error.message, error.fieldId);
      else if (error instanceof IpcError) showProblem(problem, error.message, error.field === "passphrase" ? pass.id : undefined);
      else showProblem(problem, String(error));
    }
  }

  return h(
    "form",
    { class: "card setup", id: "setup-form", onsubmit: (e: Event) => void submit(e), novalidate: true },
    h("h1", {}, "Welcome to Ketalog"),
    h(
      "p",
      { class: "lead" },
      "Your journal stays on this computer, encrypted with a passphrase only you know. There is no account and nothing is sent anywhere.",
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "Your passphrase"),
      h("p", { class: "hint" }, "If you forget it, the journal cannot be opened by anyone, including you. Keep a written copy somewhere safe."),
      field("Passphrase", pass),
      strengthMeter(pass, status.min_passphrase_chars),
      field("Passphrase again", again),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "About you (optional)"),
      field("Name shown on your reports", textInput("setup-name", "", { autocomplete: "name" })),
      h("div", { class: "row" }, field("Weight", numberInput("setup-weight", null, { min: 20, max: 900, step: 0.1 }), "Used for mg/kg."), field("Unit", unit)),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "Your clinician (optional)"),
      field("Name", textInput("setup-clinician-name", "")),
      h("div", { class: "row" }, field("Phone", textInput("setup-clinician-phone", "", { type: "tel" })), field("Email", textInput("setup-clinician-email", "", { type: "email" }))),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "Crisis line"),
      h("p", { class: "hint" }, "Shown whenever what you log suggests you may be in danger. Choose your country to fill it in; every field stays yours to change."),
      countryPicker("setup", true),
      field("Name", textInput("setup-crisis-label", "988 Suicide & Crisis Lifeline")),
      h(
        "div",
        { class: "row" },
        field("Number to call", textInput("setup-crisis-phone", "988", { type: "tel" })),
        field("Number to text", textInput("setup-crisis-text", "988", { type: "tel" })),
        field("Emergency number", textInput("setup-crisis-emergency", "911", { type: "tel" })),
      ),
    ),
    problem,
    h("button", { type: "submit", id: "setup-submit", class: "primary" }, "Create my journal"),
  );
}

/** What the shell said when it found the journal's files damaged. */
export function damageNotice(id: string, damage: string, ...more: (string | HTMLElement)[]): HTMLElement {
  return h(
    "div",
    { class: "warning", id, role: "alert" },
    h("p", {}, h("strong", {}, "Your journal's files are damaged and cannot be read. "), "Nothing has been changed or deleted. ", ...more.filter((m) => typeof m === "string")),
    h("p", { class: "hint" }, damage),
    ...more.filter((m) => typeof m !== "string"),
  );
}

/**
 * The unlock form. `damage` is what the shell said when it found the
 * journal's files damaged: then restoring from a backup is offered first.
 */
export function unlockScreen(opened: (overview: Overview) => void, damage: string | null, recover: () => void): HTMLElement {
  const problem = statusBox();
  const pass = passwordInput("unlock-passphrase", "current-password");

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    const passphrase = pass.value;
    wipe(pass.id);
    const button = document.getElementById("unlock-submit") as HTMLButtonElement;
    button.disabled = true;
    button.textContent = "Unlocking…";
    try {
      opened(await call("unlock", { passphrase }));
    } catch (error) {
      // Damage is shown by the frame, which redraws this screen with it.
      if (error instanceof IpcError && error.code === "corrupt") return;
      const message =
        error instanceof IpcError && error.code === "wrong_passphrase"
          ? "That passphrase does not open this journal. Check Caps Lock and try again."
          : error instanceof Error
            ? error.message
            : String(error);
      showProblem(problem, message, pass.id);
    } finally {
      button.disabled = false;
      button.textContent = "Unlock";
    }
  }

  return h(
    "form",
    { class: "card unlock", id: "unlock-form", onsubmit: (e: Event) => void submit(e) },
    h("h1", {}, "Unlock your journal"),
    damage
      ? damageNotice(
          "unlock-damage",
          damage,
          "If you have a backup, restore it as a new journal; the damaged files are kept.",
          h("button", { type: "button", id: "unlock-recover", class: "primary", onclick: recover }, "Restore from a backup…"),
        )
      : null,
    field("Passphrase", pass),
    problem,
    h("button", { type: "submit", id: "unlock-submit", class: damage ? null : "primary" }, "Unlock"),
    damage
      ? null
      : h("p", { class: "hint" }, "Forgot your passphrase, or the journal will not open? ", h("button", { type: "button", id: "unlock-recover", class: "quiet", onclick: recover }, "Restore from a backup…")),
  );
}
