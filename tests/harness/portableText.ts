/** Portable Text as the lake stores it, for test documents: references, spans and blocks. */
export const ref = (id: string) => ({ _type: 'reference', _ref: id })

export const span = (text: string, marks: string[] = [], key = `s${Math.random().toString(36).slice(2, 8)}`) => ({
  _type: 'span',
  _key: key,
  text,
  marks,
})

/** A paragraph; `key` left out gives a block without one, as broken content may have. */
export const block = (key: string | undefined, children: unknown[], extra: Record<string, unknown> = {}) => ({
  _type: 'block',
  ...(key ? { _key: key } : {}),
  style: 'normal',
  markDefs: [],
  children,
  ...extra,
})
