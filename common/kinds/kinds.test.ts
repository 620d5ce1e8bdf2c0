import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bookBodySchema } from './book.js';
import { editionBodySchema, editionPageSchema } from './edition.js';
import { isCorrectAnswer, quizQuestionSchema, type QuizQuestion } from './quiz.js';
import { studyColumnBodySchema } from './study.js';

const problems = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? '' : z.prettifyError(parsed.error);
};
const sha = 'f'.repeat(64);
const page = { number: 1, label: '01', width: 1000, height: 1500, image: { sha256: sha }, regions: [] };

describe('edition pages', () => {
  it('take regions inside the page and refuse one that reaches outside it', () => {
    const inside = {
      articleId: 'a1',
      polygon: [
        [0, 0],
        [1000, 0],
        [1000, 1500],
      ],
    };
    expect(problems(editionPageSchema, { ...page, regions: [inside] })).toBe('');
    expect(
      problems(editionPageSchema, {
        ...page,
        regions: [
          {
            ...inside,
            polygon: [
              [0, 0],
              [1001, 0],
              [0, 5],
            ],
          },
        ],
      }),
    ).toMatch(/region 0 of page 1 lies outside the 1000×1500 page/);
    expect(
      problems(editionPageSchema, {
        ...page,
        regions: [
          {
            ...inside,
            polygon: [
              [0, 0],
              [1, 1],
            ],
          },
        ],
      }),
    ).toMatch(/polygon/);
  });

  it('need an image or a PDF page, and come in printed order without repeats', () => {
    const { image: _image, ...bare } = page;
    expect(problems(editionPageSchema, bare)).toMatch(/page 1 has no image or PDF/);
    expect(problems(editionPageSchema, { ...bare, pdf: { file: { sha256: sha }, pageIndex: 0 } })).toBe('');
    expect(problems(editionBodySchema, { pages: [page, { ...page, number: 8 }] })).toBe('');
    expect(problems(editionBodySchema, { pages: [page, page] })).toMatch(/page 1 follows page 1/);
  });
});

describe('books and study columns', () => {
  it('refuse repeated chapter ids and repeated column entries, and accept only http(s) continue links', () => {
    const chapter = { id: 'c1', title: '一', depth: 0, chapter: { sha256: sha } };
    expect(problems(bookBodySchema, { description: [], chapters: [chapter, chapter] })).toMatch(
      /duplicate chapter id c1/,
    );
    expect(
      problems(bookBodySchema, { description: [], chapters: [chapter], continueUrl: 'javascript:alert(1)' }),
    ).toMatch(/continueUrl/);
    expect(problems(studyColumnBodySchema, { description: [], entries: [{ itemId: 'a' }, { itemId: 'a' }] })).toMatch(
      /a is listed twice/,
    );
  });
});

describe('quiz questions', () => {
  const base = { id: 'q', prompt: '？', explanation: '', tags: [] };
  const options = [
    { id: 'A', text: '甲' },
    { id: 'B', text: '乙' },
    { id: 'C', text: '丙' },
  ];
  const parse = (value: unknown) => quizQuestionSchema.parse(value) as QuizQuestion;

  it('refuse answers that are not options, repeated options, and unknown types', () => {
    expect(problems(quizQuestionSchema, { ...base, type: 'single', options, answer: 'D' })).toMatch(
      /answer D is not an option/,
    );
    expect(problems(quizQuestionSchema, { ...base, type: 'multiple', options, answers: ['A', 'A'] })).toMatch(
      /listed twice/,
    );
    expect(
      problems(quizQuestionSchema, { ...base, type: 'single', options: [options[0], options[0]], answer: 'A' }),
    ).toMatch(/duplicate option A/);
    expect(problems(quizQuestionSchema, { ...base, type: 'essay' })).toMatch(/type/);
  });

  it('mark a single or true/false answer right only when it matches', () => {
    const single = parse({ ...base, type: 'single', options, answer: 'B' });
    expect(isCorrectAnswer(single, { type: 'single', choice: 'B' })).toBe(true);
    expect(isCorrectAnswer(single, { type: 'single', choice: 'A' })).toBe(false);
    const truth = parse({ ...base, type: 'true-false', answer: false });
    expect(isCorrectAnswer(truth, { type: 'true-false', answer: false })).toBe(true);
    expect(isCorrectAnswer(truth, { type: 'single', choice: 'A' })).toBe(false);
  });

  it('mark a multiple choice right only with exactly the right options, in any order', () => {
    const multiple = parse({ ...base, type: 'multiple', options, answers: ['A', 'C'] });
    expect(isCorrectAnswer(multiple, { type: 'multiple', choices: ['C', 'A'] })).toBe(true);
    expect(isCorrectAnswer(multiple, { type: 'multiple', choices: ['A'] })).toBe(false);
    expect(isCorrectAnswer(multiple, { type: 'multiple', choices: ['A', 'B', 'C'] })).toBe(false);
  });

  it('accept a typed answer in full-width digits, with spaces or in another letter case', () => {
    const fill = parse({
      ...base,
      type: 'fill-in',
      prompt: '题库有____道题，简称____。',
      blanks: [{ accepted: ['20700'] }, { accepted: ['XXQG'] }],
    });
    expect(isCorrectAnswer(fill, { type: 'fill-in', blanks: ['２０７００', ' xxqg '] })).toBe(true);
    expect(isCorrectAnswer(fill, { type: 'fill-in', blanks: ['20700'] })).toBe(false);
    expect(isCorrectAnswer(fill, { type: 'fill-in', blanks: ['20701', 'xxqg'] })).toBe(false);
  });
});
