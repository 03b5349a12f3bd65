const reported = new Set<string>()

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
