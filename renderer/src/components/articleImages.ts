import type { NewsboardBridge } from '../../../common/bridge/api.js';
import type { MediaBlob } from '../../../common/bridge/contract.js';
import { BLOB_IMAGE_SRC } from '../../../common/articleMarkup.js';
import type { ImageRef } from '../../../common/kinds/base.js';

/**
 * Images the page may show: blob-cache references and base64 raster data. Anything else is remote,
 * which the CSP would block anyway; the reader gets a calm placeholder, not a broken icon.
 */
export const LOCAL_IMAGE = /^(?:blob:sha256:[0-9a-f]{64}$|data:image\/(?:png|jpe?g|gif|webp|avif);base64,)/i;

/** Never SVG, even from the blob cache: it is a document, not a picture. */
const SHOWN_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** Blob reads in flight at once, so the first pictures of a long photo story arrive first. */
const READS_AT_ONCE = 4;

interface Waiting {
  image: HTMLImageElement;
  alt: string;
}

/** Images of one fragment waiting for their blob, by sha256. */
export type PendingImages = Map<string, Waiting[]>;

export function imagePlaceholder(document: Document, alt: string): HTMLElement {
  const box = document.createElement('span');
  box.className = 'article-image-missing';
  if (alt.trim() === '') {
    box.setAttribute('aria-hidden', 'true');
  } else {
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', alt.trim());
    box.textContent = alt.trim();
  }
  return box;
}

function showPlaceholders(waiting: readonly Waiting[]): void {
  for (const { image, alt } of waiting) image.replaceWith(imagePlaceholder(image.ownerDocument, alt));
}

/**
 * Takes the blob-cache images out of a fragment's loading path: each loses its `src` until its
 * object URL exists, and its alt text meanwhile (Chromium lays out an unloaded image with alt text
 * as text, and one without as the empty box its width and height reserve). Sizes come from the
 * article's image list when the markup has none, so text below does not jump when a picture lands.
 */
export function takeBlobImages(fragment: DocumentFragment, refs: readonly ImageRef[] = []): PendingImages {
  const sizes = new Map(refs.map((ref) => [ref.sha256, ref]));
  const pending: PendingImages = new Map();
  for (const image of fragment.querySelectorAll('img')) {
    const sha256 = BLOB_IMAGE_SRC.exec(image.getAttribute('src') ?? '')?.[1];
    if (sha256 === undefined) continue;
    const size = sizes.get(sha256);
    if (size && !image.hasAttribute('width') && !image.hasAttribute('height')) {
      image.setAttribute('width', String(size.width));
      image.setAttribute('height', String(size.height));
    }
    const waiting = pending.get(sha256) ?? [];
    waiting.push({ image, alt: image.alt });
    pending.set(sha256, waiting);
    image.removeAttribute('src');
    image.alt = '';
  }
  return pending;
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function objectUrlOf(blob: MediaBlob | null): string | null {
  if (blob === null || !SHOWN_TYPES.has(blob.mediaType)) return null;
  const bytes = bytesOf(blob.base64);
  return bytes && URL.createObjectURL(new Blob([bytes], { type: blob.mediaType }));
}

/**
 * Reads each pending blob once through the bridge and shows it from an object URL; a blob the host
 * will not give, or the browser cannot decode, becomes the alt-text placeholder. Returns the function
 * that stops loading and revokes every URL it made, so a board reading articles all day frees each
 * picture when its article closes.
 */
export function loadBlobImages(bridge: NewsboardBridge | null, pending: PendingImages): () => void {
  const queue = [...pending];
  const urls: string[] = [];
  let stopped = false;

  const show = (waiting: readonly Waiting[], blob: MediaBlob | null): void => {
    if (stopped) return;
    const url = objectUrlOf(blob);
    if (url === null) return showPlaceholders(waiting);
    urls.push(url);
    for (const { image, alt } of waiting) {
      image.addEventListener('error', () => showPlaceholders([{ image, alt }]), { once: true });
      image.alt = alt;
      image.src = url;
    }
  };

  const next = async (): Promise<void> => {
    for (let entry = queue.shift(); entry !== undefined && !stopped; entry = queue.shift()) {
      const [sha256, waiting] = entry;
      const blob = bridge === null ? null : await bridge.invoke('media:read', { sha256 }).catch(() => null);
      show(waiting, blob);
    }
  };
  for (let i = 0; i < READS_AT_ONCE; i += 1) void next();

  return () => {
    stopped = true;
    for (const url of urls) URL.revokeObjectURL(url);
  };
}
