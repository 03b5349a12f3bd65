/** A dated correction or clarification of a story, as every channel shows it; `key` is its array key in the story. */
export type Correction = { key: string; kind: 'correction' | 'clarification'; text: string; date: string }

/** How readers see each kind: on the story, in its JSON-LD and feeds, and on the corrections page. */
export const CORRECTION_LABELS: Record<Correction['kind'], string> = { correction: 'Correction', clarification: 'Clarification' }

/** A story's corrections that are whole, newest first. */
export function correctionsOf(article: {
  corrections?: Array<{ _key: string; kind?: string | null; text?: string | null; date?: string | null }> | null
}): Correction[] {
  return (article.corrections ?? [])
    .flatMap((c) =>
      c.text?.trim() && c.date && !Number.isNaN(Date.parse(c.date))
        ? [{ key: c._key, kind: c.kind === 'clarification' ? 'clarification' : 'correction', text: c.text.trim(), date: c.date } as const]
        : [],
    )
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
}
