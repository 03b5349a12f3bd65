import { formatUsd } from '@/lib/figures/money'
import type { ImportProblem } from './comtradeRows'
import type { ImportSummary } from './importTrade'
import type { SeriesPlan } from './seriesPlan'

/**
 * "imports.csv, line 4, field primaryValue: must be a number of US dollars, got "abc"", or for
 * JSON "comtrade.json, data[41] (line 1, column 9021), field period: …".
 */
export function describeProblem(p: ImportProblem): string {
  const position = p.line === undefined ? '' : p.column === undefined ? `line ${p.line}` : `line ${p.line}, column ${p.column}`
  const place = p.record ? `${p.record}${position ? ` (${position})` : ''}` : position
  const where = [p.file, place, p.field ? `field ${p.field}` : ''].filter(Boolean)
  return `${where.join(', ')}: ${p.message}`
}

const MARK = { created: '+', revised: '~', recited: '~', unchanged: '=' } as const

/** The changes an import makes, one line per observation that changes, values in house style. */
export function describePlans(plans: SeriesPlan[]): string[] {
  return plans.flatMap((plan) => {
    const changed = plan.changes.filter((c) => c.kind !== 'unchanged')
    if (changed.length === 0) return [`= ${plan.id}: unchanged`]
    const heading = `${plan.action === 'create' ? '+' : '~'} ${plan.id}${plan.action === 'create' ? ' (new series)' : ''}`
    return [
      heading,
      ...changed.map((c) =>
        c.kind === 'revised'
          ? `    ${MARK.revised} ${c.period}: ${formatUsd(c.previous)} → ${formatUsd(c.value)} (revised)`
          : `    ${MARK[c.kind]} ${c.period}: ${formatUsd(c.value)}${c.kind === 'recited' ? ' (same value, new citation)' : ''}`,
      ),
    ]
  })
}

export function describeSummary({ series, observations }: ImportSummary): string {
  return (
    `series: ${series.create} created, ${series.update} updated, ${series.unchanged} unchanged; ` +
    `observations: ${observations.created} created, ${observations.revised} revised, ${observations.recited ? `${observations.recited} cited anew, ` : ''}${observations.unchanged} unchanged`
  )
}
