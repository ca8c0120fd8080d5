// Alerts and who to contact.
import type { Alert, Profile, Severity } from "../bindings";
import type { Ctx } from "../app";
import { h } from "../dom";
import { field, shareSwitch, showProblem, statusBox, textArea } from "../forms";
import { call, IpcError } from "../ipc";
import { formatMoment } from "../time";

const SEVERITY_LABEL: Record<Severity, string> = {
  crisis: "Safety first",
  urgent: "Contact your clinician today",
  advise: "Mention to your clinician",
  info: "For your information",
};

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

/**
 * The prompt shown the moment a saved record raised a crisis or urgent
 * alert: what was logged, what to do, and who to call.
 */
export function promptDialog(prompts: Alert[], profile: Profile, openAlerts: () => void): void {
  const crisis = prompts.some((p) => p.severity === "crisis");
  const opener = document.activeElement as HTMLElement | null;
  const dialog = h(
    "dialog",
    { class: `modal prompt ${crisis ? "prompt-crisis" : "prompt-urgent"}`, id: "prompt-dialog", role: "alertdialog", "aria-labelledby": "prompt-title", "aria-describedby": "prompt-body" },
    h("h2", { id: "prompt-title" }, crisis ? "Please reach out now" : "Please contact your clinician"),
    h(
      "div",
      { id: "prompt-body" },
      prompts.map((p) => h("section", { class: `prompt-alert severity-${p.severity}`, "data-rule": p.rule }, h("h3", {}, p.title), h("p", {}, p.message), h("p", { class: "action" }, p.action))),
    ),
    contactCard(profile, crisis),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "prompt-alerts", onclick: () => { dialog.close(); openAlerts(); } }, "Open alerts"),
      h("button", { type: "button", class: "primary", id: "prompt-close", onclick: () => dialog.close() }, "I have read this"),
    ),
  );
  dialog.addEventListener("close", () => {
    dialog.remove();
    opener?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  (dialog.querySelector("#prompt-title") as HTMLElement).setAttribute("tabindex", "-1");
  (dialog.querySelector("#prompt-title") as HTMLElement).focus();
}

/** Milestones: good news to see, not something to act on. */
const GOOD_NEWS = new Set(["mood.response", "mood.remission"]);

/** A milestone, shown as good news; "Noted" files it away. */
function goodNewsCard(ctx: Ctx, alert: Alert, rerender: () => void): HTMLElement {
  const noted = async (): Promise<void> => {
    try {
      ctx.replaceOverview(await call("acknowledge_alert", { alert_id: alert.id, note: "", share_note: false }));
      ctx.notify("Noted.");
      rerender();
    } catch (error) {
      ctx.notify(error instanceof IpcError ? error.message : String(error));
    }
  };
  return h(
    "article",
    { class: "card good-news", "data-rule": alert.rule, "aria-label": alert.title },
    h("h3", {}, alert.title),
    h("p", {}, alert.message),
    h("p", { class: "hint" }, `Since ${formatMoment(alert.first_seen)}.`),
    alert.acknowledged ? null : h("button", { type: "button", class: "noted-button", onclick: () => void noted() }, "Noted"),
  );
}

function alertCard(ctx: Ctx, alert: Alert, rerender: () => void): HTMLElement {
  const problem = statusBox();
  const noteId = `ack-note-${alert.id.replace(/[^a-z0-9]/gi, "-")}`;
  async function acknowledge(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    const note = (document.getElementById(noteId) as HTMLTextAreaElement).value.trim();
    const shareNote = (document.getElementById(`${noteId}-share`) as HTMLInputElement).checked;
    try {
      ctx.replaceOverview(await call("acknowledge_alert", { alert_id: alert.id, note, share_note: shareNote }));
      ctx.notify("Alert acknowledged.");
      rerender();
    } catch (error) {
      showProblem(problem, error instanceof IpcError ? error.message : String(error));
    }
  }
  return h(
    "article",
    { class: `card alert severity-${alert.severity}`, "data-rule": alert.rule, "aria-labelledby": `${noteId}-title` },
    h("p", { class: "severity" }, SEVERITY_LABEL[alert.severity]),
    h("h3", { id: `${noteId}-title` }, alert.title),
    h("p", {}, alert.message),
    h("p", { class: "action" }, alert.action),
    h("p", { class: "hint" }, `Since ${formatMoment(alert.first_seen)}.`),
    alert.acknowledged
      ? h("p", { class: "acknowledged" }, h("strong", {}, `Acknowledged ${formatMoment(alert.acknowledged.at)}: `), alert.acknowledged.note || "(no note)")
      : h(
          "form",
          { class: "acknowledge", onsubmit: (e: Event) => void acknowledge(e) },
          field("What did you do? (optional)", textArea(noteId, "", 2), "For example: called the clinic, appointment on Friday."),
          shareSwitch(`${noteId}-share`, false, "Share this note with my clinician"),
          problem,
          h("button", { type: "submit", class: "acknowledge-button" }, "Acknowledge"),
        ),
  );
}

/** Unacknowledged alerts other than info (so never a milestone), most severe first. */
export function activeAlerts(alerts: Alert[]): Alert[] {
  return alerts.filter((a) => !a.acknowledged && a.severity !== "info");
}

export function alertsScreen(ctx: Ctx): HTMLElement {
  const list = h("div", { id: "alert-list" });
  const render = () => {
    list.replaceChildren();
    const alerts = ctx.overview.alerts;
    const good = alerts.filter((a) => GOOD_NEWS.has(a.rule) && !a.acknowledged);
    const open = alerts.filter((a) => !a.acknowledged && !GOOD_NEWS.has(a.rule));
    // Information (a driving wait, a response not seen yet) is not something to act on.
    const attention = open.filter((a) => a.severity !== "info");
    const info = open.filter((a) => a.severity === "info");
    const done = alerts.filter((a) => a.acknowledged);
    if (good.length) list.append(h("h2", {}, "Good news"), ...good.map((a) => goodNewsCard(ctx, a, render)));
    if (attention.length === 0) list.append(h("p", { class: "card" }, "Nothing in what you logged calls for attention right now."));
    if (attention.length) list.append(h("h2", {}, "Needs your attention"), ...attention.map((a) => alertCard(ctx, a, render)));
    if (info.length) list.append(h("h2", {}, "For your information"), ...info.map((a) => alertCard(ctx, a, render)));
    if (done.length) list.append(h("h2", {}, "Acknowledged"), ...done.map((a) => alertCard(ctx, a, render)));
  };
  render();
  const crisis = ctx.overview.alerts.some((a) => a.severity === "crisis" && !a.acknowledged);
  return h(
    "div",
    { class: "screen alerts" },
    h("h1", {}, "Alerts"),
    h(
      "p",
      { class: "lead" },
      "Ketalog points out patterns in what you logged that clinicians ask patients to report. It does not diagnose anything.",
    ),
    contactCard(ctx.overview.profile, crisis),
    list,
  );
}
