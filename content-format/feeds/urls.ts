/** `value` resolved against `base` when it is an http(s) URL (absolute or relative to an http(s) base); else null. */
export function httpUrl(value: string | undefined, base?: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base ?? undefined);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.href.length <= 4_000 ? url.href : null;
  } catch {
    return null;
  }
}

/** An xml:base (possibly relative) applied on top of the base in force; the base in force when it is unusable. */
export function withBase(base: string | null, xmlBase: string | undefined): string | null {
  return httpUrl(xmlBase, base) ?? base;
}
