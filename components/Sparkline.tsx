import type { ChartPoint } from '@/lib/figures/chartData'
import { formatUsd } from '@/lib/figures/money'
import { formatPeriod } from '@/lib/figures/period'

const WIDTH = 100
const HEIGHT = 30

/**
 * A series' recent values as a line, small enough to sit beside its name in a list: SVG drawn on
 * the server, no axes. A missing period breaks the line rather than joining across it. Its text
 * equivalent names the span and the lowest and highest values; the figures themselves are on the
 * series' page.
 */
export function Sparkline({ points, label }: { points: ChartPoint[]; label: string }) {
  const known = points.flatMap((p, i) => (p.value === undefined ? [] : [{ ...p, value: p.value, i }]))
  const [lowest, highest] = known.reduce<[(typeof known)[number] | undefined, (typeof known)[number] | undefined]>(
    ([low, high], p) => [!low || p.value < low.value ? p : low, !high || p.value > high.value ? p : high],
    [undefined, undefined],
  )
  if (!lowest || !highest || points.length < 2) return null
  const span = highest.value - lowest.value || 1
  const x = (i: number) => (i / (points.length - 1)) * WIDTH
  const y = (value: number) => HEIGHT - 2 - ((value - lowest.value) / span) * (HEIGHT - 4)
  // A new stroke ("M") after every gap, so no line crosses a missing period.
  const path = known
    .map((p, k) => `${k === 0 || known[k - 1]?.i !== p.i - 1 ? 'M' : 'L'}${x(p.i).toFixed(2)},${y(p.value).toFixed(2)}`)
    .join(' ')
  const last = known.at(-1) as (typeof known)[number]
  const description = `${label}, ${formatPeriod(points[0]?.period ?? '')} to ${formatPeriod(points.at(-1)?.period ?? '')}: lowest ${formatUsd(lowest.value)} (${formatPeriod(lowest.period)}), highest ${formatUsd(highest.value)} (${formatPeriod(highest.period)}).`
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={description}>
      <path d={path} vectorEffect="non-scaling-stroke" />
      <circle cx={x(last.i)} cy={y(last.value)} r="1.5" />
    </svg>
  )
}
