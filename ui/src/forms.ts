// Form building blocks: every control has a visible label tied to it, hints
// are announced with it, and targets are large.
import { fieldId, h } from "./dom";

export const NIL_ID = "00000000-0000-0000-0000-000000000000";

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || fieldId("f");
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("p", { class: "hint", id: hintId }, hint) : null);
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

/** A row of large radio buttons for a 0..max scale, with end labels. */
export function scale(name: string, legend: string, min: number, max: number, value: number | null | undefined, ends?: [string, string]): HTMLElement {
  const options = [];
  for (let n = min; n <= max; n += 1) {
    const id = `${name}-${n}`;
    options.push(h("span", { class: "scale-option" }, h("input", { type: "radio", name, id, value: n, checked: value === n }), h("label", { for: id }, String(n))));
  }
  return h(
    "fieldset",
    { class: "scale", id: name },
    h("legend", {}, legend),
    h("div", { class: "scale-options" }, options),
    ends ? h("div", { class: "scale-ends", "aria-hidden": "true" }, h("span", {}, ends[0]), h("span", {}, ends[1])) : null,
  );
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

/** Shows a form problem next to the form and moves focus to the field. */
export function showProblem(box: HTMLElement, message: string, fieldIdToFocus?: string): void {
  box.textContent = message;
  box.hidden = false;
  if (fieldIdToFocus) document.getElementById(fieldIdToFocus)?.focus();
}

export function statusBox(): HTMLElement {
  return h("p", { class: "problem", role: "alert", hidden: true });
}

export const KG_PER_LB = 0.45359237;
