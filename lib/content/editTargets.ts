import { draftMode } from 'next/headers'
import { createDataAttribute } from 'next-sanity'
import { contentSourceFromEnv } from './config'
import { studioUrlFromEnv } from './studioUrl'

type BodyBlock = { _key?: string | null; _type?: string; children?: unknown }

/** Where a trade fact sits in its article: in the body, in its paragraph, as one of its inline items. */
export const tradeFactPath = (blockKey: string, factKey: string) => `body[_key=="${blockKey}"].children[_key=="${factKey}"]`

/** Each trade fact's key in a body, with the key of the paragraph holding it. */
export function tradeFactBlocks(body: readonly BodyBlock[] | null | undefined): Map<string, string> {
  const blocks = new Map<string, string>()
  for (const block of body ?? []) {
    if (!block._key || !Array.isArray(block.children)) continue
    for (const child of block.children as { _key?: unknown; _type?: unknown }[]) {
      if (child?._type === 'tradeFact' && typeof child._key === 'string') blocks.set(child._key, block._key)
    }
  }
  return blocks
}

/** A `data-sanity` value: the Presentation tool's overlay opens this field of this document in the Studio on a click. */
export function editTarget(document: { _id: string; _type: string }, path: string): string {
  const { projectId, dataset } = contentSourceFromEnv()
  return createDataAttribute({ projectId, dataset, baseUrl: studioUrlFromEnv(), id: document._id, type: document._type, path }).toString()
}

/**
 * The click-to-edit targets of an article's figures, in a draft preview only: readers' pages carry
 * no editing markup. A figure is a number, which stega cannot mark, so each names its trade fact.
 */
export async function figureEditTargets(article: { _id: string; body?: readonly BodyBlock[] | null }) {
  if (!(await draftMode()).isEnabled) return undefined
  const blocks = tradeFactBlocks(article.body)
  return (factKey: string | undefined) => {
    const blockKey = factKey && blocks.get(factKey)
    return blockKey ? editTarget({ _id: article._id, _type: 'article' }, tradeFactPath(blockKey, factKey)) : undefined
  }
}
export type FigureEditTargets = Awaited<ReturnType<typeof figureEditTargets>>
