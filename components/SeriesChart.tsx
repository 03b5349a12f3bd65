import { scaleBand, scaleLinear } from 'd3-scale'
import type { ChartPoint } from '@/lib/figures/chartData'
import { formatUsd } from '@/lib/figures/money'
import { axisLabel, formatPeriod } from '@/lib/figures/period'

const HEIGHT = 240
const PLOT = { top: 24, bottom: HEIGHT - 40 }
/** A value too small to see at the chart's scale is still drawn this tall, so it never looks missing. */
export const SMALLEST_BAR_PX = 3

/**
 * A column chart drawn on the server as SVG (d3-scale for the geometry, no client JavaScript).
 * The SVG has no viewBox: positions across are percentages of its width and text is in CSS
 * pixels, so on a 320 px phone the labels stay as large as on a desktop instead of shrinking
 * with the drawing. A value too small to see gets a bar of SMALLEST_BAR_PX; a missing period
 * gets an empty dashed box, never a bar; the legend says which is which. The chart's text
 * equivalent is its title and description here, and the table that always accompanies it.
 */
export function SeriesChart({ id, title, points }: { id: string; title: string; points: ChartPoint[] }) {
  if (points.length === 0) return null
  const values = points.flatMap((p) => (p.value === undefined ? [] : [p.value]))
  // Across, in percent of the width.
  const x = scaleBand<string>()
    .domain(points.map((p) => p.period))
    .range([0, 100])
    .padding(0.2)
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(0, ...values)])
    .nice(4)
    .range([PLOT.bottom, PLOT.top])
  const zero = y(0)
  const labelEvery = points.length <= 8 ? 1 : points.length <= 16 ? 2 : 3
  const missing = points.filter((p) => p.value === undefined).map((p) => formatPeriod(p.period))
  const tiny = points.filter((p) => p.value !== undefined && p.value !== 0 && Math.abs(y(p.value) - zero) < SMALLEST_BAR_PX)
  const description = [
    points.flatMap((p) => (p.value === undefined ? [] : [`${formatPeriod(p.period)}: ${formatUsd(p.value)}`])).join('; '),
    missing.length > 0 ? `No data for ${missing.join(', ')}.` : '',
  ].join('. ')
  const pct = (n: number) => `${n}%`
  return (
    <div className="series-chart">
      <svg width="100%" height={HEIGHT} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {y.ticks(4).map((tick) => (
          <line key={tick} className="series-chart__grid" x1="0" x2="100%" y1={y(tick)} y2={y(tick)} />
        ))}
        {points.map((p, i) => {
          const left = x(p.period) ?? 0
          const width = x.bandwidth()
          const label = i % labelEvery === 0 ? axisLabel(p.period, points[i - labelEvery]?.period) : undefined
          const height = p.value === undefined ? 0 : Math.max(Math.abs(y(p.value) - zero), p.value === 0 ? 0 : SMALLEST_BAR_PX)
          return (
            <g key={p.period} data-period={p.period}>
              {p.value === undefined ? (
                <rect className="series-chart__missing" x={pct(left)} width={pct(width)} y={zero - 12} height={12} />
              ) : (
                <rect
                  className={tiny.includes(p) ? 'series-chart__bar series-chart__bar--tiny' : 'series-chart__bar'}
                  x={pct(left)}
                  width={pct(width)}
                  y={p.value < 0 ? zero : zero - height}
                  height={height}
                />
              )}
              {label && (
                <text className="series-chart__label" x={pct(left)} y={PLOT.bottom + 16}>
                  <tspan x={pct(left)}>{label.month}</tspan>
                  {label.year && (
                    <tspan x={pct(left)} dy="14">
                      {label.year}
                    </tspan>
                  )}
                </text>
              )}
            </g>
          )
        })}
        <line className="series-chart__axis" x1="0" x2="100%" y1={zero} y2={zero} />
        {/* Above their gridlines and over the bars, so the axis needs no margin of its own on a narrow screen. */}
        {y.ticks(4).map((tick) => (
          <text key={tick} className="series-chart__tick" x="0" y={y(tick) - 4}>
            {formatUsd(tick)}
          </text>
        ))}
      </svg>
      <ul className="series-chart__legend">
        <li>
          <span className="series-chart__key series-chart__key--bar" aria-hidden="true" /> Reported value
          {tiny.length > 0 &&
            `; too small to see at this scale, drawn ${SMALLEST_BAR_PX} px tall: ${tiny.map((p) => formatPeriod(p.period)).join(', ')}`}
        </li>
        {missing.length > 0 && (
          <li>
            <span className="series-chart__key series-chart__key--missing" aria-hidden="true" /> Not reported (no data, not zero):{' '}
            {missing.join(', ')}
          </li>
        )}
      </ul>
    </div>
  )
}
