// Questionnaires: one question per step, large answers, exact published
// wording from the core. Saving a PHQ-9 whose item 9 is above 0 brings up
// the crisis prompt at once.
import type { BladderIndices, GadSeven, PhqNine, Questionnaire, QuestionnaireKind } from "../bindings";
import type { Ctx, Editing } from "../app";
import { clear, h } from "../dom";
import { NIL_ID, showProblem, statusBox } from "../forms";
import { deleteButton } from "../records";
import { call, IpcError } from "../ipc";
import { formatMoment } from "../time";

type Form = "phq9" | "gad7" | "icsi_icpi";

interface Step {
  instrument: Questionnaire;
  index: number | "closing";
}

const FORMS: [Form, string, string][] = [
  ["phq9", "PHQ-9", "Depression: 9 questions about the last 2 weeks"],
  ["gad7", "GAD-7", "Anxiety: 7 questions about the last 2 weeks"],
  ["icsi_icpi", "ICSI / ICPI", "Bladder symptoms and how much they bother you: 8 questions about the last month"],
];

function instrumentsFor(form: Form, all: Questionnaire[]): Questionnaire[] {
  const kinds: QuestionnaireKind[] = form === "icsi_icpi" ? ["icsi", "icpi"] : [form];
  return kinds.map((k) => all.find((q) => q.kind === k)).filter((q): q is Questionnaire => q !== undefined);
}

