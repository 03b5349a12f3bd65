import { loadRelated } from '@/lib/content/fetch'
import { ArticleList } from './ArticleCard'

/** "More on this" under a story: the five newest other stories sharing its tags, section or cited series. */
export async function MoreOnThis({ storyId, relatedTo }: { storyId: string; relatedTo: string[] }) {
  const stories = await loadRelated(storyId, relatedTo)
  if (stories.length === 0) return null
  return (
    <section className="more-on-this" aria-labelledby="more-on-this-heading">
      <h2 id="more-on-this-heading">More on this</h2>
      <ArticleList articles={stories} />
    </section>
  )
}
