// "About ketamine treatment": every fact from the patient guides that the
// app shows in context, gathered in one place with its source and the date
// it was checked. The sentences are the core's (crates/core/data/guides.json).
import type { GuideFact, Place } from "../bindings";
import { h } from "../dom";
import { factBlock, loadGuides } from "../guides";

/** The headings of the places facts are shown, in the screen's order. */
const SECTIONS: [Place, string][] = [
  ["route", "How much of a dose reaches the bloodstream"],
  ["after_session", "After a session"],
  ["spravato", "Spravato (esketamine) sessions"],
  ["bladder", "Your bladder"],
];

function section(place: Place, heading: string, facts: GuideFact[]): HTMLElement {
  const id = `about-${place.replace(/_/g, "-")}`;
  return h("section", { class: "card", id, "aria-labelledby": `${id}-heading` }, h("h2", { id: `${id}-heading` }, heading), facts.map(factBlock));
}

export async function aboutScreen(): Promise<HTMLElement> {
  const screen = h(
    "div",
    { class: "screen about" },
    h("h1", {}, "About ketamine treatment"),
    h(
      "p",
      { class: "lead" },
      "What patient guides and prescribing information say, in short, with where each fact comes from. It is general information, not advice for you: talk to your clinician about your treatment.",
    ),
  );
  try {
    const guides = await loadGuides();
    for (const [place, heading] of SECTIONS) {
      const facts = guides.facts.filter((f) => f.place === place);
      if (facts.length) screen.append(section(place, heading, facts));
    }
  } catch (error) {
    screen.append(h("p", { class: "problem", role: "alert" }, error instanceof Error ? error.message : String(error)));
  }
  return screen;
}
