import type { QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';

/** Answers as a form or another system hands them in: option codes, numbers, yes/no, text. */
export type RawAnswers = Readonly<Record<string, string | number | boolean>>;

/**
 * Reads the answers out of an R4 QuestionnaireResponse made by any FHIR form
 * filler (our own pages, LHC-Forms, a practice's system), keyed by linkId,
 * which is our item id. Checking and scoring stay with `scoreResponse`, so an
 * answer from outside meets exactly the same rules as one given on our pages.
 */
export function answersFromQuestionnaireResponse(qr: QuestionnaireResponse): RawAnswers {
  const answers: Record<string, string | number | boolean> = {};
  const visit = (items: readonly QuestionnaireResponseItem[] | undefined): void => {
    for (const item of items ?? []) {
      const a = item.answer?.[0];
      const value =
        a?.valueCoding?.code ?? a?.valueInteger ?? a?.valueDecimal ?? a?.valueBoolean ?? a?.valueString ?? undefined;
      if (value !== undefined) answers[item.linkId] = value;
      visit(item.item);
      for (const nested of item.answer ?? []) visit(nested.item);
    }
  };
  visit(qr.item);
  return answers;
}
