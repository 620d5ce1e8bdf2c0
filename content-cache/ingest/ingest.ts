import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { DEFAULT_EPUB_LIMITS } from '../../content-format/epub/convert.js';
import { EpubError } from '../../content-format/epub/errors.js';
import { FeedError } from '../../content-format/feeds/errors.js';
import { MAX_FEED_BYTES } from '../../content-format/feeds/limits.js';
import { parseFeedBytes } from '../../content-format/feeds/parseFeed.js';
import { PackError } from '../../content-format/pack/manifest.js';
import { DEFAULT_PDF_LIMITS } from '../../content-format/pdf/convert.js';
import { PdfError } from '../../content-format/pdf/errors.js';
import { PACK_ORIGIN, type ContentWriter } from '../contentWriter.js';
import { importPackDir, importPackZip, importSource, type ImportResult } from '../importPack.js';
import { fetchImagesForIngest, type LocalizeImages } from './articleItems.js';
import { IngestError } from './errors.js';
import { DEFAULT_FETCH_LIMITS, fetchFeed, type FetchLimits } from './fetchFeed.js';
import { memoryPackSource } from './memorySource.js';
import { sourceLocation } from './origins.js';
import { fileKind, textKindOf } from './sniff.js';
import {
  bookSource,
  editionSource,
  feedSource,
  textSource,
  type PreparedSource,
  type SourceSettings,
} from './sources.js';

export interface IngestResult {
  origin: string;
  version: string;
  items: number;
  blobsAdded: number;
  warnings: string[];
}

export interface IngestStore {
  writer: ContentWriter;
  blobs: BlobStore;
}

export interface IngestOptions extends Partial<Omit<SourceSettings, 'localizeImages' | 'now'>> {
  localizeImages?: LocalizeImages;
  fetchLimits?: FetchLimits;
  now?: Date;
}

/** Failures the operator can act on, as one line naming the source; anything else is a bug and propagates. */
const SOURCE_ERRORS = [IngestError, FeedError, PackError, EpubError, PdfError];

async function publish(store: IngestStore, prepared: PreparedSource, now: Date): Promise<IngestResult> {
  const source = memoryPackSource(prepared.converted, now);
  const result = await importSource(source, prepared.origin, store.writer, store.blobs);
  return { origin: prepared.origin, ...result, warnings: prepared.warnings };
}

async function ingestUrl(
  url: URL,
  store: IngestStore,
  settings: SourceSettings,
  limits: FetchLimits,
): Promise<IngestResult> {
  const fetched = await fetchFeed(url, limits);
  let feed;
  try {
    feed = parseFeedBytes(fetched.bytes, { contentType: fetched.contentType, url: fetched.finalUrl });
  } catch (error) {
    if (error instanceof FeedError && error.code === 'unrecognized')
      throw new IngestError(`not a feed: ${error.message}`);
    throw error;
  }
  return publish(store, await feedSource(feed, sourceLocation(url), settings), settings.now);
}

async function readLimited(file: string, size: number, max: number, what: string): Promise<Buffer> {
  if (size > max) throw new IngestError(`${size} bytes, over the ${max}-byte limit for ${what}`);
  return readFile(file);
}

/** Not a pack, PDF or EPUB: a feed when it parses as one, else an article when its name says it is text. */
async function ingestOther(
  file: string,
  size: number,
  modifiedAt: Date,
  store: IngestStore,
  settings: SourceSettings,
): Promise<IngestResult> {
  const bytes = await readLimited(file, size, MAX_FEED_BYTES, 'a feed or an article');
  const location = sourceLocation(file);
  const textKind = textKindOf(file);
  let feed;
  try {
    feed = parseFeedBytes(bytes);
  } catch (error) {
    if (!(error instanceof FeedError) || (!textKind && error.code !== 'unrecognized')) throw error;
    if (!textKind)
      throw new IngestError(
        'unknown file type: not a content pack, feed (RSS, Atom, RDF, JSON Feed), PDF, EPUB, .txt or .html',
      );
    return publish(store, await textSource(bytes, textKind, location, { ...settings, modifiedAt }), settings.now);
  }
  return publish(store, await feedSource(feed, location, settings), settings.now);
}

/** Packs are provisioned content: one origin for all of them, the newest replacing the last. */
function packResult(result: ImportResult): IngestResult {
  return { origin: PACK_ORIGIN, ...result, warnings: [] };
}

async function ingestFile(file: string, store: IngestStore, settings: SourceSettings): Promise<IngestResult> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new IngestError('does not exist');
  if (info.isDirectory()) {
    if (!existsSync(path.join(file, 'pack.json')))
      throw new IngestError('a folder is ingested only as a content pack, and this one has no pack.json');
    return packResult(await importPackDir(file, store.writer, store.blobs));
  }
  if (!info.isFile()) throw new IngestError('not a regular file');
  if (info.size === 0) throw new IngestError('the file is empty');
  switch (await fileKind(file)) {
    case 'pack-zip':
      return packResult(await importPackZip(file, store.writer, store.blobs));
    case 'epub': {
      const bytes = await readLimited(file, info.size, DEFAULT_EPUB_LIMITS.maxArchiveBytes, 'an EPUB');
      return publish(store, await bookSource(bytes, path.basename(file), settings), settings.now);
    }
    case 'pdf': {
      const bytes = await readLimited(file, info.size, DEFAULT_PDF_LIMITS.maxPdfBytes, 'a PDF');
      return publish(store, await editionSource(bytes, settings), settings.now);
    }
    case 'other':
      return ingestOther(file, info.size, info.mtime, store, settings);
  }
}

/**
 * Ingests one source into the kiosk store as its own origin: a content pack (folder or zip), a
 * feed (file or http(s) URL), an EPUB book, a PDF edition, or a .txt/.html article. The kind is
 * judged from the content. Everything is converted in memory, then imported like a pack: blobs
 * verified first, one transaction last, so a failure publishes nothing and leaves no blob behind.
 */
export async function ingest(target: string, store: IngestStore, options: IngestOptions = {}): Promise<IngestResult> {
  const { localizeImages, fetchLimits = DEFAULT_FETCH_LIMITS, now = new Date(), ...rest } = options;
  const settings: SourceSettings = {
    ...rest,
    localizeImages: localizeImages ?? fetchImagesForIngest(store.blobs),
    now,
  };
  const isUrl = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target);
  const label = isUrl ? target : path.resolve(target);
  try {
    if (!isUrl) return await ingestFile(label, store, settings);
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new IngestError('not a valid URL');
    }
    return await ingestUrl(url, store, settings, fetchLimits);
  } catch (error) {
    if (SOURCE_ERRORS.some((type) => error instanceof type))
      throw new IngestError(`${label}: ${(error as Error).message}`);
    throw error;
  }
}
