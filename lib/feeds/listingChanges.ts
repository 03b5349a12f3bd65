import 'server-only'
import { revalidateTag, unstable_cache } from 'next/cache'

const LISTING_CHANGE_TAG = 'listing-change'

/**
 * When a story last left a feed, or may have: deleted, unpublished, or edited (its section,
 * authors or date may have moved it out of a feed). Such a change leaves nothing newer behind in
 * the feed it left, so a feed's Last-Modified counts it too (lib/feeds/storyDates feedLastModified).
 * The time is taken on the first read after the publish webhook reports the change, kept in Next's
 * cache (shared by every instance through Redis), so it only moves forward; a fresh cache starts
 * from now, since it cannot know what changed before it.
 */
export const lastListingChange = unstable_cache(async () => new Date().toISOString(), ['last-listing-change'], {
  tags: [LISTING_CHANGE_TAG],
})

/** Called for each published change to a story that is not its creation. */
export function noteListingChange(): void {
  revalidateTag(LISTING_CHANGE_TAG, { expire: 0 })
}
