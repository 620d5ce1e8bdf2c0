import { decodeHTML } from 'entities';
import type { ImageRef } from '../../common/kinds/base.js';
import { sha256Hex } from '../hash.js';
import { BLOB_IMAGE_SRC_PREFIX } from '../../common/articleMarkup.js';
import type { ImageInfo } from '../images/imageInfo.js';
import { judgeImage } from '../images/judgeImage.js';
import { DEFAULT_LOCALIZE_LIMITS } from '../images/limits.js';
import { isRemote, resolveLocal } from './paths.js';
import type { SafeZip } from '../zip/safeZip.js';
import type { ImageSourceMapper } from './xhtml.js';

/**
 * The ingest sanitizer keeps only http(s) and data: image sources, so book images pass through it
 * under an https URL on a reserved, never-resolvable host (RFC 2606 `.invalid`) and are renamed
 * to their blob reference afterwards.
 */
const TRANSIT_PREFIX = 'https://epub.invalid/blob/';

export interface ImageLimits {
  /** Decoded pixels per image: more is a decompression bomb for the board that shows it. */
  maxImagePixels: number;
  /** Longest side in pixels, as for any other image a board shows. */
  maxImageSide: number;
  /** Bytes of a `data:` image inside a chapter. */
  maxDataUrlBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxImagePixels: DEFAULT_LOCALIZE_LIMITS.maxPixels,
  maxImageSide: DEFAULT_LOCALIZE_LIMITS.maxSide,
  maxDataUrlBytes: 8 * 1024 * 1024,
};

interface StoredImage {
  sha256: string;
  info: ImageInfo;
}

/** Collects the book's images as verified blobs, each read and checked once however often it is shown. */
export class BookImages {
  readonly blobs = new Map<string, Buffer>();
  private readonly stored = new Map<string, StoredImage>();
  private readonly byEntry = new Map<string, Promise<StoredImage | null>>();

  constructor(
    private readonly zip: SafeZip,
    private readonly limits: ImageLimits,
    private readonly warn: (message: string) => void,
  ) {}

  /** Reads and checks one archive entry as an image; null (with a warning) when it is not a safe raster image. */
  fromEntry(entry: string): Promise<StoredImage | null> {
    let pending = this.byEntry.get(entry);
    if (!pending) {
      pending = this.zip.read(entry).then((bytes) => this.accept(bytes, entry));
      this.byEntry.set(entry, pending);
    }
    return pending;
  }

  private accept(bytes: Buffer, what: string): StoredImage | null {
    const verdict = judgeImage(bytes, { maxPixels: this.limits.maxImagePixels, maxSide: this.limits.maxImageSide });
    if (!verdict.ok) {
      this.warn(`image ${what} dropped: ${verdict.reason}`);
      return null;
    }
    const image = { sha256: sha256Hex(bytes), info: verdict.info };
    this.blobs.set(image.sha256, bytes);
    this.stored.set(image.sha256, image);
    return image;
  }

  private fromDataUrl(src: string, chapter: string): StoredImage | null {
    const match = /^data:[^,;]*;base64,([A-Za-z0-9+/=\s]*)$/i.exec(src);
    if (!match?.[1] || match[1].length > (this.limits.maxDataUrlBytes * 4) / 3 + 4) {
      this.warn(`an inline image in ${chapter} dropped: not base64 or over ${this.limits.maxDataUrlBytes} bytes`);
      return null;
    }
    return this.accept(Buffer.from(match[1], 'base64'), `inline in ${chapter}`);
  }

  private async resolve(src: string, chapter: string): Promise<StoredImage | null> {
    if (/^\s*data:/i.test(src)) return this.fromDataUrl(src.trim(), chapter);
    const local = resolveLocal(chapter, src);
    if (local && this.zip.names.has(local)) return this.fromEntry(local);
    // A board never hot-links, and EPUB allows remote resources only for audio, video and fonts.
    if (isRemote(src)) this.warn(`remote image ${src} in ${chapter} dropped: a book must carry its images`);
    else this.warn(`image ${src} in ${chapter} dropped: the EPUB does not contain it`);
    return null;
  }

  /** Loads every image a chapter names and returns the mapper its serializer uses. */
  async mapperFor(chapter: string, sources: readonly string[]): Promise<ImageSourceMapper> {
    const resolved = new Map<string, StoredImage | null>();
    for (const src of new Set(sources)) resolved.set(src, await this.resolve(src, chapter));
    return (src) => {
      const image = resolved.get(src);
      return image ? TRANSIT_PREFIX + image.sha256 : null;
    };
  }

  /**
   * Renames transit sources to blob references in sanitized HTML and lists the images it shows.
   * Any other `<img>` is removed: the book may show only images it carries.
   */
  finalize(html: string): { html: string; images: ImageRef[] } {
    const images = new Map<string, ImageRef>();
    const out = html.replace(/<img\b[^>]*>/g, (tag) => {
      const src = /\ssrc="([^"]*)"/.exec(tag)?.[1] ?? '';
      const image = src.startsWith(TRANSIT_PREFIX) ? this.stored.get(src.slice(TRANSIT_PREFIX.length)) : undefined;
      if (!image) return '';
      const alt = decodeHTML(/\salt="([^"]*)"/.exec(tag)?.[1] ?? '').slice(0, 500);
      if (!images.has(image.sha256)) images.set(image.sha256, this.refOf(image, alt));
      return tag.replace(/\ssrc="[^"]*"/, ` src="${BLOB_IMAGE_SRC_PREFIX}${image.sha256}"`);
    });
    return { html: out, images: [...images.values()] };
  }

  refOf(image: StoredImage, alt: string): ImageRef {
    return { sha256: image.sha256, width: image.info.width, height: image.info.height, ...(alt ? { alt } : {}) };
  }

  mediaTypeOf(sha256: string): string | undefined {
    return this.stored.get(sha256)?.info.mediaType;
  }
}
