// The country picker above the crisis line fields (setup and Settings).
// The directory is the core's: choosing a country fills the four fields,
// which stay editable; a country not in the list keeps what is there.
import type { CountryLine, CrisisDirectory, CrisisLine } from "./bindings";
import { h } from "./dom";
import { call } from "./ipc";

const NONE = "";

/** The four crisis line fields a picker fills: `${prefix}-crisis-label` and so on. */
function fields(prefix: string): Record<keyof CrisisLine, HTMLInputElement | null> {
  const get = (name: string) => document.getElementById(`${prefix}-crisis-${name}`) as HTMLInputElement | null;
  return { label: get("label"), phone: get("phone"), text: get("text"), emergency: get("emergency") };
}

function fill(prefix: string, line: CrisisLine): void {
  const inputs = fields(prefix);
  for (const key of ["label", "phone", "text", "emergency"] as const) {
    const input = inputs[key];
    if (input) input.value = line[key] ?? "";
  }
}

/** The country whose line the fields hold now, if any (same name, number to call and emergency number). */
function matching(directory: CrisisDirectory, prefix: string): CountryLine | undefined {
  const inputs = fields(prefix);
  const digits = (s: string | undefined) => (s ?? "").replace(/\D/g, "");
  const label = inputs.label?.value.trim().toLowerCase();
  const phone = digits(inputs.phone?.value);
  const emergency = digits(inputs.emergency?.value);
  // The emergency number too: Ireland and the United Kingdom share Samaritans' 116 123.
  return directory.countries.find(
    (c) => phone !== "" && c.crisis_line.label.toLowerCase() === label && digits(c.crisis_line.phone) === phone && digits(c.crisis_line.emergency) === emergency,
  );
}

/**
 * A country select for the crisis line fields with ids `${prefix}-crisis-*`.
 * With `fillFromLocale` (first run), the country of the system's locale is
 * chosen and fills the fields; otherwise (Settings) the country whose line
 * the fields already hold is shown, and nothing changes until the user
 * picks one.
 */
export function countryPicker(prefix: string, fillFromLocale: boolean): HTMLElement {
  const id = `${prefix}-country`;
  const hintId = `${id}-hint`;
  const picker = h("select", { id, "aria-describedby": hintId, disabled: true }, h("option", { value: NONE }, "Loading the list…"));
  const hint = h("p", { class: "hint", id: hintId, "aria-live": "polite" });
  const source = h("p", { class: "hint source", id: `${id}-source` });

  function describe(directory: CrisisDirectory, country: CountryLine | undefined): void {
    if (!country) {
      hint.textContent = directory.unknown_country;
      source.textContent = "";
      return;
    }
    const reach = country.how_to_reach ? `: ${country.how_to_reach}` : "";
    hint.textContent = `${country.crisis_line.label}${reach}; emergencies ${country.crisis_line.emergency}. You can still change the fields below.`;
    source.textContent = `Source: ${country.source}, checked ${country.checked}.`;
  }

  void call("crisis_lines", { locale: navigator.language ?? "" })
    .then((directory) => {
      picker.replaceChildren(
        h("option", { value: NONE }, "My country is not listed"),
        ...directory.countries.map((c) => h("option", { value: c.code }, c.name)),
      );
      picker.disabled = false;
      const initial = fillFromLocale ? directory.countries.find((c) => c.code === directory.suggested) : matching(directory, prefix);
      picker.value = initial?.code ?? NONE;
      if (initial && fillFromLocale) fill(prefix, initial.crisis_line);
      describe(directory, initial);
      picker.addEventListener("change", () => {
        const chosen = directory.countries.find((c) => c.code === picker.value);
        if (chosen) fill(prefix, chosen.crisis_line);
        describe(directory, chosen);
      });
    })
    .catch((error: unknown) => {
      picker.replaceChildren(h("option", { value: NONE }, "The list could not be loaded"));
      hint.textContent = `${error instanceof Error ? error.message : String(error)} Type your crisis line below.`;
    });

  return h("div", { class: "field" }, h("label", { for: id }, "Country"), picker, hint, source);
}
