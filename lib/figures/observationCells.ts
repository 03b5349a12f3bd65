import type { TradeObservation } from '@/lib/content/sanity.types'
import { formatDay } from './dateline'
import { formatUsd } from './money'
import { formatPeriod } from './period'

/** The columns of every table of observations: the data page, a chart's text equivalent, feeds. */
export const OBSERVATION_COLUMNS = ['Period', 'Value (USD)', 'Status', 'Released'] as const

/** One observation's cells, in house style, in the order of OBSERVATION_COLUMNS. */
export function observationCells(o: TradeObservation): [period: string, value: string, status: string, released: string] {
  return [
    formatPeriod(o.period ?? ''),
    typeof o.primaryValue === 'number' ? formatUsd(o.primaryValue) : 'not available',
    o.status ?? 'unknown',
    o.releasedAt ? formatDay(o.releasedAt) : 'unknown',
  ]
}
