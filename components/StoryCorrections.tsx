import { CORRECTION_LABELS, type Correction } from '@/lib/feeds/corrections'
import { formatDateline } from '@/lib/figures/dateline'

/** A story's corrections and clarifications, newest first, each dated, at the end of the story. */
export function StoryCorrections({ corrections }: { corrections: Correction[] }) {
  if (corrections.length === 0) return null
  return (
    <aside className="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections and clarifications</h2>
      <ul>
        {corrections.map((c) => (
          <li key={c.key} id={`correction-${c.key}`}>
            <strong>{CORRECTION_LABELS[c.kind]}</strong>, <time dateTime={c.date}>{formatDateline(c.date)}</time>: {c.text}
          </li>
        ))}
      </ul>
    </aside>
  )
}