export function questionnairesScreen(ctx: Ctx, editing?: Editing): HTMLElement {
  const body = h("div", { id: "questionnaire-body" });
  const root = h("div", { class: "screen questionnaires" }, h("h1", {}, "Questionnaires"), body);

  function chooser(all: Questionnaire[]): void {
    clear(body);
    body.append(
      h("p", { class: "lead" }, "One question at a time. You can go back and change an answer before saving."),
      h(
        "ul",
        { class: "choose-form" },
        FORMS.map(([form, name, about]) =>
          h(
            "li",
            {},
            h("button", { type: "button", class: "big-choice", id: `start-${form}`, onclick: () => run(form, all) }, h("strong", {}, name), h("span", {}, about)),
          ),
        ),
      ),
    );
  }

  function run(form: Form, all: Questionnaire[], existing?: Editing): void {
    const instruments = instrumentsFor(form, all);
    const answers: (number | null)[][] = instruments.map((q) => q.items.map(() => null));
    let difficulty: number | null = null;
    if (existing?.kind === "phq9") {
      answers[0] = [...existing.record.items];
      difficulty = existing.record.difficulty;
    } else if (existing?.kind === "gad7") {
      answers[0] = [...existing.record.items];
    } else if (existing?.kind === "icsi_icpi") {
      answers[0] = [...existing.record.icsi];
      answers[1] = [...existing.record.icpi];
    }
    const steps: Step[] = instruments.flatMap((instrument) => [
      ...instrument.items.map((_, index) => ({ instrument, index }) as Step),
      ...(instrument.closing ? [{ instrument, index: "closing" } as Step] : []),
    ]);
    let at = 0;
    const problem = statusBox();

    const scored = steps.filter((st) => st.index !== "closing").length;
    function progressText(step: Step): string {
      if (step.index === "closing") return `${step.instrument.name}: one last question`;
      const n = steps.slice(0, at + 1).filter((st) => st.index !== "closing").length;
      return `${step.instrument.name}: question ${n} of ${scored}`;
    }

    function answerOf(step: Step): number | null {
      const which = instruments.indexOf(step.instrument);
      return step.index === "closing" ? difficulty : (answers[which]?.[step.index] ?? null);
    }

    function setAnswer(step: Step, value: number): void {
      const which = instruments.indexOf(step.instrument);
      if (step.index === "closing") difficulty = value;
      else (answers[which] as (number | null)[])[step.index] = value;
    }

    function show(): void {
      clear(body);
      if (at >= steps.length) return summary();
      const step = steps[at] as Step;
      const question = step.index === "closing" ? step.instrument.closing : step.instrument.items[step.index];
      if (!question) return;
      const name = `answer-${at}`;
      const optional = step.index === "closing";
      const next = h("button", { type: "submit", class: "primary", id: "question-next" }, at + 1 === steps.length ? "Review" : "Next");
      const form = h(
        "form",
        {
          class: "card question",
          id: "question-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            const picked = document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
            if (!picked && !optional) {
              showProblem(problem, "Choose the answer that fits best.");
              return;
            }
            if (picked) setAnswer(step, Number(picked.value));
            at += 1;
            show();
          },
        },
        h("p", { class: "progress", id: "question-progress" }, progressText(step)),
        h(
          "fieldset",
          { class: "answers" },
          h("legend", {}, h("span", { class: "stem" }, step.index === "closing" ? "" : step.instrument.stem), h("span", { class: "question-text", id: "question-text" }, question.question)),
          question.choices.map((choice) => {
            const id = `${name}-${choice.score}`;
            return h(
              "div",
              { class: "answer" },
              h("input", { type: "radio", name, id, value: choice.score, checked: answerOf(step) === choice.score }),
              h("label", { for: id }, choice.label),
            );
          }),
        ),
        optional ? h("p", { class: "hint" }, "This question is optional.") : null,
        problem,
        h(
          "div",
          { class: "actions" },
          at > 0 ? h("button", { type: "button", id: "question-back", onclick: () => { at -= 1; show(); } }, "Back") : h("button", { type: "button", onclick: () => chooser(all) }, "Cancel"),
          next,
        ),
      );
      body.append(form);
      (form.querySelector<HTMLInputElement>("input:checked") ?? form.querySelector<HTMLInputElement>("input"))?.focus();
    }

    async function save(): Promise<void> {
      const complete = (list: (number | null)[] | undefined) => (list ?? []).map((v) => v ?? 0);
      const at_ = existing ? existing.record : null;
      const when = at_ && "at" in at_ ? at_.at : ctx.overview.now;
      const id = at_?.id ?? NIL_ID;
      try {
        let saved;
        if (form === "phq9") {
          const record: PhqNine = { id, at: when, items: complete(answers[0]) as PhqNine["items"], difficulty };
          saved = await call("save_record", { record: { kind: "phq9", record } });
        } else if (form === "gad7") {
          const record: GadSeven = { id, at: when, items: complete(answers[0]) as GadSeven["items"] };
          saved = await call("save_record", { record: { kind: "gad7", record } });
        } else {
          const record: BladderIndices = { id, at: when, icsi: complete(answers[0]) as BladderIndices["icsi"], icpi: complete(answers[1]) as BladderIndices["icpi"] };
          saved = await call("save_record", { record: { kind: "icsi_icpi", record } });
        }
        ctx.saved(saved, `${FORMS.find((f) => f[0] === form)?.[1]} saved.`);
        ctx.go("today");
      } catch (error) {
        showProblem(problem, error instanceof IpcError ? error.message : String(error));
      }
    }

    function summary(): void {
      const totals = instruments.map((q, i) => `${q.name}: ${(answers[i] ?? []).reduce<number>((a, b) => a + (b ?? 0), 0)} of ${q.max_total}`);
      body.append(
        h(
          "section",
          { class: "card", id: "questionnaire-review" },
          h("h2", {}, "Review"),
          totals.map((t) => h("p", { class: "total" }, t)),
          existing ? h("p", { class: "hint" }, `Editing the answers of ${formatMoment(existing.record && "at" in existing.record ? existing.record.at : ctx.overview.now)}.`) : null,
          problem,
          h(
            "div",
            { class: "actions" },
            h("button", { type: "button", onclick: () => { at = steps.length - 1; show(); } }, "Back"),
            h("button", { type: "button", class: "primary", id: "questionnaire-save", onclick: () => void save() }, "Save"),
            existing?.record ? deleteButton(ctx, existing.record.id, "questionnaire") : null,
          ),
          h("p", { class: "hint source" }, instruments.map((q) => q.source).join(" ")),
        ),
      );
      document.getElementById("questionnaire-save")?.focus();
    }

    show();
  }

  call("questionnaires", {})
    .then((all) => {
      const form = editing && (editing.kind === "phq9" || editing.kind === "gad7" || editing.kind === "icsi_icpi") ? editing.kind : null;
      if (form) run(form, all, editing);
      else chooser(all);
    })
    .catch((error: unknown) => {
      body.append(h("p", { class: "problem", role: "alert" }, error instanceof Error ? error.message : String(error)));
    });
  return root;
}
