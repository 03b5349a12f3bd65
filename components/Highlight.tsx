import { highlight } from '@/lib/site/search'

/** Text with the words a reader searched for in `<mark>`; the text is rendered as text, never as markup. */
export function Highlight({ text, words }: { text: string; words: string[] }) {
  return highlight(text, words).map((run, i) =>
    // Runs never change order within one render, so their place is their key.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    run.match ? <mark key={i}>{run.text}</mark> : run.text,
  )
}
