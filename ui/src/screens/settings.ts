// Settings: profile, contacts, units, auto-lock, reminders, theme, the
// sync folder and passphrase.
import type { Profile, Reminders } from "../bindings";
import type { Ctx } from "../app";
import { h } from "../dom";
import { FormError, KG_PER_LB, actionBar, checkbox, field, inputOf, numberInput, readChecked, readNumber, readText, select, showProblem, statusBox, textArea, textInput } from "../forms";
import { call, IpcError } from "../ipc";
import { countryPicker } from "../crisis";
import { strengthMeter } from "./access";
import { syncSection } from "./syncsettings";

type Theme = "system" | "light" | "dark";
const THEME_KEY = "ketalog.theme";
const DEFAULT_AUTO_LOCK_MINUTES = 5;

/** The preferences a profile without any has (the core's defaults). */
const DEFAULT_REMINDERS: Reminders = {
  reflection: true,
  phq9: true,
  bladder_diary: true,
  driving: true,
  checkin: true,
  checkin_time: "20:00",
  questionnaire_days: 14,
  gad7: true,
  icsi_icpi: true,
  follow_up: true,
  notifications: false,
  hide_kind: false,
  close_to_tray: null,
  start_at_login: false,
};

const CLOSE_CHOICES: [string, string][] = [
  ["ask", "Ask me the first time"],
  ["tray", "Keep Ketalog running in the tray"],
  ["quit", "Quit Ketalog"],
];

function closeChoice(value: boolean | null): string {
  return value === null ? "ask" : value ? "tray" : "quit";
}

function readCloseChoice(): boolean | null {
  const value = (document.getElementById("settings-close") as HTMLSelectElement).value;
  return value === "ask" ? null : value === "tray";
}

function readTime(id: string, label: string): string {
  const value = readText(id);
  if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value)) throw new FormError(id, `${label}: a time like 20:00.`);
  return value;
}

/** Notifications: whether, when, how private, and running in the background. */
function notificationsSection(r: Reminders): HTMLElement {
  return h(
    "section",
    { class: "card", "aria-labelledby": "notifications-heading" },
    h("h2", { id: "notifications-heading" }, "Notifications"),
    checkbox("settings-notify", "Show a desktop notification when a reminder is due", r.notifications, "(also while your journal is locked)"),
    field("Daily reminders at", textInput("settings-checkin-time", r.checkin_time, { type: "time" }), "The check-in, and anything else due that day, is notified at this time."),
    checkbox("settings-hide-kind", "Keep notifications private: they say only \u201cKetalog has something for you\u201d", r.hide_kind),
    field("When I close the window", select("settings-close", CLOSE_CHOICES, closeChoice(r.close_to_tray)), "Reminders reach you only while Ketalog runs. In the tray, your journal is locked."),
    checkbox("settings-login", "Start Ketalog in the tray when I log in", r.start_at_login),
    h(
      "p",
      { class: "hint" },
      "Notifications never show a score, a symptom or a medicine. So that they can come while your journal is locked, Ketalog keeps the times reminders are due, and of which kind (check-in, questionnaire, diary, reflection, follow-up, driving), in a file beside your journal; nothing else. Turning notifications off removes it.",
    ),
  );
}

function storedTheme(): Theme {
  const value = window.localStorage.getItem(THEME_KEY);
  return value === "light" || value === "dark" ? value : "system";
}

/** Applies the chosen theme (a display preference, not journal data). */
export function applyTheme(theme: Theme = storedTheme()): void {
  if (theme === "system") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.setAttribute("data-theme", theme);
}

