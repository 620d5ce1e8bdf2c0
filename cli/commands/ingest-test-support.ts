import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { ContentReader } from '../../content-cache/contentReader.js';
import { openReader } from '../../content-cache/db/open.js';
import { CliError } from '../args.js';
import { ingestCommand } from './ingest.js';

/** What `newsboard ingest --json` prints. */
export interface IngestJson {
  origin: string;
  version: string;
  items: number;
  blobsAdded: number;
  warnings: string[];
}

/** A kiosk data dir in a temp folder, ingested into through the CLI function as an operator would. */
export class TestKiosk {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'nb-ingest-'));
  readonly dataDir = path.join(this.dir, 'data');

  constructor() {
    mkdirSync(this.dataDir);
  }

  file(name: string, content: string | Uint8Array): string {
    const file = path.join(this.dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  async run(args: string[]): Promise<{ stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    await ingestCommand([...args, '--data-dir', this.dataDir], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { stdout, stderr };
  }

  async json(source: string, ...args: string[]): Promise<IngestJson> {
    return JSON.parse((await this.run([source, '--json', ...args])).stdout) as IngestJson;
  }

  /** The one-line message an ingest that must fail gives the operator. */
  async failure(source: string, ...args: string[]): Promise<string> {
    const error = await this.run([source, ...args]).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
    expect(error.message.split('\n')).toHaveLength(1);
    return error.message;
  }

  read<T>(use: (reader: ContentReader, db: ReturnType<typeof openReader>) => T): T {
    const db = openReader(this.dataDir);
    try {
      return use(new ContentReader(db), db);
    } finally {
      db.close();
    }
  }

  /** Item ids per origin, each sorted, as the store holds them. */
  origins(): Record<string, string[]> {
    return this.read((_, db) => {
      const rows = db.prepare('SELECT origin, id FROM items ORDER BY origin, id').all() as {
        origin: string;
        id: string;
      }[];
      const byOrigin: Record<string, string[]> = {};
      for (const { origin, id } of rows) (byOrigin[origin] ??= []).push(id);
      return byOrigin;
    });
  }

  /** Every file under blobs/, so a failed ingest can be shown to leave none behind. */
  blobFiles(): string[] {
    const root = path.join(this.dataDir, 'blobs');
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort();
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function rss(title: string, entries: readonly { guid: string; title: string; body: string }[]): string {
  const items = entries
    .map(
      (e) =>
        `<item><guid>${e.guid}</guid><title>${e.title}</title><pubDate>Wed, 01 May 2024 08:00:00 +0800</pubDate>` +
        `<description><![CDATA[${e.body}]]></description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title>${items}</channel></rss>`;
}
