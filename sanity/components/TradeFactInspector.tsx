import { Box, Card, Flex, Stack, Text } from '@sanity/ui'
import { scaleBand, scaleLinear } from 'd3-scale'
import { useEffect, useState } from 'react'
import { combineLatest } from 'rxjs'
import { type ObjectInputProps, useClient, useFormValue } from 'sanity'
import { IntentLink } from 'sanity/router'
import { API_VERSION } from '../../lib/content/config'
import { CITING_STORIES_QUERY, SERIES_FOR_FACTS_QUERY } from '../../lib/content/queries'
import type { CITING_STORIES_QUERY_RESULT, TradeObservation } from '../../lib/content/sanity.types'
import type { ChartPoint } from '../../lib/figures/chartData'
import { formatDay } from '../../lib/figures/dateline'
import { formatUsd } from '../../lib/figures/money'
import { formatPeriod } from '../../lib/figures/period'
import { describeRecent, recentPoints } from '../../lib/figures/recentValues'
import type { SeriesForFacts } from '../../lib/figures/resolveTradeFact'
import { citationSummary } from './CitingStoriesNotice'

type FactValue = { series?: { _ref?: string }; period?: string }
type Inspected = { series: SeriesForFacts | undefined; citing: CITING_STORIES_QUERY_RESULT }

const WIDTH = 320
const HEIGHT = 96

function RecentValuesChart({ points, chosen }: { points: ChartPoint[]; chosen: string | undefined }) {
  const x = scaleBand(
    points.map((p) => p.period),
    [0, WIDTH],
  ).padding(0.2)
  const y = scaleLinear([0, Math.max(...points.map((p) => p.value ?? 0), 1)], [HEIGHT, 4]).nice()
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={describeRecent(points, chosen)}>
      {points.map((p) =>
        p.value === undefined ? (
          // A period nobody reported: an outline, not a zero.
          <rect
            key={p.period}
            x={x(p.period)}
            y={HEIGHT - 12}
            width={x.bandwidth()}
            height={12}
            fill="none"
            stroke="currentColor"
            strokeDasharray="2 2"
            opacity={0.5}
          />
        ) : (
          <rect
            key={p.period}
            x={x(p.period)}
            y={Math.min(y(p.value), HEIGHT - 2)}
            width={x.bandwidth()}
            height={Math.max(HEIGHT - y(p.value), 2)}
            fill="currentColor"
            opacity={p.period === chosen ? 1 : 0.35}
          />
        ),
      )}
    </svg>
  )
}

function ObservationStatus({ observation }: { observation: TradeObservation | undefined }) {
  if (!observation) return <Text size={1}>The series has no value for this period.</Text>
  const release = [
    observation.releasedAt && `released ${formatDay(observation.releasedAt)}`,
    observation.citation?.reportedBy && `reported by ${observation.citation.reportedBy}`,
  ].filter(Boolean)
  return (
    <Stack gap={3}>
      <Text size={1}>
        {observation.approximate ? 'About ' : ''}
        {typeof observation.primaryValue === 'number' ? formatUsd(observation.primaryValue) : 'No value'} ·{' '}
        <strong>{observation.status ?? 'status unknown'}</strong>
        {release.length > 0 ? ` · ${release.join(', ')}` : ''}
      </Text>
      {observation.status === 'provisional' && (
        <Card tone="caution" padding={3} radius={2} border role="note">
          <Text size={1}>
            Provisional: the agency may still revise this value. Readers will see the revised figure with a note of what the story first
            said.
          </Text>
        </Card>
      )}
    </Stack>
  )
}

/**
 * The trade fact's form with a figure inspector under it: the series' recent values as a small
 * chart with the chosen period marked, that period's status and release (a warning when it is
 * provisional), and the published stories that already cite the series, this period first.
 */
export function TradeFactInspector(props: ObjectInputProps) {
  const { series: ref, period } = (props.value ?? {}) as FactValue
  const seriesId = ref?._ref
  const articleId = String(useFormValue(['_id']) ?? '').replace(/^drafts\./, '')
  const client = useClient({ apiVersion: API_VERSION })
  const [inspected, setInspected] = useState<Inspected | undefined>()
  useEffect(() => {
    setInspected(undefined)
    if (!seriesId) return
    const subscription = combineLatest({
      series: client.observable.fetch(SERIES_FOR_FACTS_QUERY, { ids: [seriesId] }, { perspective: 'published' }),
      citing: client.observable.fetch(CITING_STORIES_QUERY, { id: seriesId }, { perspective: 'raw' }),
    }).subscribe({
      next: ({ series: [found], citing }) => setInspected({ series: found, citing }),
      error: () => setInspected(undefined),
    })
    return () => subscription.unsubscribe()
  }, [client, seriesId])

  const observations = inspected?.series?.observations ?? []
  const points = recentPoints(observations, period)
  const others = (inspected?.citing.newest ?? []).filter((story) => story._id !== articleId)
  const citingPeriod = others.filter((story) => period && story.periods?.includes(period))
  const citingSeries = others.filter((story) => !citingPeriod.includes(story))
  return (
    <Stack gap={4}>
      {props.renderDefault(props)}
      {inspected?.series && (
        <Card padding={3} radius={2} border tone="transparent" data-testid="figure-inspector">
          <Stack gap={4}>
            <Text size={1} weight="semibold">
              {inspected.series.title}
              {period ? `, ${formatPeriod(period)}` : ''}
            </Text>
            {points.length > 0 && (
              <Box>
                <RecentValuesChart points={points} chosen={period} />
              </Box>
            )}
            {period && <ObservationStatus observation={observations.find((o) => o.period === period)} />}
            <Stack gap={2}>
              <Text size={1} weight="semibold">
                {others.length === 0
                  ? 'No other published story cites this series yet.'
                  : `Cited by ${others.length} other published ${others.length === 1 ? 'story' : 'stories'}`}
              </Text>
              {[...citingPeriod, ...citingSeries].map((story) => (
                <Flex key={story._id} gap={2}>
                  <Text size={1}>
                    <IntentLink intent="edit" params={{ id: story._id, type: 'article' }}>
                      {citationSummary(story)}
                    </IntentLink>
                  </Text>
                </Flex>
              ))}
            </Stack>
          </Stack>
        </Card>
      )}
    </Stack>
  )
}
