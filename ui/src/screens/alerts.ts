// Alerts and who to contact.
import type { Profile } from "../bindings";
import type { Ctx } from "../app";
import { h } from "../dom";
import { formatMoment } from "../time";

/** The clinician's contact and the crisis line; `crisis` puts the crisis line first. */
export function contactCard(profile: Profile, crisis: boolean): HTMLElement {
  const line = profile.crisis_line;
  const clinician = profile.clinician;
  const crisisBlock = h(
    "div",
    { class: "contact crisis-line", id: crisis ? "prompt-crisis-line" : null },
    h("h3", {}, line?.label || "Crisis line"),
    line
      ? h("p", {}, line.phone ? ["Call ", h("strong", {}, line.phone)] : null, line.phone && line.text ? " or " : null, line.text ? ["text ", h("strong", {}, line.text)] : null, ".")
      : h("p", {}, "Call or text ", h("strong", {}, "988"), "."),
    h("p", {}, "If you are in danger now, call ", h("strong", {}, line?.emergency || "911"), "."),
  );
  const clinicianBlock = h(
    "div",
    { class: "contact clinician", id: crisis ? "prompt-clinician" : null },
    h("h3", {}, "Your clinician"),
    clinician && (clinician.name || clinician.phone || clinician.email)
      ? [
          clinician.name ? h("p", {}, h("strong", {}, clinician.name)) : null,
          clinician.phone ? h("p", {}, "Phone: ", h("strong", {}, clinician.phone)) : null,
          clinician.email ? h("p", {}, "Email: ", h("strong", {}, clinician.email)) : null,
        ]
      : h("p", {}, "No clinician saved yet. Add their contact in Settings so it is here when you need it."),
  );
  return h(
    "section",
    { class: "card contacts", "aria-label": "Who to contact" },
    h("h2", {}, "Who to contact"),
    h("div", { class: "row" }, crisis ? [crisisBlock, clinicianBlock] : [clinicianBlock, crisisBlock]),
  );
}

export function alertsScreen(ctx: Ctx): HTMLElement {
  const acks = [...ctx.overview.journal.acknowledgements].reverse();
  return h(
    "div",
    { class: "screen alerts" },
    h("h1", {}, "Alerts"),
    h(
      "p",
      { class: "lead" },
      "Ketalog points out patterns in what you logged that clinicians ask patients to report. It does not diagnose anything.",
    ),
    contactCard(ctx.overview.journal.profile, false),
    h(
      "section",
      { class: "card", "aria-labelledby": "acks-heading" },
      h("h2", { id: "acks-heading" }, "Acknowledged"),
      acks.length === 0
        ? h("p", {}, "No alerts acknowledged yet.")
        : h("ul", { class: "acks" }, acks.map((a) => h("li", {}, h("strong", {}, formatMoment(a.at)), ` ${a.note || "(no note)"}`))),
    ),
  );
}
