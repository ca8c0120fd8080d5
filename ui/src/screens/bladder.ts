// The bladder diary: one entry per day. Quick yes/no answers first.
import type { BladderDay } from "../bindings";
import type { Ctx } from "../app";
import { h } from "../dom";
import { FormError, NIL_ID, actionBar, checkbox, field, guardEnter, inputOf, numberInput, readChecked, readNumber, readScale, readText, scale, shareSwitch, showError, statusBox, textArea } from "../forms";
import { factsNote } from "../guides";
import { deleteButton } from "../records";
import { call } from "../ipc";
import { dayOf } from "../time";

/** The diary entry of the day of `at`, if one was written. */
export async function diaryDay(at: string): Promise<BladderDay | undefined> {
  return (await call("diary_day", { day: dayOf(at) })) ?? undefined;
}

/** The inputs whose ids do not follow the field paths. */
const BLADDER_INPUTS: Record<string, string> = {
  date: "bladder-date",
  visible_blood: "bladder-blood",
};

export function bladderScreen(ctx: Ctx, existing?: BladderDay): HTMLElement {
  const problem = statusBox();
  const today = dayOf(ctx.overview.now);
  const initialDay = existing?.date ?? today;
  const entryFor = async (day: string) => (day === existing?.date ? existing : ((await call("diary_day", { day })) ?? undefined));

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    problem.hidden = true;
    try {
      const date = (document.getElementById("bladder-date") as HTMLInputElement).value;
      if (!date) throw new FormError("bladder-date", "Enter the day.");
      const stored = await entryFor(date);
      const record: BladderDay = {
        id: stored?.id ?? NIL_ID,
        date,
        day_voids: readNumber("bladder-day-voids", "Daytime", { integer: true }),
        night_voids: readNumber("bladder-night-voids", "Night-time", { integer: true }),
        urgency: readScale("bladder-urgency"),
        pain: readScale("bladder-pain"),
        burning: readChecked("bladder-burning"),
        visible_blood: readChecked("bladder-blood"),
        cloudy: readChecked("bladder-cloudy"),
        leakage: readChecked("bladder-leakage"),
        notes: readText("bladder-notes"),
        share_notes: readChecked("bladder-share"),
      };
      const saved = await call("save_record", { record: { kind: "bladder", record } });
      ctx.saved(saved, stored ? "Diary day updated." : "Diary day saved.");
      ctx.go("today");
    } catch (error) {
      showError(problem, error, (path) => inputOf("bladder", path, BLADDER_INPUTS));
    }
  }

  const dateInput = h("input", { id: "bladder-date", type: "date", value: initialDay, max: today });
  dateInput.addEventListener("change", () => {
    void entryFor(dateInput.value).then((other) => {
      if (other && other.id !== existing?.id) ctx.go("bladder", { kind: "bladder", record: other });
    });
  });

  const e = existing;
  const form = h(
    "form",
    { class: "screen bladder", id: "bladder-form", onsubmit: (ev: Event) => void submit(ev), novalidate: true },
    h("h1", {}, "Bladder diary"),
    h("p", { class: "lead" }, "One entry a day. Changes caught early can heal, so note anything new."),
    h(
      "section",
      { class: "card" },
      field("Day", dateInput, e ? "This day already has an entry; saving updates it." : undefined),
      h(
        "div",
        { class: "row" },
        field("Times you passed urine in the day", numberInput("bladder-day-voids", e?.day_voids, { min: 0, max: 60 })),
        field("Times you got up at night to pass urine", numberInput("bladder-night-voids", e?.night_voids, { min: 0, max: 20 })),
      ),
      h(
        "fieldset",
        { class: "choices" },
        h("legend", {}, "Did you notice any of these?"),
        h(
          "div",
          { class: "check-grid" },
          checkbox("bladder-blood", "Visible blood in urine", e?.visible_blood ?? false),
          checkbox("bladder-burning", "Burning when passing urine", e?.burning ?? false),
          checkbox("bladder-cloudy", "Cloudy urine", e?.cloudy ?? false),
          checkbox("bladder-leakage", "Leakage", e?.leakage ?? false),
        ),
      ),
      scale("bladder-urgency", "Urgency (a sudden need to go that is hard to hold)", 0, 4, e?.urgency, ["0 none", "4 severe"], "higher-worse"),
      scale("bladder-pain", "Bladder pain", 0, 10, e?.pain, ["0 none", "10 worst"], "higher-worse"),
      field("Notes", textArea("bladder-notes", e?.notes, 2)),
      shareSwitch("bladder-share", e?.share_notes ?? false),
    ),
    problem,
    actionBar(h("button", { type: "submit", class: "primary", id: "bladder-save" }, e ? "Save changes" : "Save diary day"), h("button", { type: "button", onclick: () => ctx.go("today") }, "Cancel"), e ? deleteButton(ctx, e.id, "diary day") : null),
  );
  form.append(factsNote("bladder-facts", "bladder", "What to watch for"));
  guardEnter(form);
  return form;
}
