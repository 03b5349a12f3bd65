import { type ChartPoint, chartPoints, observationsInWindow } from './chartData'
import { formatUsd } from './money'
import { formatPeriod } from './period'

type Observed = { period?: string | null; primaryValue?: number | null }

/** How many of the series' reported periods the chart shows, up to the chosen one. */
export const RECENT_PERIODS = 12

/** The chart's window: the chosen period and the reported periods before it, gaps between them kept. */
export function recentPoints(observations: Observed[], period: string | undefined): ChartPoint[] {
  const known = observationsInWindow(observations, undefined, period || undefined)
  const first = known[Math.max(0, known.length - RECENT_PERIODS)]?.period
  return first ? chartPoints(observations, first, period || known.at(-1)?.period) : []
}

/** What the chart says to someone who cannot see it: the span, the lowest and highest values, the chosen one. */
export function describeRecent(points: ChartPoint[], chosen: string | undefined): string {
  const known = points.filter((p): p is { period: string; value: number } => p.value !== undefined)
  if (known.length === 0) return 'No reported values before this period.'
  const lowest = known.reduce((a, b) => (b.value < a.value ? b : a))
  const highest = known.reduce((a, b) => (b.value > a.value ? b : a))
  const picked = known.find((p) => p.period === chosen)
  return [
    `${formatPeriod(points[0]?.period ?? '')} to ${formatPeriod(points.at(-1)?.period ?? '')}`,
    `lowest ${formatUsd(lowest.value)} (${formatPeriod(lowest.period)})`,
    `highest ${formatUsd(highest.value)} (${formatPeriod(highest.period)})`,
    ...(picked ? [`${formatPeriod(picked.period)}: ${formatUsd(picked.value)}`] : []),
  ].join('; ')
}
