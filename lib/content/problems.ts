// Shared by every bundle in the process (pages, route handlers, metadata), which each load their own
// copy of this module: a problem in a story is logged once, whichever of them meets it first.
const REPORTED = Symbol.for('factline.reportedContentProblems')
const store = globalThis as typeof globalThis & { [REPORTED]?: Set<string> }
store[REPORTED] ??= new Set<string>()
const reported = store[REPORTED]

/**
 * Logs a content problem a reader's page worked around (an unresolved figure, an unknown block),
 * once per document, block and problem, so editors can find and fix it.
 */
export function reportContentProblem(problem: { documentId: string; blockKey?: string; message: string }): void {
  const id = `${problem.documentId}|${problem.blockKey ?? ''}|${problem.message}`
  if (reported.has(id)) return
  reported.add(id)
  console.warn(`[content] ${JSON.stringify(problem)}`)
}