function profileForm(ctx: Ctx): HTMLElement {
  const p = ctx.overview.profile;
  const lb = p.weight_unit === "lb";
  const reminders: Reminders = p.reminders ?? DEFAULT_REMINDERS;
  const problem = statusBox();
  const weightShown = p.weight_kg ? Math.round((lb ? p.weight_kg / KG_PER_LB : p.weight_kg) * 10) / 10 : null;

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    try {
      const unit = (document.getElementById("settings-unit") as HTMLSelectElement).value === "lb" ? "lb" : "kg";
      const weight = readNumber("settings-weight", "Weight");
      const autoLock = readNumber("settings-autolock", "Auto-lock", { integer: true });
      if (autoLock !== null && (autoLock < 1 || autoLock > 240)) throw new FormError("settings-autolock", "Auto-lock: between 1 and 240 minutes.");
      const clinician = { name: readText("settings-clinician-name"), phone: readText("settings-clinician-phone"), email: readText("settings-clinician-email") };
      const profile: Profile = {
        display_name: readText("settings-name") || null,
        weight_kg: weight === null ? null : unit === "lb" ? weight * KG_PER_LB : weight,
        weight_unit: unit,
        clinician: clinician.name || clinician.phone || clinician.email ? clinician : null,
        crisis_line: {
          label: readText("settings-crisis-label"),
          phone: readText("settings-crisis-phone"),
          text: readText("settings-crisis-text"),
          emergency: readText("settings-crisis-emergency") || "911",
        },
        treatment_plan: readText("settings-plan") || null,
        auto_lock_minutes: autoLock,
        reminders: {
          reflection: readChecked("settings-rem-reflection"),
          phq9: readChecked("settings-rem-phq9"),
          bladder_diary: readChecked("settings-rem-bladder"),
          driving: readChecked("settings-rem-driving"),
          checkin: readChecked("settings-rem-checkin"),
          checkin_time: readTime("settings-checkin-time", "Daily reminders at"),
          questionnaire_days: (document.getElementById("settings-cadence") as HTMLSelectElement).value === "7" ? 7 : 14,
          gad7: readChecked("settings-rem-gad7"),
          icsi_icpi: readChecked("settings-rem-icsi"),
          follow_up: readChecked("settings-rem-follow-up"),
          notifications: readChecked("settings-notify"),
          hide_kind: readChecked("settings-hide-kind"),
          close_to_tray: readCloseChoice(),
          start_at_login: readChecked("settings-login"),
        },
      };
      ctx.replaceOverview(await call("save_profile", { profile }));
      ctx.notify("Settings saved.");
      ctx.go("settings");
    } catch (error) {
      if (error instanceof FormError) showProblem(problem, error.message, error.fieldId);
      else if (error instanceof IpcError) showProblem(problem, error.message, error.field ? inputOf("settings", error.field) : undefined);
      else showProblem(problem, String(error));
    }
  }

  return h(
    "form",
    { id: "settings-form", onsubmit: (e: Event) => void submit(e), novalidate: true },
    h(
      "section",
      { class: "card" },
      h("h2", {}, "You"),
      field("Name shown on your reports", textInput("settings-name", p.display_name)),
      h("div", { class: "row" }, field("Weight", numberInput("settings-weight", weightShown, { min: 20, max: 900, step: 0.1 })), field("Unit", select("settings-unit", [["kg", "kg"], ["lb", "lb"]], p.weight_unit ?? "kg"))),
      field("Treatment plan", textArea("settings-plan", p.treatment_plan, 2), "For example: 6 infusions over 3 weeks, then boosters every 4 weeks."),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Your clinician"),
      field("Name", textInput("settings-clinician-name", p.clinician?.name)),
      h("div", { class: "row" }, field("Phone", textInput("settings-clinician-phone", p.clinician?.phone, { type: "tel" })), field("Email", textInput("settings-clinician-email", p.clinician?.email, { type: "email" }))),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Crisis line"),
      countryPicker("settings", false),
      field("Name", textInput("settings-crisis-label", p.crisis_line?.label ?? "988 Suicide & Crisis Lifeline")),
      h(
        "div",
        { class: "row" },
        field("Number to call", textInput("settings-crisis-phone", p.crisis_line?.phone ?? "988", { type: "tel" })),
        field("Number to text", textInput("settings-crisis-text", p.crisis_line?.text ?? "988", { type: "tel" })),
        field("Emergency number", textInput("settings-crisis-emergency", p.crisis_line?.emergency ?? "911", { type: "tel" })),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Locking and reminders"),
      field("Lock after this many idle minutes", numberInput("settings-autolock", p.auto_lock_minutes ?? DEFAULT_AUTO_LOCK_MINUTES, { min: 1, max: 240 })),
      h(
        "fieldset",
        { class: "choices" },
        h("legend", {}, "Remind me"),
        checkbox("settings-rem-checkin", "to check in every day", reminders.checkin),
        checkbox("settings-rem-reflection", "to write a reflection the day after a session", reminders.reflection),
        checkbox("settings-rem-phq9", "to fill in a PHQ-9", reminders.phq9),
        checkbox("settings-rem-gad7", "to fill in a GAD-7", reminders.gad7),
        checkbox("settings-rem-bladder", "to keep the bladder diary daily during treatment", reminders.bladder_diary),
        checkbox("settings-rem-icsi", "to fill in the bladder indices (ICSI/ICPI) monthly while I keep the diary", reminders.icsi_icpi),
        checkbox("settings-rem-driving", "not to drive until the day after a session", reminders.driving),
        checkbox("settings-rem-follow-up", "to follow up an urgent alert I have not yet acknowledged", reminders.follow_up),
      ),
      field("PHQ-9 and GAD-7", select("settings-cadence", [["14", "Every 14 days"], ["7", "Every week"]], String(reminders.questionnaire_days)), "As your clinic asks. A missed questionnaire is reminded of on three more days, then no more."),
    ),
    notificationsSection(reminders),
    problem,
    actionBar(h("button", { type: "submit", class: "primary", id: "settings-save" }, "Save settings")),
  );
}

