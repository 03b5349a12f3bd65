import { randomBytes } from 'node:crypto'

/**
 * The secret prefix of the references the planner puts in a query's tree in place of a site's `*`
 * (see plan.ts): random per process, so no stored reference can hold it.
 */
export const TAG = `\u0000lake-candidates-${randomBytes(12).toString('hex')}:`
/** The whole dataset, where a site falls back to it. */
export const ALL_TAG = `${TAG}all`
/** A hoisted sub-query's value (see hoist.ts). */
export const MEMO_TAG = `${TAG}memo:`
/** After a memo's tag: the id that follows is looked up among the memo's values. */
export const MEMBER_OF = ':has:'
