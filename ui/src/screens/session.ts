// Log (or edit) a dosing session. Quick to fill in when foggy: only the
// time, medication, route and dose are needed; everything else can wait.
import type { BloodPressure, Medication, PartialDose, Route, Session, Setting } from "../bindings";
import type { Ctx } from "../app";
import { count, h } from "../dom";
import {
  FormError,
  KG_PER_LB,
  NIL_ID,
  actionBar,
  checkbox,
  field,
  guardEnter,
  numberInput,
  readChecked,
  readNumber,
  readScale,
  readTags,
  readText,
  scale,
  select,
  shareSwitch,
  inputOf,
  showError,
  statusBox,
  tagField,
  textArea,
  textInput,
} from "../forms";
import { deleteButton } from "../records";
import { call } from "../ipc";
import { afterSessionNote, routeFacts, suggestCoMedications } from "../guides";
import { formatMoment, fromLocalInput, localInputValue, toLocalInput } from "../time";

const MEDICATIONS: [Medication, string][] = [
  ["racemic-ketamine", "Ketamine (racemic)"],
  ["esketamine", "Esketamine (Spravato)"],
  ["other", "Other"],
];
const ROUTES: [Route, string][] = [
  ["iv", "IV infusion"],
  ["im", "IM injection"],
  ["intranasal", "Nasal spray"],
  ["sublingual", "Troche / under the tongue"],
  ["oral", "Swallowed"],
  ["rectal", "Rectal"],
  ["other", "Other"],
];
const SETTINGS: [Setting | "", string][] = [
  ["", "Not recorded"],
  ["clinic", "Clinic"],
  ["home", "Home"],
  ["telehealth", "Home, with a clinician on a call"],
  ["other", "Elsewhere"],
];
const SIDE_EFFECTS = ["Nausea", "Headache", "Dizziness", "Anxiety or panic", "Vomiting"];
const CO_MEDICATIONS = ["Magnesium", "Ondansetron", "Benzodiazepine"];

/** The input that edits each field the shell may name, to focus it. */
function inputFor(field: string): string | undefined {
  const part = /^doses\[(\d+)\]\.(mg|after_min)$/.exec(field);
  if (part) return `session-part-${Number(part[1]) + 1}-${part[2] === "mg" ? "mg" : "after"}`;
  const inputs: Record<string, string> = {
    started_at: "session-when",
    dose_mg: "session-dose",
    weight_kg: "session-weight",
    duration_min: "session-duration",
    "bp_pre.systolic": "session-pre-sys",
    "bp_pre.diastolic": "session-pre-dia",
    heart_rate_pre: "session-pre-hr",
    "bp_post.systolic": "session-post-sys",
    "bp_post.diastolic": "session-post-dia",
    heart_rate_post: "session-post-hr",
    dissociation: "session-dissociation-0",
    intention: "session-intention",
    reflection: "session-reflection",
    notes: "session-notes",
  };
  return inputs[field];
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z]+/g, "-");
}

function bloodPressure(prefix: string, label: string, bp: BloodPressure | null, hr: number | null): HTMLElement {
  return h(
    "fieldset",
    { class: "bp" },
    h("legend", {}, label),
    h(
      "div",
      { class: "row" },
      field("Systolic (top)", numberInput(`${prefix}-sys`, bp?.systolic, { min: 50, max: 300 })),
      field("Diastolic (bottom)", numberInput(`${prefix}-dia`, bp?.diastolic, { min: 20, max: 200 })),
      field("Heart rate", numberInput(`${prefix}-hr`, hr, { min: 20, max: 250 }), "Beats per minute."),
    ),
  );
}

function readBloodPressure(prefix: string, label: string): BloodPressure | null {
  const systolic = readNumber(`${prefix}-sys`, `${label} systolic`, { integer: true });
  const diastolic = readNumber(`${prefix}-dia`, `${label} diastolic`, { integer: true });
  if (systolic === null && diastolic === null) return null;
  if (systolic === null) throw new FormError(`${prefix}-sys`, `${label}: enter the systolic (top) number too.`);
  if (diastolic === null) throw new FormError(`${prefix}-dia`, `${label}: enter the diastolic (bottom) number too.`);
  return { systolic, diastolic };
}

