import { Card, Stack, Text } from '@sanity/ui'
import { useEffect, useState } from 'react'
import { type ArrayOfObjectsInputProps, useClient, useFormValue } from 'sanity'
import { IntentLink } from 'sanity/router'
import { API_VERSION } from '../../lib/content/config'
import { CITING_STORIES_QUERY } from '../../lib/content/queries'
import type { CITING_STORIES_QUERY_RESULT } from '../../lib/content/sanity.types'
import { formatDay } from '../../lib/figures/dateline'
import { formatPeriod } from '../../lib/figures/period'

/** "NK imports from China spike in March (April 19, 2021): March 2021, February 2021 and a chart" */
export function citationSummary(story: CITING_STORIES_QUERY_RESULT['newest'][number]): string {
  const periods = [...new Set(story.periods)].sort().reverse().map(formatPeriod)
  const cited = [...periods, ...((story.charts ?? 0) > 0 ? [story.charts === 1 ? 'a chart' : `${story.charts} charts`] : [])]
  const list = cited.length > 1 ? `${cited.slice(0, -1).join(', ')} and ${cited.at(-1)}` : (cited[0] ?? 'the series')
  return `${story.headline ?? 'Untitled story'}${story.publishedAt ? ` (${formatDay(story.publishedAt)})` : ''}: ${list}`
}

/**
 * Above a series' observations: which published stories cite it, and which periods, so an editor
 * knows before changing or deleting an observation, or the series, what readers will see change.
 * Each story keeps, and shows beside the new value, what it showed when it was published.
 */
export function CitingStoriesNotice(props: ArrayOfObjectsInputProps) {
  const id = String(useFormValue(['_id']) ?? '').replace(/^drafts\./, '')
  const client = useClient({ apiVersion: API_VERSION })
  const [citing, setCiting] = useState<CITING_STORIES_QUERY_RESULT>({ total: 0, newest: [] })
  useEffect(() => {
    if (!id) return
    const subscription = client.observable
      .fetch(CITING_STORIES_QUERY, { id }, { perspective: 'raw' })
      .subscribe({ next: setCiting, error: () => setCiting({ total: 0, newest: [] }) })
    return () => subscription.unsubscribe()
  }, [client, id])
  const { total, newest: stories } = citing
  return (
    <Stack gap={3}>
      {total > 0 && (
        <Card tone="caution" padding={3} radius={2} border role="note">
          <Stack gap={3}>
            <Text size={1} weight="semibold">
              {total === 1 ? 'A published story cites' : `${total} published stories cite`} this series
              {total > stories.length ? `; the ${stories.length} newest:` : ''}
            </Text>
            <Text size={1}>
              Changing or deleting an observation they cite, or the series, changes what readers see now; each story keeps and shows the
              value it was published with.
            </Text>
            {stories.map((story) => (
              <Text key={story._id} size={1}>
                <IntentLink intent="edit" params={{ id: story._id, type: 'article' }}>
                  {citationSummary(story)}
                </IntentLink>
              </Text>
            ))}
          </Stack>
        </Card>
      )}
      {props.renderDefault(props)}
    </Stack>
  )
}
