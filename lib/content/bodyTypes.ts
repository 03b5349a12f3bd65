import type { BlockContent } from './sanity.types'

type BodyBlock = BlockContent[number]
type InlineObject = Extract<NonNullable<Extract<BodyBlock, { _type: 'block' }>['children']>[number], { _type: string }>

/**
 * Every non-text type an article body can hold, from the schema's generated types. Both renderers
 * (components/ArticleBody.tsx for the page, lib/feeds/bodyHtml.ts for feeds) declare their
 * components `satisfies Record<BodyObjectType, …>`: a type added to the schema fails to compile
 * until each of them renders it.
 */
export type BodyObjectType = Exclude<BodyBlock['_type'] | InlineObject['_type'], 'block' | 'span'>