function choiceList(prefix: string, legend: string, known: string[], chosen: string[]): HTMLElement {
  const others = chosen.filter((c) => !known.includes(c));
  return h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, legend),
    h("div", { class: "check-grid" }, known.map((k) => checkbox(`${prefix}-${slug(k)}`, k, chosen.includes(k)))),
    field("Other (separate with commas)", textInput(`${prefix}-other`, others.join(", "))),
  );
}

function readChoices(prefix: string, known: string[]): string[] {
  const picked = known.filter((k) => readChecked(`${prefix}-${slug(k)}`));
  const others = readText(`${prefix}-other`)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return [...picked, ...others];
}

/** Spravato's label: blood pressure again about 40 minutes after the dose. */
const BP_AFTER_DEFAULT_MIN = 40;

/**
 * The session running now, started from the session card. Held in memory
 * only (a time of dosing is health data: it is written nowhere but the
 * journal), so it survives moving between screens, not closing the app.
 */
let running: Running | null = null;

/**
 * A session started on the card, until it is saved (or another is started).
 * Ending it stops the clock but keeps it: its notes and duration wait for
 * the form to be saved, even if the user visits another screen first.
 */
interface Running {
  /** When the clock started (ms since the epoch). */
  started: number;
  /** The start as the form's local input value. */
  when: string;
  bpAfterMin: number;
  prompted: boolean;
  /** The timed notes, as listed on the card. */
  notes: string[];
  /** When "End session" stopped the clock (ms), or null while it runs. */
  ended: number | null;
  /** The "Other notes" field as the user left it: timed notes and hand edits. */
  text: string;
}

/**
 * Forgets the notes of a session not yet saved (on lock): private text
 * stays in memory only while the journal is open. The clock keeps running.
 */
export function forgetSessionNotes(): void {
  if (!running) return;
  running.notes = [];
  running.text = "";
}

/** The whole minutes of a session now (at its end, once ended). */
function minuteOf(session: Running): number {
  return Math.floor(((session.ended ?? Date.now()) - session.started) / 60_000);
}

/**
 * Adds what is typed in "A note for now" as a timed note of the running
 * session: to its list, to the notes field and to `running`. The line
 * added, or null when no session runs or nothing is typed.
 */
function addTypedNote(): string | null {
  const input = document.getElementById("session-timed-note") as HTMLInputElement | null;
  const text = input?.value.trim() ?? "";
  if (!running || !input || !text) return null;
  const line = timedNote(minuteOf(running), text);
  running.notes.push(line);
  running.text = running.text.trim() ? `${running.text.trimEnd()}\n${line}` : line;
  const notes = document.getElementById("session-notes") as HTMLTextAreaElement | null;
  if (notes) notes.value = running.text;
  document.getElementById("session-timed-notes")?.append(h("li", {}, line));
  input.value = "";
  return line;
}

/**
 * A note with its minute since the start ("+12 min: nausea eased"). Timed
 * notes are lines of the session's notes, so they need no field of their
 * own: they are saved, shared (or kept private), exported and shown with
 * the rest of the notes.
 */
export function timedNote(minutes: number, text: string): string {
  return `+${minutes} min: ${text.replace(/\s+/g, " ").trim()}`;
}

/** The last session logged, to copy its plan from; undefined when none. */
async function lastSession(): Promise<Session | undefined> {
  const page = await call("history", { query: { kinds: ["session"], text: "", tags: [], from: null, to: null, page: 0 } });
  const newest = page.entries[0];
  if (!newest) return undefined;
  const record = await call("record", { id: newest.id });
  return record.kind === "session" ? record.record : undefined;
}

/** The duration of an ended session, in whole minutes (at least 1). */
function endedMinutes(session: Running): number {
  return Math.max(1, Math.round(((session.ended ?? Date.now()) - session.started) / 60_000));
}

