import { z } from 'zod';

/**
 * A page's size in PDF points as shown, its /Rotate applied: pdftotext's word boxes are in this
 * space. `quarterTurned` pages are stored sideways, and pdftoppm's scale options apply before it
 * turns them.
 */
const pageSizeSchema = z.object({
  width: z.number().positive().max(200_000),
  height: z.number().positive().max(200_000),
  quarterTurned: z.boolean(),
});
export type PageSize = z.infer<typeof pageSizeSchema>;

const pdfInfoSchema = z.object({
  pages: z.number().int().nonnegative(),
  encrypted: z.boolean(),
  title: z.string().max(2_000),
  author: z.string().max(2_000),
  /** ISO 8601 as `pdfinfo -isodates` prints it, or ''. */
  creationDate: z.string().max(100),
  pageSizes: z.array(pageSizeSchema),
});
export type PdfInfo = z.infer<typeof pdfInfoSchema>;

const PAGE_SIZE = /^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/;
const PAGE_ROTATION = /^Page\s+(\d+) rot:\s+(-?\d+)/;

/** Reads `pdfinfo -isodates -enc UTF-8 -f 1 -l N` output; null when it is not what pdfinfo prints. */
export function parsePdfInfo(output: string): PdfInfo | null {
  const fields = new Map<string, string>();
  const sizes = new Map<number, { width: number; height: number }>();
  const rotations = new Map<number, number>();
  for (const line of output.split('\n')) {
    const size = PAGE_SIZE.exec(line);
    const rotation = PAGE_ROTATION.exec(line);
    if (size) sizes.set(Number(size[1]), { width: Number(size[2]), height: Number(size[3]) });
    else if (rotation) rotations.set(Number(rotation[1]), Number(rotation[2]));
    else {
      const colon = line.indexOf(':');
      if (colon > 0 && !fields.has(line.slice(0, colon)))
        fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
    }
  }
  const pageSizes = [...sizes.entries()]
    .sort(([a], [b]) => a - b)
    .map(([page, { width, height }]) => {
      const quarterTurned = Math.abs(Math.round((rotations.get(page) ?? 0) / 90)) % 2 === 1;
      return quarterTurned ? { width: height, height: width, quarterTurned } : { width, height, quarterTurned };
    });
  const parsed = pdfInfoSchema.safeParse({
    pages: Number(fields.get('Pages') ?? NaN),
    encrypted: (fields.get('Encrypted') ?? '').startsWith('yes'),
    title: fields.get('Title') ?? '',
    author: fields.get('Author') ?? '',
    creationDate: fields.get('CreationDate') ?? '',
    pageSizes,
  });
  return parsed.success ? parsed.data : null;
}
