/**
 * For a page with a parameter (a story, section, author or series): none is rendered at build
 * time, where the archive's size would decide how long a deploy takes. Each is rendered on its
 * first request and then served from the cache until a publish expires it (lib/content/fetch.ts).
 */
export async function generateStaticParams(): Promise<never[]> {
  return []
}
