import { readdirSync } from 'node:fs';
import path from 'node:path';

/** One feedparser test file: its bytes and what its leading comment says. */
export interface CorpusCase {
  /** Path relative to the corpus root, with `/` separators. */
  name: string;
  /** The folder the file sits in: the category the report counts by. */
  category: string;
  bytes: Buffer;
  description: string;
  /** The Python expression feedparser's result must satisfy, or null when the file has none. */
  expect: string | null;
  /** `Header:` lines: the HTTP headers feedparser's test server sends with the file. */
  headers: Record<string, string>;
}

/**
 * The comment as text whatever the file's encoding: UTF-8 when valid, else Latin-1, with NULs
 * dropped so that UTF-16 and UTF-32 files read as their ASCII comment.
 */
function commentText(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  return text.replace(/\0/g, '');
}

export function readCorpusCase(root: string, name: string, bytes: Buffer): CorpusCase {
  const text = commentText(bytes);
  const field = (label: string) => new RegExp(`${label}:[ \\t]*(.*)`).exec(text)?.[1]?.trim();
  const headers: Record<string, string> = {};
  for (const match of text.matchAll(/^Header:[ \t]*([\w-]+):[ \t]*(.*)$/gm)) {
    if (match[1]) headers[match[1].toLowerCase()] = (match[2] ?? '').trim();
  }
  // The JSON case carries its comment inside a string that ends with `-->",`.
  const expect = field('Expect')?.replace(/\s*-->"?,?\s*$/, '') ?? null;
  return {
    name,
    category: path.posix.dirname(name),
    bytes,
    description: field('Description')?.replace(/\s*Expect:.*$/, '') ?? '',
    expect: expect === '' ? null : expect,
    headers,
  };
}

/** Every file under the corpus root except its LICENSE, in a stable order. */
export function listCorpusFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.isFile() && entry.name !== 'LICENSE') files.push(relative);
    }
  };
  walk('');
  return files.sort();
}