/** "12:05" from milliseconds. */
function elapsed(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return hours > 0 ? `${hours} h ${String(minutes % 60).padStart(2, "0")} min` : `${minutes} min ${String(seconds).padStart(2, "0")} s`;
}

/**
 * The session card: start a session now, watch its time, be reminded of the
 * blood pressure after it, and end it (which sets the duration).
 */
function sessionCard(ctx: Ctx): HTMLElement {
  const timer = h("p", { class: "timer", id: "session-timer", role: "timer", "aria-live": "off" });
  const prompt = h("p", { class: "bp-prompt", id: "session-bp-prompt", hidden: true });
  const bpAfter = numberInput("session-bp-after-min", running?.bpAfterMin ?? BP_AFTER_DEFAULT_MIN, { min: 1, max: 240 });
  const start = h("button", { type: "button", class: "primary", id: "session-start" }, "Start a session now");
  const end = h("button", { type: "button", class: "primary", id: "session-end" }, "End session");
  const noteInput = textInput("session-timed-note", "", { autocomplete: "off" });
  const addNote = h("button", { type: "button", id: "session-add-note" }, "Add note");
  const notesList = h("ul", { class: "timed-notes", id: "session-timed-notes", "aria-label": "Notes during this session" }, (running?.notes ?? []).map((n) => h("li", {}, n)));
  noteInput.setAttribute("aria-describedby", "session-timed-note-hint");
  const noteInputRow = h("div", { class: "row" }, field("A note for now", noteInput), addNote);
  const noteHint = h("p", { class: "hint", id: "session-timed-note-hint" }, "Saved in the notes with its minute: “+12 min: nausea eased”.");
  const noteRow = h("div", { class: "timed-note" }, noteInputRow, noteHint, notesList);
  const card = h(
    "section",
    { class: "card session-card", "aria-labelledby": "session-card-heading" },
    h("h2", { id: "session-card-heading" }, "Session now"),
    h("p", { class: "hint", id: "session-card-hint" }, "Start the clock when the dose begins; fill in the rest as you sit. End it when you are done: the duration is set for you."),
    h("div", { class: "actions" }, start, end),
    timer,
    prompt,
    noteRow,
    field("Remind me to take my blood pressure after (minutes)", bpAfter, "About 40 minutes for Spravato; your clinic may say otherwise."),
  );
  let shown = false;
  const tick = (): void => {
    const live = running !== null && running.ended === null;
    start.hidden = live;
    end.hidden = !live;
    // Once ended, the notes taken stay listed until the session is saved.
    noteRow.hidden = !live && notesList.children.length === 0;
    noteInputRow.hidden = noteHint.hidden = !live;
    noteInput.disabled = addNote.disabled = !live;
    if (!running || !live) {
      timer.textContent = running ? `Ended after ${count(endedMinutes(running), "minute")} · not saved yet` : "";
      return;
    }
    const ms = Date.now() - running.started;
    timer.textContent = `Started at ${running.when.slice(11, 16)} · ${elapsed(ms)}`;
    if (ms >= running.bpAfterMin * 60_000 && prompt.hidden) {
      prompt.hidden = false;
      prompt.textContent = `It has been ${count(running.bpAfterMin, "minute")}: time to take your blood pressure again, when you are ready.`;
      if (!running.prompted) {
        running.prompted = true;
        ctx.notify(prompt.textContent);
      }
    }
  };
  // Stops once the card has left the page (another screen replaced it).
  const interval = window.setInterval(() => {
    if (card.isConnected) shown = true;
    if (shown && !card.isConnected) window.clearInterval(interval);
    else tick();
  }, 1000);
  const note = (): void => {
    const line = addTypedNote();
    noteInput.focus();
    // The status line outlives the screen: it says when, never the private text.
    if (line && running) ctx.notify(`Note added at +${minuteOf(running)} min.`);
  };
  addNote.addEventListener("click", note);
  // Enter adds the note (and does not move on, as in the rest of the form).
  noteInput.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.ctrlKey) return;
    event.preventDefault();
    event.stopPropagation();
    note();
  });
  bpAfter.addEventListener("change", () => {
    if (running) running.bpAfterMin = Math.max(1, Number(bpAfter.value) || BP_AFTER_DEFAULT_MIN);
  });
  start.addEventListener("click", () => {
    const when = localInputValue();
    const notes = document.getElementById("session-notes") as HTMLTextAreaElement | null;
    // Starting again drops the ended session's notes; notes typed before a first start stay.
    if (running && notes) notes.value = "";
    const text = notes?.value ?? "";
    running = { started: Date.now(), when, bpAfterMin: Math.max(1, Number(bpAfter.value) || BP_AFTER_DEFAULT_MIN), prompted: false, notes: [], ended: null, text };
    notesList.replaceChildren();
    (document.getElementById("session-when") as HTMLInputElement).value = when;
    ctx.notify(`Session started at ${when.slice(11, 16)}.`);
    tick();
    document.getElementById("session-pre-sys")?.focus();
  });
  end.addEventListener("click", () => {
    if (!running || running.ended !== null) return;
    // A note typed but not added is kept, at the minute the session ends.
    addTypedNote();
    running.ended = Date.now();
    const minutes = endedMinutes(running);
    (document.getElementById("session-duration") as HTMLInputElement).value = String(minutes);
    tick();
    ctx.notify(`Session ended: ${minutes} min. Check the details, then save.`);
    document.getElementById("session-save")?.focus();
  });
  tick();
  return card;
}

