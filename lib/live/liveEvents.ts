/** A published change the site has revalidated, as open pages are told of it. */
export type ContentChange = { documentId: string; type: string; at: string }

// One bus per server process: route bundles may each load this module, so it lives on globalThis.
const holder = globalThis as { __factlineContentBus?: EventTarget & { latest?: ContentChange } }
holder.__factlineContentBus ??= new EventTarget()
const bus = holder.__factlineContentBus

export function announceContentChange(change: ContentChange): void {
  bus.latest = change
  bus.dispatchEvent(new CustomEvent<ContentChange>('change', { detail: change }))
}

/** The newest change this process announced, for pages that connect after it. */
export function latestContentChange(): ContentChange | undefined {
  return bus.latest
}

export function onContentChange(listener: (change: ContentChange) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ContentChange>).detail)
  bus.addEventListener('change', handler)
  return () => bus.removeEventListener('change', handler)
}
