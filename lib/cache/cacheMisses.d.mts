export const MISSES_MAX_ITEMS: number
export function isMiss(value: { kind?: string; status?: number; data?: { body?: string } } | null | undefined): boolean
type Handler = {
  name?: string
  get(key: string, ctx: unknown): Promise<unknown>
  set(key: string, data: unknown, ctx?: unknown): Promise<void>
  revalidateTag(tag: string): Promise<void>
  delete?(key: string): Promise<void>
}
export function pagesApartFromMisses(pages: Handler, misses: Handler): Required<Handler>
