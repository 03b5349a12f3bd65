import { type ExprNode, evaluate, evaluateSync } from 'groq-js'
import type { QueryContext } from '../core/context'
import { LakeError, lakeError } from '../core/errors'
import type { LakeDocument } from '../storage/store'
import { CandidateFinder } from './candidates'
import type { Deadline } from './limits'
import { makePlan, type Plan, planFor, plans, Untestable } from './plan'
import type { DocumentSource } from './source'

/**
 * Evaluates a parsed query with groq-js over the source. Each filtered `*` the planner understands
 * reads from the indexes instead of the dataset (see `makePlan`); groq-js evaluates everything
 * else. The synchronous evaluator is used where it covers the query (it runs the same executors
 * without a promise per value); anything it refuses runs asynchronously.
 */
export async function evaluateQuery(tree: ExprNode, source: DocumentSource, context: QueryContext, deadline?: Deadline): Promise<unknown> {
  const once = readingDatasetOnce(source)
  const watched = deadline ? watchedSource(once, deadline) : once
  try {
    return await run(planFor(tree), watched, context, deadline)
  } catch (err) {
    if (!(err instanceof Untestable)) throw err
    // A filter groq-js cannot test on its own (it uses something only the asynchronous evaluator
    // has, or fails): plan the query again so that groq-js applies every filter itself.
    const plan = makePlan(tree, false)
    plans.set(tree, plan)
    return run(plan, watched, context, deadline)
  }
}

/** The source with its whole dataset read at most once, however many parts of the query ask for it. */
function readingDatasetOnce(source: DocumentSource): DocumentSource {
  let all: readonly LakeDocument[] | undefined
  return {
    ...source,
    all() {
      all ??= source.all()
      return all
    },
  }
}

/** The source with every read counted against the deadline: the dataset and lookups. */
function watchedSource(source: DocumentSource, deadline: Deadline): DocumentSource {
  const get = (id: string) => {
    deadline.step()
    return source.get(id)
  }
  return { ...source, get, all: () => deadline.watch(source.all()) }
}

async function run(plan: Plan, source: DocumentSource, context: QueryContext, deadline: Deadline | undefined): Promise<unknown> {
  const timestamp = new Date()
  const candidates = new CandidateFinder(plan, source, context, timestamp, deadline)
  const options = {
    dataset: plan.readsDataset ? source.all() : [],
    dereference: candidates.dereference,
    sanity: context,
    timestamp,
  }
  if (plan.sync) {
    try {
      return evaluateSync(plan.tree, options).data
    } catch (err) {
      if (err instanceof Untestable || err instanceof LakeError) throw err
      // Not covered by the synchronous evaluator (or an error, which the asynchronous one reports).
      plan.sync = false
    }
  }
  try {
    const value = await evaluate(plan.tree, options)
    return await value.get()
  } catch (err) {
    if (err instanceof Untestable || err instanceof LakeError) throw err
    throw lakeError(400, 'queryError', (err as Error).message)
  }
}
