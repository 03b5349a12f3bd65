import { scaleBand, scaleLinear } from 'd3-scale'
import type { ChartPoint } from '@/lib/figures/chartData'
import { formatUsd } from '@/lib/figures/money'
import { formatPeriod, formatPeriodShort } from '@/lib/figures/period'

const WIDTH = 640
const HEIGHT = 280
const MARGIN = { top: 16, right: 12, bottom: 44, left: 92 }

/**
 * A column chart drawn on the server as SVG (d3-scale for the geometry, no client JavaScript).
 * Missing periods stay empty and are marked "no data". The chart's text equivalent is its
 * title and description here, and the table that always accompanies it.
 */
export function SeriesChart({ id, title, points }: { id: string; title: string; points: ChartPoint[] }) {
  if (points.length === 0) return null
  const values = points.flatMap((p) => (p.value === undefined ? [] : [p.value]))
  const x = scaleBand<string>()
    .domain(points.map((p) => p.period))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2)
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(0, ...values)])
    .nice(4)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top])
  const zero = y(0)
  const labelEvery = Math.ceil(points.length / 8)
  const missing = points.filter((p) => p.value === undefined).map((p) => formatPeriod(p.period))
  const description = [
    points.flatMap((p) => (p.value === undefined ? [] : [`${formatPeriod(p.period)}: ${formatUsd(p.value)}`])).join('; '),
    missing.length > 0 ? `No data for ${missing.join(', ')}.` : '',
  ].join('. ')
  return (
    <svg className="series-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {y.ticks(4).map((tick) => (
        <g key={tick} className="series-chart__grid">
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
          <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
            {formatUsd(tick)}
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const left = x(p.period) ?? 0
        const centre = left + x.bandwidth() / 2
        return (
          <g key={p.period}>
            {p.value === undefined ? (
              <text className="series-chart__missing" x={centre} y={zero - 6} textAnchor="middle">
                no data
              </text>
            ) : (
              <rect
                className="series-chart__bar"
                x={left}
                width={x.bandwidth()}
                y={Math.min(y(p.value), zero)}
                height={Math.abs(y(p.value) - zero)}
              />
            )}
            {i % labelEvery === 0 && (
              <text className="series-chart__label" x={centre} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle">
                {formatPeriodShort(p.period)}
              </text>
            )}
          </g>
        )
      })}
      <line className="series-chart__axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={zero} y2={zero} />
    </svg>
  )
}
