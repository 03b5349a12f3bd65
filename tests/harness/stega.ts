import type { SanityClient } from '@sanity/client'
import { studioPath } from '@sanity/client/csm'
import { stegaClean } from '@sanity/client/stega'
import { vercelStegaDecode } from '@vercel/stega'
import { expect } from 'vitest'

export type ResultPath = (string | number)[]
type Found = { path: ResultPath; value: string }

/** Every string of a query's result, with where it stands. */
export function stringsOf(value: unknown, path: ResultPath = []): Found[] {
  if (typeof value === 'string') return [{ path, value }]
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsOf(item, [...path, i]))
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, child]) => stringsOf(child, [...path, key]))
  return []
}

/** Where a stega string says it came from: the document its Studio link opens, and the path in it. */
export function editTarget(value: string): { documentId: string; type: string; path: string; href: string } | undefined {
  const decoded = vercelStegaDecode<{ origin: string; href: string }>(value)
  if (!decoded) return undefined
  const url = new URL(decoded.href)
  const id = url.searchParams.get('id') ?? ''
  // Without a perspective the Studio opens the draft; `perspective=published` opens the published document.
  const documentId = url.searchParams.get('perspective') === 'published' ? id : `drafts.${id}`
  return { documentId, type: url.searchParams.get('type') ?? '', path: url.searchParams.get('path') ?? '', href: decoded.href }
}

/**
 * Checks that every string of a result that carries stega names the document (read through `raw`,
 * the lake as stored) and the path that hold exactly that string. Returns how many did.
 */
export async function expectStegaPointsAtSources(result: unknown, raw: SanityClient): Promise<number> {
  const documents = new Map<string, Record<string, unknown> | undefined>()
  let encoded = 0
  for (const { path, value } of stringsOf(result)) {
    const target = editTarget(value)
    if (!target) continue
    encoded++
    if (!documents.has(target.documentId)) documents.set(target.documentId, (await raw.getDocument(target.documentId)) ?? undefined)
    const document = documents.get(target.documentId)
    expect(document?._type, `${path.join('.')}: ${target.href}`).toBe(target.type)
    expect(studioPath.get(document, studioPath.fromString(target.path)), `${path.join('.')}: ${target.href}`).toBe(stegaClean(value))
  }
  return encoded
}

/**
 * Any character stega encodes with (@vercel/stega: zero-width space, joiners, word joiner and
 * invisible operators, the byte-order mark, and musical-symbol formatting characters). None of them
 * belongs in text a machine reads: titles, meta tags, JSON-LD, URLs, feeds.
 */
export const STEGA_CHARACTER = /[\u200B-\u200D\u2060-\u2063\uFEFF\u{1D173}-\u{1D17A}]/u
