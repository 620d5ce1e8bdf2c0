import { z } from 'zod';
import { itemIdSchema, paragraphsSchema } from './base.js';

/** Quiz banks: the daily quiz draws its questions from them. */
export const QUIZ_BANK_BODY_MEDIA_TYPE = 'application/vnd.newsboard.quiz-bank+json';

/** Marks each blank in a fill-in prompt; the quiz screen puts an answer field in its place. */
export const QUIZ_BLANK = '____';

const optionIdSchema = z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'option ids are 1–8 ASCII letters or digits');
const optionSchema = z.object({ id: optionIdSchema, text: z.string().min(1).max(500) });
export const quizTagSchema = z.string().min(1).max(50);

const questionBase = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'question ids are ASCII letters, digits and . _ -'),
  prompt: z.string().min(1).max(2_000),
  explanation: z.string().max(5_000),
  tags: z.array(quizTagSchema).max(20),
  /** The article or video the answer comes from; the quiz screen offers to open it. */
  sourceItemId: itemIdSchema.optional(),
});

type Options = { options: { id: string }[] };
function optionIdsUnique(question: Options, ctx: z.RefinementCtx): Set<string> {
  const ids = new Set<string>();
  for (const [index, option] of question.options.entries()) {
    if (ids.has(option.id)) {
      ctx.addIssue({ code: 'custom', path: ['options', index, 'id'], message: `duplicate option ${option.id}` });
    }
    ids.add(option.id);
  }
  return ids;
}

const singleChoiceSchema = questionBase
  .extend({ type: z.literal('single'), options: z.array(optionSchema).min(2).max(10), answer: optionIdSchema })
  .superRefine((question, ctx) => {
    if (!optionIdsUnique(question, ctx).has(question.answer)) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer ${question.answer} is not an option` });
    }
  });

const multipleChoiceSchema = questionBase
  .extend({
    type: z.literal('multiple'),
    options: z.array(optionSchema).min(2).max(10),
    answers: z.array(optionIdSchema).min(1).max(10),
  })
  .superRefine((question, ctx) => {
    const ids = optionIdsUnique(question, ctx);
    const answers = new Set(question.answers);
    if (answers.size !== question.answers.length) {
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'an answer is listed twice' });
    }
    for (const answer of answers) {
      if (!ids.has(answer)) ctx.addIssue({ code: 'custom', path: ['answers'], message: `${answer} is not an option` });
    }
  });

const trueFalseSchema = questionBase.extend({ type: z.literal('true-false'), answer: z.boolean() });

const fillInSchema = questionBase
  .extend({
    type: z.literal('fill-in'),
    /** One entry per blank in the prompt, in order: every spelling accepted for it. */
    blanks: z
      .array(z.object({ accepted: z.array(z.string().min(1).max(200)).min(1).max(20) }))
      .min(1)
      .max(10),
  })
  .superRefine((question, ctx) => {
    const marked = question.prompt.split(QUIZ_BLANK).length - 1;
    if (marked !== question.blanks.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['blanks'],
        message: `the prompt marks ${marked} blanks with ${QUIZ_BLANK} but ${question.blanks.length} are answered`,
      });
    }
  });

export const quizQuestionSchema = z.discriminatedUnion('type', [
  singleChoiceSchema,
  multipleChoiceSchema,
  trueFalseSchema,
  fillInSchema,
]);
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
export type QuizQuestionType = QuizQuestion['type'];

/** List metadata carried inline in the pack item: none beyond the common fields. */
export const quizBankPackFieldsSchema = z.object({});

export const quizBankBodySchema = z
  .object({
    description: paragraphsSchema,
    questions: z.array(quizQuestionSchema).min(1).max(50_000),
  })
  .superRefine((bank, ctx) => {
    const seen = new Set<string>();
    for (const [index, question] of bank.questions.entries()) {
      if (seen.has(question.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'id'],
          message: `duplicate question ${question.id}`,
        });
      }
      seen.add(question.id);
    }
  });
export type QuizBankBody = z.infer<typeof quizBankBodySchema>;

/** A passerby's answer to one question, as the quiz screen collects it. */
export type QuizResponse =
  | { type: 'single'; choice: string }
  | { type: 'multiple'; choices: readonly string[] }
  | { type: 'true-false'; answer: boolean }
  | { type: 'fill-in'; blanks: readonly string[] };

/** Full-width letters and digits, stray spaces and letter case do not make a typed answer wrong. */
function normalizeTyped(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

export function isCorrectAnswer(question: QuizQuestion, response: QuizResponse): boolean {
  switch (question.type) {
    case 'single':
      return response.type === 'single' && response.choice === question.answer;
    case 'multiple': {
      if (response.type !== 'multiple') return false;
      const chosen = new Set(response.choices);
      return chosen.size === question.answers.length && question.answers.every((answer) => chosen.has(answer));
    }
    case 'true-false':
      return response.type === 'true-false' && response.answer === question.answer;
    case 'fill-in':
      return (
        response.type === 'fill-in' &&
        response.blanks.length === question.blanks.length &&
        question.blanks.every((blank, index) =>
          blank.accepted.some((accepted) => normalizeTyped(accepted) === normalizeTyped(response.blanks[index] ?? '')),
        )
      );
  }
}
