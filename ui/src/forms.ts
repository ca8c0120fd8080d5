// Form building blocks: every control has a visible label tied to it, hints
// are announced with it, and targets are large.
import { fieldId, h } from "./dom";
import { call, IpcError } from "./ipc";
import { formatLongDate } from "./time";

export const NIL_ID = "00000000-0000-0000-0000-000000000000";

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || fieldId("f");
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, dateEcho(control), hint ? h("p", { class: "hint", id: hintId }, hint) : null);
}

/**
 * For a date or date-and-time input, the date in the app's words beside it
 * ("Tuesday, 1 Dec 2026"): the input itself shows the system's format
 * (12/01/2026), everything else in the app the same words as here; "No
 * date set" when empty. It
 * describes the input, so a screen reader hears it too, and follows every
 * change, typed or set by code. Null for any other control.
 */
export function dateEcho(control: HTMLElement): HTMLElement | null {
  if (!(control instanceof HTMLInputElement) || !["date", "datetime-local"].includes(control.type)) return null;
  const echo = h("span", { class: "date-echo", id: `${control.id}-echo` });
  // An empty date input in WebKitGTK shows today's date greyed out, which
  // reads as a date chosen: the words say that none is.
  const update = (): void => {
    echo.textContent = formatLongDate(control.value) || "No date set";
  };
  // Presets and the session card set the value from code, which fires no
  // event: the instance's own setter keeps the words in step.
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
  if (native?.get && native.set) {
    const { get, set } = native;
    Object.defineProperty(control, "value", {
      configurable: true,
      get(this: HTMLInputElement) {
        return get.call(this);
      },
      set(this: HTMLInputElement, value: string) {
        set.call(this, value);
        update();
      },
    });
  }
  control.addEventListener("input", update);
  control.addEventListener("change", update);
  const described = (control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  control.setAttribute("aria-describedby", [echo.id, ...described].join(" "));
  update();
  return echo;
}

/**
 * Keeps a focused field clear of the Save bar held at the bottom of a long
 * form (or screen, as Report's): when focus lands on a field the bar covers (or that is above the
 * window), the field is scrolled to the middle. Listens on the document once.
 */
export function keepFocusClearOfActionBar(): void {
  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    const bar = (target.closest("form") ?? target.closest(".screen"))?.querySelector(".sticky-actions");
    if (!bar || bar.contains(target)) return;
    // After the web view's own scroll to the field, which may leave it under the bar.
    requestAnimationFrame(() => {
      const field = target.getBoundingClientRect();
      const covered = field.bottom > bar.getBoundingClientRect().top - 8 || field.top < 0;
      if (covered && document.activeElement === target) target.scrollIntoView({ block: "center" });
    });
  });
}

export function numberInput(id: string, value: number | null | undefined, opts: { min?: number; max?: number; step?: number } = {}): HTMLInputElement {
  return h("input", {
    id,
    type: "number",
    inputmode: opts.step && opts.step < 1 ? "decimal" : "numeric",
    min: opts.min,
    max: opts.max,
    step: opts.step ?? 1,
    value: value ?? "",
  });
}

export function textInput(id: string, value: string | null | undefined, attrs: Record<string, string> = {}): HTMLInputElement {
  return h("input", { id, type: "text", value: value ?? "", ...attrs });
}

export function textArea(id: string, value: string | null | undefined, rows = 3): HTMLTextAreaElement {
  return h("textarea", { id, rows, value: value ?? "" });
}

export function checkbox(id: string, label: string, checked: boolean, hint?: string): HTMLElement {
  const input = h("input", { id, type: "checkbox", checked });
  return h("div", { class: "check" }, input, h("label", { for: id }, label), hint ? h("span", { class: "hint" }, ` ${hint}`) : null);
}

/** A switch to share notes with the clinician (off unless turned on). */
export function shareSwitch(id: string, checked: boolean, label = "Share these notes with my clinician"): HTMLElement {
  const input = h("input", { id, type: "checkbox", role: "switch", checked });
  return h(
    "div",
    { class: "check share" },
    input,
    h("label", { for: id }, label),
    h("span", { class: "hint" }, " (they appear in the PDF summary only when this is on)"),
  );
}