function themeSection(): HTMLElement {
  const choice = select("settings-theme", [["system", "Same as the system"], ["light", "Light"], ["dark", "Dark"]], storedTheme());
  choice.addEventListener("change", () => {
    const theme = choice.value as Theme;
    window.localStorage.setItem(THEME_KEY, theme);
    applyTheme(theme);
  });
  return h("section", { class: "card" }, h("h2", {}, "Appearance"), field("Theme", choice));
}

function passphraseForm(ctx: Ctx): HTMLElement {
  const problem = statusBox();
  const current = h("input", { id: "pass-current", type: "password", autocomplete: "current-password" });
  const next = h("input", { id: "pass-new", type: "password", autocomplete: "new-password" });
  const again = h("input", { id: "pass-again", type: "password", autocomplete: "new-password" });

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    if (next.value !== again.value) {
      showProblem(problem, "The two new passphrases are not the same.", again.id);
      return;
    }
    const rekey = (document.getElementById("pass-rekey") as HTMLInputElement).checked;
    const args = { current: current.value, new: next.value, rekey };
    for (const input of [current, next, again]) input.value = "";
    try {
      await call("change_passphrase", args);
      ctx.notify(rekey ? "Passphrase changed and the journal re-encrypted. Use the new passphrase from now on." : "Passphrase changed. Use the new one from now on.");
    } catch (error) {
      const message = error instanceof IpcError && error.code === "wrong_passphrase" ? "The current passphrase is not right." : error instanceof Error ? error.message : String(error);
      showProblem(problem, message, current.id);
    }
  }

  return h(
    "form",
    { class: "card", id: "passphrase-form", onsubmit: (e: Event) => void submit(e) },
    h("h2", {}, "Change passphrase"),
    field("Current passphrase", current),
    field("New passphrase", next),
    strengthMeter(next, ctx.status.min_passphrase_chars),
    field("New passphrase again", again),
    checkbox(
      "pass-rekey",
      "Also re-encrypt the journal",
      false,
      "so that old copies of its key file (in earlier backups of this computer, say) no longer open it with the old passphrase. Takes a few seconds.",
    ),
    problem,
    h("button", { type: "submit", id: "passphrase-save" }, "Change passphrase"),
  );
}

/** About: the version and build, as `ketalog --version` prints them. */
function aboutLine(): HTMLElement {
  const line = h("p", { class: "hint", id: "settings-about" }, "Ketalog");
  void call("about", {}).then(
    (about) => (line.textContent = `Ketalog ${about.version} (build ${about.build})`),
    () => undefined, // the line keeps the name alone
  );
  return line;
}

export function settingsScreen(ctx: Ctx): HTMLElement {
  return h(
    "div",
    { class: "screen settings" },
    h("h1", {}, "Settings"),
    profileForm(ctx),
    themeSection(),
    syncSection(ctx),
    passphraseForm(ctx),
    h("p", { class: "hint" }, `Your journal is stored at ${ctx.status.vault_path}.`),
    aboutLine(),
  );
}
