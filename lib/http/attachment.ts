/**
 * An attachment's name as RFC 6266 gives it: an ASCII fallback, and the real name in UTF-8. A header
 * holds only Latin-1, so a non-ASCII slug written in as it is made the download fail with a 500.
 */
export function attachment(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7E]|["\\]/g, '_')
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}
