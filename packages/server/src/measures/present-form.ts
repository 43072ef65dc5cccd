import {
  RAPPORT_MEASURE_LABEL,
  REPAIR_FIELD,
  type AdministrationMoment,
  type AnswerValue,
  type Answers,
  type InstrumentDefinition,
  type ItemDefinition,
  type ShownVersion,
} from '@rapport/core';
import type { InstrumentFormView, InstrumentItemView } from '@rapport/web';

/** What the client reads about when to answer. */
export const MOMENT_NOTE: Readonly<Record<AdministrationMoment, string>> = {
  'check-in': 'Before your session: please answer before you meet your counsellor.',
  'check-out': 'After your session: please answer soon after it ends.',
  deferred: 'About your most recent session: answer now that you have had a day to let it settle.',
};

/** A stored answer back as the string a form posts, so a draft or a refused post refills the page. */
export function formValue(a: AnswerValue | undefined): string | undefined {
  if (!a) return undefined;
  switch (a.kind) {
    case 'option':
      return a.code;
    case 'number':
      return String(a.value);
    case 'boolean':
      return a.value ? 'yes' : 'no';
    case 'text':
      return a.value;
  }
}

/** Form values from stored answers. */
export const formValues = (answers: Answers): Record<string, string> =>
  Object.fromEntries(
    Object.entries(answers).flatMap(([k, v]) => (formValue(v) === undefined ? [] : [[k, formValue(v) ?? '']])),
  );

function itemView(
  version: ShownVersion,
  item: ItemDefinition,
  value: string | undefined,
  error: string | undefined,
): InstrumentItemView {
  const words = version.content.items[item.id];
  const trigger = item.enableWhen;
  const base = {
    id: item.id,
    text: words?.text ?? item.id,
    required: item.required,
    value,
    error,
    followUp: trigger
      ? {
          question: version.content.items[trigger.itemId]?.text ?? trigger.itemId,
          answer: trigger.answer ? 'Yes' : 'No',
        }
      : undefined,
  };
  const r = item.response;
  switch (r.kind) {
    case 'likert':
    case 'choice': {
      const choices = r.options.map((o, i) => ({ value: o.code, label: words?.optionLabels?.[i] ?? o.code }));
      return { ...base, kind: 'choices', choices, words: choices.some((c) => !/^\d+$/.test(c.label)) };
    }
    case 'scale':
      return {
        ...base,
        kind: 'scale',
        min: r.min,
        max: r.max,
        lowAnchor: words?.lowAnchor,
        highAnchor: words?.highAnchor,
      };
    case 'slider': {
      // With scripts off a slider cannot be left unanswered or read out well: draw its fallback.
      if (r.fallback === 'number-input') {
        return {
          ...base,
          kind: 'number',
          min: r.min,
          max: r.max,
          step: r.step,
          lowAnchor: words?.lowAnchor,
          highAnchor: words?.highAnchor,
        };
      }
      const steps = Math.round((r.max - r.min) / r.step);
      const choices = Array.from({ length: steps + 1 }, (_, i) => {
        const v = String(Number((r.min + i * r.step).toFixed(6)));
        return { value: v, label: v };
      });
      return { ...base, kind: 'choices', choices, words: false };
    }
    case 'yes-no':
      return {
        ...base,
        kind: 'choices',
        choices: [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ],
        words: false,
      };
    case 'text':
      return { ...base, kind: 'text', maxLength: r.maxLength };
  }
}

/**
 * The one question added to a client's check while a rupture is open: optional, in plain words,
 * the same for every age group. What the answer does is core's (`withClientAnswers`).
 */
export function repairQuestionItem(value: string | undefined, error: string | undefined): InstrumentItemView {
  return {
    id: REPAIR_FIELD,
    kind: 'choices',
    text: 'Since your last session, do things feel better between you and your counsellor? (You can skip this one.)',
    required: false,
    value,
    error,
    words: true,
    choices: [
      { value: 'better', label: 'Yes, better' },
      { value: 'same', label: 'About the same' },
      { value: 'worse', label: 'Worse' },
    ],
  };
}

/** The client's form for one instrument version, refilled with `values` and marked with `errors`. */
export function presentInstrumentForm(input: {
  readonly action: string;
  readonly def: InstrumentDefinition;
  readonly version: ShownVersion;
  readonly moment: AdministrationMoment;
  readonly values: Readonly<Record<string, string>>;
  readonly errors?: Readonly<Record<string, string>>;
  readonly problem?: string;
  readonly draftSaved?: boolean;
  /** Ask the client, beside the instrument, whether things feel better after a rupture. */
  readonly repairQuestion?: boolean;
  /** From the ending: what was agreed about the last session, or what to say instead of the session moment. */
  readonly ending?: { readonly momentNote?: string; readonly endingNote?: string };
}): InstrumentFormView {
  const { def, version } = input;
  return {
    action: input.action,
    title: version.content.title,
    instructions: version.content.instructions,
    momentNote: input.ending?.momentNote ?? MOMENT_NOTE[input.moment],
    ...(input.ending?.endingNote ? { endingNote: input.ending.endingNote } : {}),
    stem: version.content.stem,
    pictorial: version.presentation === 'pictorial',
    items: def.items.map((i) => itemView(version, i, input.values[i.id], input.errors?.[i.id])),
    label: def.provenance.kind === 'rapport' ? RAPPORT_MEASURE_LABEL : null,
    copyright: def.licence.copyright,
    problem: input.problem,
    ...(input.draftSaved ? { draftSaved: true } : {}),
    ...(input.repairQuestion
      ? { extra: [repairQuestionItem(input.values[REPAIR_FIELD], input.errors?.[REPAIR_FIELD])] }
      : {}),
  };
}
