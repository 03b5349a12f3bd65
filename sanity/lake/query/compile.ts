import { type ExprNode, GroqSyntaxError, parse } from 'groq-js'
import { lakeError, queryParseError } from '../core/errors'
import { nodesOf } from './ast'
import { checkQuerySize, DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits'

const PARSE_CACHE_SIZE = 500
const parsed = new Map<string, ExprNode>()

/**
 * Parses a query with its parameters bound, turning every problem into a 400 the client can show.
 * Trees are cached by query and parameters (and never changed afterwards).
 */
export function compileQuery(query: string, params: Record<string, unknown> = {}, limits: QueryLimits = DEFAULT_QUERY_LIMITS): ExprNode {
  const paramsJson = JSON.stringify(params)
  checkQuerySize(query, paramsJson, limits)
  const key = `${query}\u0000${paramsJson}`
  const cached = parsed.get(key)
  if (cached) {
    parsed.delete(key)
    parsed.set(key, cached)
    return cached
  }
  let tree: ExprNode
  try {
    tree = parse(query, { params })
  } catch (err) {
    if (err instanceof GroqSyntaxError) throw queryParseError(query, err.position, err.message)
    throw lakeError(400, 'queryError', (err as Error).message)
  }
  const missing = nodesOf(tree).find((node) => node.type === 'Parameter')
  if (missing) throw lakeError(400, 'queryError', `param $${String(missing.name)} referenced, but not provided`)
  parsed.set(key, tree)
  if (parsed.size > PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string)
  return tree
}