export function select(id: string, options: [string, string][], value: string | null | undefined): HTMLSelectElement {
  return h("select", { id }, options.map(([v, label]) => h("option", { value: v, selected: v === (value ?? "") }, label)));
}

/** Which way a scale points: said next to it and to screen readers. */
export type Direction = "higher-better" | "higher-worse" | "neutral";

const DIRECTION_TEXT: Record<Direction, string> = {
  "higher-better": "Higher is better.",
  "higher-worse": "Higher is worse.",
  neutral: "",
};

/** How long after a "1" a "0" still makes 10 on a 0..10 scale. */
const TEN_WITHIN_MS = 700;

/**
 * A row of large radio buttons for a min..max scale. Its ends say what they
 * mean, visibly and to screen readers (each option is described by the
 * scale's direction, the end options also by their end label); number keys
 * pick a value ("1" then "0" quickly picks 10).
 */
export function scale(name: string, legend: string, min: number, max: number, value: number | null | undefined, ends?: [string, string], direction: Direction = "neutral"): HTMLElement {
  const directionId = `${name}-direction`;
  const endIds = [`${name}-low`, `${name}-high`];
  const options = [];
  for (let n = min; n <= max; n += 1) {
    const id = `${name}-${n}`;
    const described = [n === min && ends ? endIds[0] : null, n === max && ends ? endIds[1] : null, direction !== "neutral" ? directionId : null].filter(Boolean).join(" ");
    options.push(
      h(
        "span",
        { class: "scale-option" },
        h("input", { type: "radio", name, id, value: n, checked: value === n, "aria-label": `${n} of ${max}`, "aria-describedby": described || null }),
        h("label", { for: id }, String(n)),
      ),
    );
  }
  const set = h(
    "fieldset",
    { class: `scale scale-${direction}`, id: name },
    h("legend", {}, legend, direction !== "neutral" ? h("span", { class: "scale-direction", id: directionId }, ` ${DIRECTION_TEXT[direction]}`) : null),
    // The end labels take the width of the options: each sits under its end.
    h(
      "div",
      { class: "scale-body" },
      h("div", { class: "scale-options" }, options),
      ends ? h("div", { class: "scale-ends" }, h("span", { id: endIds[0] }, ends[0]), h("span", { id: endIds[1] }, ends[1])) : null,
    ),
  );
  let lastOne = 0;
  set.addEventListener("keydown", (event: KeyboardEvent) => {
    if (!/^[0-9]$/.test(event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
    let n = Number(event.key);
    if (n === 0 && max >= 10 && Date.now() - lastOne < TEN_WITHIN_MS) n = 10;
    lastOne = n === 1 ? Date.now() : 0;
    const radio = document.getElementById(`${name}-${n}`);
    if (!(radio instanceof HTMLInputElement)) return;
    event.preventDefault();
    radio.checked = true;
    radio.focus();
    radio.dispatchEvent(new Event("change", { bubbles: true }));
  });
  return set;
}

export function readScale(name: string): number | null {
  const checked = document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
  return checked ? Number(checked.value) : null;
}

export class FormError extends Error {
  constructor(readonly fieldId: string, message: string) {
    super(message);
  }
}

function input(id: string): HTMLInputElement {
  const el = document.getElementById(id);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) {
    throw new Error(`missing field #${id}`);
  }
  return el as HTMLInputElement;
}

export function readText(id: string): string {
  return input(id).value.trim();
}

export function readChecked(id: string): boolean {
  return input(id).checked;
}

/** A number from a field, or null when empty; a FormError when not a number. */
export function readNumber(id: string, label: string, opts: { integer?: boolean } = {}): number | null {
  const raw = input(id).value.trim();
  if (raw === "") return null;
  const value = Number(raw.replace(",", "."));
  if (!Number.isFinite(value)) throw new FormError(id, `${label}: enter a number.`);
  if (opts.integer && !Number.isInteger(value)) throw new FormError(id, `${label}: enter a whole number.`);
  return value;
}

/** Removes the problems shown next to fields inside `scope`. */
export function clearProblems(scope: ParentNode): void {
  for (const el of Array.from(scope.querySelectorAll(".field-error"))) el.remove();
  for (const el of Array.from(scope.querySelectorAll("[aria-invalid]"))) {
    el.removeAttribute("aria-invalid");
    const described = (el.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.endsWith("-error"));
    if (described.length) el.setAttribute("aria-describedby", described.join(" "));
    else el.removeAttribute("aria-describedby");
  }
}

/**
 * Shows a form problem in words: next to its field when there is one (the
 * field is marked invalid, described by the sentence, and focused), else in
 * the form's problem box.
 */
export function showProblem(box: HTMLElement, message: string, fieldIdToFocus?: string): void {
  const scope = box.closest("form") ?? box.parentElement ?? document;
  clearProblems(scope);
  const target = fieldIdToFocus ? document.getElementById(fieldIdToFocus) : null;
  if (!target) {
    box.textContent = message;
    box.hidden = false;
    return;
  }
  box.hidden = true;
  const errorId = `${target.id}-error`;
  const note = h("p", { class: "problem field-error", id: errorId, role: "alert" }, message);
  // Next to the field's own block (its label and hint), or at the end of the scale it belongs to.
  const holder = target.closest(".field") ?? target.closest("fieldset");
  if (holder) holder.append(note);
  else target.insertAdjacentElement("afterend", note);
  target.setAttribute("aria-invalid", "true");
  const described = (target.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  target.setAttribute("aria-describedby", [...described, errorId].join(" "));
  target.focus();
  target.scrollIntoView({ block: "center" });
}

/**
 * The input that edits the core's field `path` in a form whose inputs are
 * named `prefix-` and the path in kebab case (`bp_pre.systolic` in
 * "session" → `session-bp-pre-systolic`), unless `known` names it. For a
 * scale, its chosen option (or its first). Undefined when the form has no
 * such input: the sentence is then shown above the form's buttons.
 */
export function inputOf(prefix: string, path: string, known: Record<string, string> = {}): string | undefined {
  if (known[path]) return known[path];
  // One entry of a list edited by one input (`tags[3]`): that input.
  const list = /^([a-z_]+)\[\d+\]$/.exec(path);
  if (list?.[1] && document.getElementById(`${prefix}-${list[1].replace(/_/g, "-")}`)) return `${prefix}-${list[1].replace(/_/g, "-")}`;
  const id = `${prefix}-${path.replace(/[^a-z0-9]+/gi, "-").replace(/-+$/, "").replace(/_/g, "-")}`;
  const el = document.getElementById(id);
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return id;
  const option = document.querySelector<HTMLInputElement>(`input[name="${id}"]:checked`) ?? document.querySelector<HTMLInputElement>(`input[name="${id}"]`);
  return option?.id;
}

/**
 * Shows what went wrong with a form: a FormError at its field, the shell's
 * sentence at the field its path names (the path itself is never shown),
 * anything else in the problem box.
 */
export function showError(box: HTMLElement, error: unknown, inputFor: (path: string) => string | undefined): void {
  if (error instanceof FormError) showProblem(box, error.message, error.fieldId);
  else if (error instanceof IpcError) showProblem(box, error.message, error.field ? inputFor(error.field) : undefined);
  else showProblem(box, error instanceof Error ? error.message : String(error));
}

/**
 * Keeps Enter in a one-line field from submitting the form unseen: it moves
 * to the next field instead. Saving is always the Save button (or
 * Ctrl+Enter).
 */
export function guardEnter(form: HTMLFormElement): void {
  form.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.key !== "Enter") return;
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || ["checkbox", "radio", "submit", "button"].includes(target.type)) return;
    event.preventDefault();
    if (event.ctrlKey) {
      form.requestSubmit();
      return;
    }
    const fields = Array.from(form.querySelectorAll<HTMLElement>("input:not([type=hidden]):not([disabled]), select, textarea"));
    fields[fields.indexOf(target) + 1]?.focus();
  });
}

