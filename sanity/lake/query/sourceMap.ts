import type { ExprNode } from 'groq-js'
import type { QueryContext } from '../core/context'
import { lakeError } from '../core/errors'
import { evaluateQuery } from './evaluate'
import type { Deadline } from './limits'
import type { DocumentSource } from './source'
import { buildSourceMap, type ContentSourceMap } from './sourceMapBuild'
import { DocumentOrigins } from './sourceMapDocuments'
import { markedQuery } from './sourceMapTree'

/** How a map names array items: by `_key` where they have one (`withKeyArraySelector`, what stega asks for), or by index. */
export type SourceMapRequest = { keyed: boolean }

/** The `resultSourceMap` parameter: `true` or `withKeyArraySelector` asks for a map; absent or `false`, none. */
export function sourceMapRequest(value: string | null): SourceMapRequest | undefined {
  if (value === null || value === 'false') return undefined
  if (value === 'true') return { keyed: false }
  if (value === 'withKeyArraySelector') return { keyed: true }
  throw lakeError(400, 'queryError', `Unsupported resultSourceMap "${value}": use true, withKeyArraySelector or false`)
}

/**
 * Evaluates the query and works out its Content Source Map as it goes: the query is evaluated
 * with hidden keys that keep the source of each object it builds (`markedQuery`), and the result
 * is then walked to map what it can trace and to take those keys out (`buildSourceMap`). The
 * result is what `evaluateQuery` gives for the query; the deadline bounds the walk as well.
 */
export async function evaluateWithSourceMap(
  tree: ExprNode,
  source: DocumentSource,
  context: QueryContext,
  request: SourceMapRequest,
  deadline?: Deadline,
): Promise<{ result: unknown; resultSourceMap: ContentSourceMap }> {
  const query = markedQuery(tree)
  const result = await evaluateQuery(query.tree, source, context, deadline)
  return buildSourceMap(result, query, new DocumentOrigins(source, request.keyed, deadline), deadline)
}
