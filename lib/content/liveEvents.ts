/** A published change the site has revalidated, as open pages are told of it. */
export type ContentChange = { documentId: string; type: string; at: string }

// One bus per server process: route bundles may each load this module, so it lives on globalThis.
const holder = globalThis as { __factlineContentBus?: EventTarget }
holder.__factlineContentBus ??= new EventTarget()
const bus = holder.__factlineContentBus

export function announceContentChange(change: ContentChange): void {
  bus.dispatchEvent(new CustomEvent<ContentChange>('change', { detail: change }))
}

export function onContentChange(listener: (change: ContentChange) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ContentChange>).detail)
  bus.addEventListener('change', handler)
  return () => bus.removeEventListener('change', handler)
}