/** The bar that keeps Save and Cancel in view at the bottom of a long form. */
export function actionBar(...buttons: (HTMLElement | null)[]): HTMLElement {
  return h("div", { class: "actions sticky-actions" }, buttons);
}

export function statusBox(): HTMLElement {
  return h("p", { class: "problem", role: "alert", hidden: true });
}

export const KG_PER_LB = 0.45359237;

/** The tags a tag field holds now, in order. */
const tagLists = new Map<string, string[]>();

/**
 * A tag field: type a tag and press Enter or a comma to add it as a chip;
 * each chip has a button to remove it. A tag already there (in any case) is
 * not added twice. The tags already used in the journal are offered as the
 * user types. The core validates the list when it is saved.
 */
export function tagField(id: string, tags: readonly string[]): HTMLElement {
  const list: string[] = [];
  tagLists.set(id, list);
  const chips = h("ul", { class: "tag-chips", id: `${id}-chips`, "aria-label": "Tags added" });
  const said = h("p", { class: "visually-hidden", "aria-live": "polite", id: `${id}-said` });
  const listId = `${id}-used`;
  const input = h("input", { id, type: "text", class: "tag-input", list: listId, autocomplete: "off", "aria-describedby": `${id}-hint` });
  const used = h("datalist", { id: listId });
  const hint = h("p", { class: "hint", id: `${id}-hint` }, "Your own words to find this again, such as therapy or exercise. Press Enter or type a comma after each.");
  // Suggestions and the limits come from the core, which checks the tags
  // when the record is saved: without them the field still works.
  void call("tags_in_use", {})
    .then((inUse) => {
      used.replaceChildren(...inUse.tags.map((t) => h("option", { value: t })));
      hint.append(` Up to ${inUse.max_per_record}, each up to ${inUse.max_chars} characters.`);
    })
    .catch(() => undefined);
  const render = (): void => {
    chips.replaceChildren(
      ...list.map((tag) =>
        h(
          "li",
          { class: "tag-chip" },
          h("span", {}, tag),
          h("button", { type: "button", class: "tag-remove", "aria-label": `Remove the tag ${tag}`, onclick: () => remove(tag) }, "×"),
        ),
      ),
    );
    chips.hidden = list.length === 0;
  };
  const remove = (tag: string): void => {
    const at = list.indexOf(tag);
    if (at >= 0) list.splice(at, 1);
    render();
    said.textContent = `Tag ${tag} removed.`;
    input.focus();
  };
  const add = (text: string): void => {
    for (const tag of splitTags(text)) {
      if (list.some((t) => t.toLowerCase() === tag.toLowerCase())) {
        said.textContent = `${tag} is already a tag here.`;
        continue;
      }
      list.push(tag);
      said.textContent = `Tag ${tag} added.`;
    }
    render();
  };
  input.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.key === "Enter" && !event.ctrlKey) {
      if (input.value.trim() === "") return;
      // Handled here, before the form's guard moves on to the next field.
      event.preventDefault();
      event.stopPropagation();
      add(input.value);
      input.value = "";
    }
  });
  input.addEventListener("input", (event: Event) => {
    // A suggestion picked from the list is a whole tag.
    if (!(event instanceof InputEvent) || event.inputType === "insertReplacementText") {
      if (used.querySelector(`option[value="${CSS.escape(input.value)}"]`)) {
        add(input.value);
        input.value = "";
        return;
      }
    }
    // A comma ends a tag.
    if (input.value.includes(",")) {
      const parts = input.value.split(",");
      const rest = parts.pop() ?? "";
      add(parts.join(","));
      input.value = rest.trimStart();
    }
  });
  add(tags.join(","));
  said.textContent = "";
  return h(
    "div",
    { class: "field tag-field" },
    h("label", { for: id }, "Tags"),
    chips,
    input,
    used,
    hint,
    said,
  );
}

/** Typed text as tags: split on commas, trimmed, empty ones dropped. */
function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The tags of the tag field `id`: its chips, and what is still typed in it. */
export function readTags(id: string): string[] {
  const tags = [...(tagLists.get(id) ?? [])];
  for (const tag of splitTags(input(id).value)) {
    if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return tags;
}