/** Marks a field as copied from the last session, until it is changed. */
function copied(control: HTMLElement, from: Session): void {
  const holder = control.closest(".field");
  if (!holder) return;
  holder.classList.add("copied");
  const note = h("span", { class: "copied-note", id: `${control.id}-copied` }, `Copied from your last session (${formatMoment(from.started_at)})`);
  holder.append(note);
  const described = control.getAttribute("aria-describedby");
  control.setAttribute("aria-describedby", described ? `${described} ${note.id}` : note.id);
  control.addEventListener(
    "change",
    () => {
      holder.classList.remove("copied");
      note.textContent = "Changed from your last session";
    },
    { once: true },
  );
}

/** The session form; a new one starts with the last session's plan filled in. */
export async function sessionScreen(ctx: Ctx, editing?: Session): Promise<HTMLElement> {
  const last = editing ? undefined : await lastSession().catch(() => undefined);
  return sessionForm(ctx, editing, last);
}

function sessionForm(ctx: Ctx, editing: Session | undefined, last: Session | undefined): HTMLElement {
  const s = editing;
  const profile = ctx.overview.profile;
  const lb = profile.weight_unit === "lb";
  const problem = statusBox();
  const parts = h("ol", { class: "parts", id: "session-parts" });
  const total = h("output", { id: "session-parts-total", "aria-live": "polite" });
  const plan = s ?? last;
  const doseInput = numberInput("session-dose", plan && (plan.doses ?? []).length === 0 ? plan.dose_mg : null, { min: 0, step: 0.1 });

  function updateTotal(): void {
    const mgs = Array.from(parts.querySelectorAll<HTMLInputElement>("input.part-mg")).map((i) => Number(i.value) || 0);
    total.textContent = mgs.length ? `Total: ${mgs.reduce((a, b) => a + b, 0)} mg` : "";
    doseInput.disabled = mgs.length > 0;
  }

  function addPart(part?: PartialDose): void {
    const n = parts.children.length + 1;
    const remove = h("button", { type: "button", class: "quiet" }, `Remove part ${n}`);
    const row = h(
      "li",
      { class: "row part" },
      field(`Part ${n}: minutes after start`, numberInput(`session-part-${n}-after`, part?.after_min ?? (n === 1 ? 0 : null), { min: 0, max: 1440 })),
      field(`Part ${n}: mg`, Object.assign(numberInput(`session-part-${n}-mg`, part?.mg, { min: 0, step: 0.1 }), { className: "part-mg" })),
      remove,
    );
    remove.addEventListener("click", () => {
      row.remove();
      updateTotal();
    });
    row.addEventListener("input", updateTotal);
    parts.append(row);
    updateTotal();
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    try {
      const when = (document.getElementById("session-when") as HTMLInputElement).value;
      if (!when) throw new FormError("session-when", "Enter when the session started.");
      const doses: PartialDose[] = [];
      parts.querySelectorAll("li").forEach((_, i) => {
        const n = i + 1;
        const after = readNumber(`session-part-${n}-after`, `Part ${n} minutes`, { integer: true });
        const mg = readNumber(`session-part-${n}-mg`, `Part ${n} mg`);
        if (mg === null) throw new FormError(`session-part-${n}-mg`, `Part ${n}: enter the mg taken.`);
        doses.push({ after_min: after ?? 0, mg });
      });
      const dose = doses.length ? doses.reduce((a, d) => a + d.mg, 0) : readNumber("session-dose", "Dose");
      if (dose === null) throw new FormError("session-dose", "Enter the dose in mg.");
      const weight = readNumber("session-weight", "Weight");
      const setting = (document.getElementById("session-setting") as HTMLSelectElement).value as Setting | "";
      // A note typed on the card but not added is saved too, with its minute.
      if (!s) addTypedNote();
      const record: Session = {
        id: s?.id ?? NIL_ID,
        started_at: s && toLocalInput(s.started_at) === when ? s.started_at : fromLocalInput(when),
        medication: (document.getElementById("session-medication") as HTMLSelectElement).value as Medication,
        route: (document.getElementById("session-route") as HTMLSelectElement).value as Route,
        dose_mg: dose,
        doses,
        weight_kg: weight === null ? null : lb ? weight * KG_PER_LB : weight,
        duration_min: readNumber("session-duration", "Duration", { integer: true }),
        setting: setting === "" ? null : setting,
        bp_pre: readBloodPressure("session-pre", "Blood pressure before"),
        bp_post: readBloodPressure("session-post", "Blood pressure after"),
        heart_rate_pre: readNumber("session-pre-hr", "Heart rate before", { integer: true }),
        heart_rate_post: readNumber("session-post-hr", "Heart rate after", { integer: true }),
        dissociation: readScale("session-dissociation"),
        side_effects: readChoices("session-side", SIDE_EFFECTS),
        psychotic_symptoms: readChecked("session-psychotic"),
        co_medications: readChoices("session-comed", CO_MEDICATIONS),
        tags: readTags("session-tags"),
        intention: readText("session-intention"),
        reflection: readText("session-reflection"),
        notes: readText("session-notes"),
        share_notes: readChecked("session-share"),
      };
      const saved = await call("save_record", { record: { kind: "session", record } });
      // The running session is now logged: the card starts afresh (its time
      // and notes would otherwise fill the next new session's form again).
      if (!s) running = null;
      ctx.saved(saved, s ? "Session updated." : "Session saved.", s ? null : await afterSessionNote());
      ctx.go("today");
    } catch (error) {
      // The shell's sentence names the field in words; its path only says where to focus.
      showError(problem, error, (path) => inputFor(path) ?? inputOf("session", path));
    }
  }

  const form = h(
    "form",
    { class: "screen session", id: "session-form", onsubmit: (e: Event) => void submit(e), novalidate: true },
    h("h1", {}, s ? "Edit session" : "Log a session"),
    h("p", { class: "lead" }, "Only the first four questions are needed now. You can add the rest later from History."),
    s ? null : sessionCard(ctx),
    h(
      "section",
      { class: "card" },
      field(
        "When it started",
        h("input", { id: "session-when", type: "datetime-local", value: s ? toLocalInput(s.started_at) : (running?.when ?? localInputValue()) }),
        s ? undefined : "When the dose began. Logging afterwards? Change it to the start time.",
      ),
      h("div", { class: "row" }, field("Medication", select("session-medication", MEDICATIONS, plan?.medication ?? "racemic-ketamine")), field("How it was taken", select("session-route", ROUTES, plan?.route ?? "iv"))),
      field("Dose (mg)", doseInput, "The whole dose. If you took it in parts, add the parts below instead."),
      h(
        "details",
        { open: plan && (plan.doses ?? []).length > 0 ? true : null },
        h("summary", {}, "Taken in parts (for example ½, then ¼, then ¼ an hour apart)"),
        parts,
        total,
        h("button", { type: "button", id: "session-add-part", onclick: () => addPart() }, "Add a part"),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Details"),
      h(
        "div",
        { class: "row" },
        field(`Weight today (${lb ? "lb" : "kg"})`, numberInput("session-weight", s?.weight_kg ? (lb ? Math.round((s.weight_kg / KG_PER_LB) * 10) / 10 : s.weight_kg) : null, { min: 20, max: 900, step: 0.1 }), "Leave empty to use your profile's weight."),
        field("Duration (minutes)", numberInput("session-duration", s ? s.duration_min : running?.ended ? endedMinutes(running) : null, { min: 1, max: 1440 })),
        field("Where", select("session-setting", SETTINGS, plan?.setting ?? "")),
      ),
      bloodPressure("session-pre", "Before the dose", s?.bp_pre ?? null, s?.heart_rate_pre ?? null),
      bloodPressure("session-post", "After the dose (about 40 minutes after for Spravato)", s?.bp_post ?? null, s?.heart_rate_post ?? null),
      scale("session-dissociation", "How dissociated did you feel? (your own rating, not a clinical scale)", 0, 10, s?.dissociation, ["0 not at all", "10 completely"], "neutral"),
      choiceList("session-side", "Side effects", SIDE_EFFECTS, s?.side_effects ?? []),
      checkbox("session-psychotic", "I noticed hallucinations or paranoia outside the session's expected effects", s?.psychotic_symptoms ?? false),
      choiceList("session-comed", "Other medicines taken today", CO_MEDICATIONS, s?.co_medications ?? []),
      tagField("session-tags", s?.tags ?? []),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Notes"),
      field("Intention before the session", textArea("session-intention", s?.intention, 2)),
      field("Reflection afterwards", textArea("session-reflection", s?.reflection, 3)),
      field("Other notes", textArea("session-notes", s ? s.notes : running?.text, 3), "Notes added during the session are here too, each with its minute."),
      shareSwitch("session-share", s?.share_notes ?? false),
    ),
    problem,
    actionBar(
      h("button", { type: "submit", class: "primary", id: "session-save" }, s ? "Save changes" : "Save session"),
      h("button", { type: "button", onclick: () => ctx.go("today") }, "Cancel"),
      s ? deleteButton(ctx, s.id, "session") : null,
    ),
  );
  for (const part of plan?.doses ?? []) addPart(part);
  guardEnter(form);
  // The notes as the user leaves them, hand edits included, wait with the running session.
  if (!s) {
    form.querySelector("#session-notes")?.addEventListener("input", (event) => {
      if (running) running.text = (event.target as HTMLTextAreaElement).value;
    });
  }
  if (!s && last) {
    // The plan is copied, and says so: what changes from one session to the next is left empty.
    for (const id of ["session-medication", "session-route", "session-setting"]) copied(form.querySelector(`#${id}`) as HTMLElement, last);
    if ((last.doses ?? []).length === 0) copied(doseInput, last);
  }
  // The guides' facts beside the route, and the listed co-medications as suggestions.
  const medication = form.querySelector<HTMLSelectElement>("#session-medication");
  const route = form.querySelector<HTMLSelectElement>("#session-route");
  if (medication && route) route.closest(".row")?.after(routeFacts(medication, route));
  const others = form.querySelector<HTMLInputElement>("#session-comed-other");
  others?.after(suggestCoMedications(others));
  return form;
}
