// The patient guides' facts where they matter (next to the route, after a
// session, in the bladder diary, on Spravato sessions) and the names the
// co-medication field suggests. Every sentence is the core's; this file only
// places them. Each list is asked for once and kept: it is compiled into
// the app and never changes while it runs.
import type { CoMedicationName, GuideFact, Guides, Medication, Place, Route } from "./bindings";
import { h } from "./dom";
import { call } from "./ipc";

let guides: Promise<Guides> | null = null;
let names: Promise<CoMedicationName[]> | null = null;

/** The guides' facts (asked for once). */
export function loadGuides(): Promise<Guides> {
  guides ??= call("guides", {}).catch((error: unknown) => {
    guides = null;
    throw error;
  });
  return guides;
}

function coMedicationNames(): Promise<CoMedicationName[]> {
  names ??= call("co_medication_names", {}).catch((error: unknown) => {
    names = null;
    throw error;
  });
  return names;
}

/** One fact: its text, then where it comes from and when that was checked. */
export function factBlock(fact: GuideFact): HTMLElement {
  return h(
    "div",
    { class: "fact", "data-fact": fact.id },
    h("p", {}, fact.text),
    h("p", { class: "hint source" }, `Source: ${fact.source} (checked ${fact.checked}).`),
  );
}

/**
 * A note holding the facts of `place`, filled when they arrive. Nothing is
 * shown when they cannot be loaded: the facts add to a screen, they are
 * never what it is for.
 */
export function factsNote(id: string, place: Place, heading: string): HTMLElement {
  const note = h("aside", { class: "facts", id, "aria-labelledby": `${id}-title`, hidden: true }, h("h2", { id: `${id}-title` }, heading));
  void loadGuides()
    .then((g) => {
      const facts = g.facts.filter((f) => f.place === place);
      note.append(...facts.map(factBlock));
      note.hidden = facts.length === 0;
    })
    .catch(() => undefined);
  return note;
}

/**
 * The fact for a session's medication and route (how much of a dose reaches
 * the bloodstream), kept current as the two selects change; and, for
 * esketamine, the Spravato facts (blood pressure, observation).
 */
export function routeFacts(medication: HTMLSelectElement, route: HTMLSelectElement): HTMLElement {
  const routeNote = h("div", { id: "session-route-fact", class: "facts inline", "aria-live": "polite" });
  const spravato = h("div", { id: "session-spravato-facts", class: "facts inline", hidden: true });
  function update(g: Guides): void {
    const chosen = g.routes.find((r) => r.medication === (medication.value as Medication) && r.route === (route.value as Route));
    const fact = chosen ? g.facts.find((f) => f.id === chosen.fact) : undefined;
    routeNote.replaceChildren(...(fact ? [factBlock(fact)] : []));
    const onSpravato = medication.value === "esketamine";
    spravato.replaceChildren(...(onSpravato ? g.facts.filter((f) => f.place === "spravato").map(factBlock) : []));
    spravato.hidden = !onSpravato;
  }
  void loadGuides()
    .then((g) => {
      update(g);
      for (const select of [medication, route]) select.addEventListener("change", () => update(g));
    })
    .catch(() => undefined);
  return h("div", { class: "route-facts" }, routeNote, spravato);
}

/** What to know after a session has been saved: half-life and driving. */
export async function afterSessionNote(): Promise<HTMLElement | null> {
  const g = await loadGuides().catch(() => null);
  const facts = g?.facts.filter((f) => f.place === "after_session") ?? [];
  if (facts.length === 0) return null;
  return h("aside", { class: "facts after-session", id: "after-session-facts", "aria-labelledby": "after-session-title" }, h("h2", { id: "after-session-title" }, "After your session"), ...facts.map(factBlock));
}

/**
 * Suggests the listed co-medications in a comma-separated field: the
 * suggestions complete the last entry and keep the ones before it.
 */
export function suggestCoMedications(input: HTMLInputElement): HTMLDataListElement {
  const list = h("datalist", { id: `${input.id}-names` });
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  function update(all: CoMedicationName[]): void {
    const cut = input.value.lastIndexOf(",");
    const before = cut < 0 ? "" : `${input.value.slice(0, cut + 1).trimEnd()} `;
    list.replaceChildren(...all.map((n) => h("option", { value: `${before}${n.name}` }, n.name.toLowerCase() === n.what.toLowerCase() ? n.name : `${n.name} (${n.what})`)));
  }
  void coMedicationNames()
    .then((all) => {
      update(all);
      input.addEventListener("input", () => update(all));
    })
    .catch(() => undefined);
  return list;
}
