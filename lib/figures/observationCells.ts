import type { TradeObservation } from '@/lib/content/sanity.types'
import { formatDay } from './dateline'
import { formatUsd } from './money'
import { formatPeriod } from './period'

/** The columns of every table of observations: the data page, a chart's text equivalent, feeds. */
export const OBSERVATION_COLUMNS = ['Period', 'Value (USD)', 'Status', 'Released'] as const

/** A value as the data page and tables show it: "about $21.8 million" where the report gave it as approximate. */
export function observationValue(o: Pick<TradeObservation, 'primaryValue' | 'approximate'>): string {
  if (typeof o.primaryValue !== 'number') return 'not available'
  return `${o.approximate ? 'about ' : ''}${formatUsd(o.primaryValue)}`
}

/** A report's date as the citation gives it: "March 18, 2021", or "October 2020" when only the month is known. */
export function formatReportDate(reportedOn: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(reportedOn)
  if (!match) return reportedOn
  const [, year, month, day] = match
  if (!day) return formatPeriod(`${year}-${month}`)
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  })
}

/** When a value was published: its report's date as cited, else the release date. */
export function releaseDate(o: Pick<TradeObservation, 'releasedAt' | 'citation'>): string {
  if (o.citation?.reportedOn) return formatReportDate(o.citation.reportedOn)
  return o.releasedAt ? formatDay(o.releasedAt) : 'unknown'
}

/** One observation's cells, in house style, in the order of OBSERVATION_COLUMNS. */
export function observationCells(o: TradeObservation): [period: string, value: string, status: string, released: string] {
  return [formatPeriod(o.period ?? ''), observationValue(o), o.status ?? 'unknown', releaseDate(o)]
}
