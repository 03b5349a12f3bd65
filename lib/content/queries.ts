import { defineQuery } from 'groq'

// Shared projections are plain strings so each query stays one literal TypeGen can read.
// What a picture needs: the asset id (image URLs are built from it, lib/content/image.ts), its size, crop and words.
const image = /* groq */ `{ alt, caption, credit, crop, hotspot, asset->{ _id, metadata { dimensions { width, height } } } }`
const seriesForFacts = /* groq */ `{ _id, _updatedAt, title, "slug": slug.current, source, freqCode, observations }`
// The period before a figure's own (lib/figures/compare previousPeriod), for a `change` figure that names
// none: the month whose first day falls in the 31 days before the figure's month begins, or the year
// whose first day falls in the 366 days before its year begins. Evaluated for each observation.
const periodBefore = /* groq */ `(
  dateTime(period + "-01T00:00:00Z") < dateTime(^.^.period + "-01T00:00:00Z")
    && dateTime(period + "-01T00:00:00Z") >= dateTime(^.^.period + "-01T00:00:00Z") - 60*60*24*31
  || dateTime(period + "-01-01T00:00:00Z") < dateTime(^.^.period + "-01-01T00:00:00Z")
    && dateTime(period + "-01-01T00:00:00Z") >= dateTime(^.^.period + "-01-01T00:00:00Z") - 60*60*24*366
)`
// What a figure in the prose reads of its series (lib/figures/resolveTradeFact): title, slug, the source's
// name, and only the observations it cites, not the whole series: its period; for a change, the period
// it is compared with (the one named, or the period before); for a "highest since" claim, every period
// from the one named to its own (lib/figures/compare checkHighestSince), so a claim costs its window.
// `^` is the figure; `_updatedAt` dates feeds.
const citedSeries = /* groq */ `{
  _id, _updatedAt, title, "slug": slug.current, "source": source{ agency, wording },
  "observations": select(
    ^.show == "change" => observations[period == ^.^.period || period == ^.^.comparePeriod || ${periodBefore}],
    ^.show == "highestSince" => observations[period == ^.^.period || period >= ^.^.comparePeriod && period < ^.^.period],
    observations[period == ^.^.period]
  )
}`
// What a chart reads of its series: the observations in its window (either end optional; lib/figures/chartData).
const chartedSeries = /* groq */ `{
  _id, _updatedAt, title, "slug": slug.current, "source": source{ agency },
  "observations": observations[coalesce(period >= ^.^.fromPeriod, true) && coalesce(period <= ^.^.toPeriod, true)]
}`
// A figure in a block of the body: its series' id even when the series is gone, what it reads of the
// series, and the article's record of what it showed at publication (`^.^` is the article, `^` the
// block; lib/figures/publicationRecord).
const citedFact = /* groq */ `{
  ..., "seriesRef": series._ref, series->${citedSeries}, "published": ^.^.publishedFigures[_key == ^._key][0]
}`
// The body as the page renders it; feeds use the same projection so a figure reads the same in both.
const articleBody = /* groq */ `[]{
  ...,
  _type == "block" => { ..., children[]{ ..., _type == "tradeFact" => ${citedFact} } },
  _type == "photo" => ${image},
  _type == "dataChart" => { ..., series->${chartedSeries} }
}`
// A story's corrections and clarifications, newest first (lib/figures/storyDates).
const corrections = /* groq */ `"corrections": corrections[defined(date) && defined(text)] | order(date desc){ _key, kind, text, date }`
// A story in a list. The home page's lead story also carries its picture.
const listedStoryFields = /* groq */ `_id, headline, "slug": slug.current, standfirst, publishedAt, updatedAt,
  section->{ title, "slug": slug.current },
  authors[]{ _key, role, author->{ name, "slug": slug.current } }`
const listedStory = /* groq */ `{ ${listedStoryFields} }`
// The lead also reads its opening paragraph, figures included, to stand in for a missing standfirst
// (lib/feeds/summary.ts), so a lead always has words under its headline.
const leadStory = /* groq */ `{ ${listedStoryFields}, mainImage${image},
  "body": body[_type == "block"][0...1]{ ..., children[]{ ..., _type == "tradeFact" => ${citedFact} } }
}`

// The newest story leads with its picture; the 23 after it are listed without one, so the answer
// carries no picture the page does not show.
export const HOME_QUERY = defineQuery(`{
  "lead": *[_type == "article" && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[0]${leadStory},
  "latest": *[_type == "article" && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[1...24]${listedStory}
}`)

// Every page's navigation reads this; it is kept apart from the home page's stories so an article page fetches no cards.
export const SECTIONS_QUERY = defineQuery(
  `*[_type == "section" && defined(slug.current)] | order(title asc){ _id, title, "slug": slug.current }`,
)

// `relatedTo`: what "More on this" looks for in other stories (RELATED_QUERY): the story's tags, section and cited series.
export const ARTICLE_QUERY = defineQuery(`*[_type == "article" && slug.current == $slug][0]{
  _id, headline, "slug": slug.current, standfirst, publishedAt, updatedAt,
  section->{ title, "slug": slug.current },
  authors[]{ _key, role, author->{ name, "slug": slug.current, email } },
  mainImage${image},
  "tags": tags[]->{ title, "slug": slug.current },
  body${articleBody},
  ${corrections},
  "relatedTo": array::unique(array::compact([...tags[]._ref, section._ref, ...body[].children[].series._ref, ...body[].series._ref]))
}`)

// Section and author pages list their stories a page at a time (lib/site/listingPages.ts):
// stories $start to $end, one more than a page holds, so the page knows whether an older one exists.
export const SECTION_QUERY = defineQuery(`*[_type == "section" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, description,
  "articles": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[$start...$end]${listedStory}
}`)

export const AUTHOR_QUERY = defineQuery(`*[_type == "author" && slug.current == $slug][0]{
  _id, name, "slug": slug.current, email, bio, photo${image},
  "articles": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[$start...$end]${listedStory}
}`)

export const SERIES_QUERY = defineQuery(`*[_type == "tradeSeries" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, reporter, partner, flowCode, cmdCode, freqCode, currency, source, note,
  "observations": observations | order(period asc),
  "citedBy": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc){ _id, headline, "slug": slug.current, publishedAt }
}`)

export const TAG_QUERY = defineQuery(`*[_type == "tag" && slug.current == $slug][0]{
  _id, title, "slug": slug.current,
  "articles": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[$start...$end]${listedStory}
}`)

// Search (lib/site/search.ts): stories whose headline, standfirst or body text hold every term
// of $terms (each a prefix, `term*`). The headline weighs most, then the standfirst; stories with the
// words in the body only follow, newest first. The lake answers this shape (match, score, boost,
// order by _score, a page) from its text indexes (sanity/lake/query/search/), so only the page is
// projected. `snippet` is the first paragraph that matches, for the result to show where. Pages like
// listings: $start to $end, one more than a page holds.
const searchedText = /* groq */ `array::compact([headline, standfirst, ...body[].children[].text])`
export const SEARCH_QUERY = defineQuery(
  `*[_type == "article" && defined(slug.current) && defined(publishedAt) && ${searchedText} match $terms]
    | score(boost(headline match $terms, 4), boost(standfirst match $terms, 2))
    | order(_score desc, publishedAt desc)[$start...$end]{
      ${listedStoryFields},
      "snippet": pt::text(body[_type == "block" && array::compact(children[].text) match $terms][0])
    }`,
)

// "More on this" under a story: the five newest other stories citing any of $refs (its tags,
// section and cited series), found from the lake's reference index.
export const RELATED_QUERY = defineQuery(
  `*[_type == "article" && references($refs) && _id != $id && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[0...5]${listedStory}`,
)

// Index pages: every section and author (without counts of their stories: counting costs a look at
// each story, 20 to 40 ms at 20,000 stories), and the data series a page at a time (an archive holds one for every few dozen stories), each with its recent
// observations for a small chart (newest first; the page puts them in order).
export const SECTIONS_INDEX_QUERY = defineQuery(
  `*[_type == "section" && defined(slug.current)] | order(title asc){ _id, title, "slug": slug.current, description }`,
)
export const AUTHORS_INDEX_QUERY = defineQuery(
  `*[_type == "author" && defined(slug.current)] | order(name asc){ _id, name, "slug": slug.current, bio }`,
)
export const SERIES_INDEX_QUERY = defineQuery(
  `*[_type == "tradeSeries" && defined(slug.current)] | order(title asc)[$start...$end]{ _id, title, "slug": slug.current, currency, freqCode,
    "observations": observations[defined(period) && defined(primaryValue)] | order(period desc)[0...24]{ _key, period, primaryValue } }`,
)

// Feeds: the 50 newest stories in full. Each query has a single `*` filtered by type or reference,
// so the lake (or Sanity) starts from an index; per item there are only `->` lookups, no scans.
// `_updatedAt` of the story and of what it reads (series, section, authors, tags) make the feed's Last-Modified.
const feedItem = /* groq */ `{
  _id, _updatedAt, headline, "slug": slug.current, standfirst, publishedAt, updatedAt,
  section->{ title, "slug": slug.current, _updatedAt },
  authors[]{ _key, role, author->{ name, "slug": slug.current, _updatedAt } },
  mainImage${image},
  "tags": tags[]->{ title, "slug": slug.current, _updatedAt },
  body${articleBody},
  ${corrections}
}`

export const SITE_FEED_QUERY = defineQuery(
  `*[_type == "article" && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[0...50]${feedItem}`,
)

// One story as feeds carry it, for its ninjs (lib/feeds/ninjs); published stories only, like feeds.
export const FEED_STORY_QUERY = defineQuery(`*[_type == "article" && slug.current == $slug && defined(publishedAt)][0]${feedItem}`)

export const FEED_SECTION_QUERY = defineQuery(
  `*[_type == "section" && slug.current == $slug][0]{ _id, _updatedAt, title, "slug": slug.current, description }`,
)

export const SECTION_FEED_QUERY = defineQuery(
  `*[_type == "article" && references($id) && section._ref == $id && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[0...50]${feedItem}`,
)

export const FEED_AUTHOR_QUERY = defineQuery(
  `*[_type == "author" && slug.current == $slug][0]{ _id, _updatedAt, name, "slug": slug.current, bio }`,
)

export const AUTHOR_FEED_QUERY = defineQuery(
  `*[_type == "article" && references($id) && $id in authors[].author._ref && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[0...50]${feedItem}`,
)

export const FEED_TAG_QUERY = defineQuery(`*[_type == "tag" && slug.current == $slug][0]{ _id, _updatedAt, title, "slug": slug.current }`)

export const TAG_FEED_QUERY = defineQuery(
  `*[_type == "article" && references($id) && $id in tags[]._ref && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[0...50]${feedItem}`,
)

// The corrections page and its feeds: the 50 stories most recently edited that carry a correction
// (adding one edits the story), each with its corrections; lib/feeds/correctionsFeed lists the 50
// newest corrections among them and leaves out stories without an address or date. The filter is
// kept to one cheap test, so the lake walks its `_updatedAt` order only until it has 50.
export const CORRECTIONS_QUERY = defineQuery(
  `*[_type == "article" && defined(corrections[0])] | order(_updatedAt desc)[0...50]{
    _id, _updatedAt, headline, "slug": slug.current, publishedAt,
    section->{ title, "slug": slug.current },
    ${corrections}
  }`,
)

// Sitemaps: an index saying how many documents of each kind there are, and pages of a bounded
// number of them, each a slice of one type in an indexed order, so a page costs what it holds
// rather than what the archive holds (lib/feeds/sitemaps.ts). Documents without a web address or
// date are counted and sliced with the rest, and left out of the page.
export const SITEMAP_INDEX_QUERY = defineQuery(`{
  "stories": count(*[_type == "article"]),
  "sections": count(*[_type == "section"]),
  "authors": count(*[_type == "author"]),
  "series": count(*[_type == "tradeSeries"]),
  "tags": count(*[_type == "tag"])
}`)

// Oldest first: a page keeps its stories as new ones are published, which go on the last page. A
// story's lastmod also moves with a correction or a data revision that changed a figure's text
// (lib/feeds/storyDates), so its figures come along, as the page resolves them.
export const SITEMAP_STORIES_QUERY = defineQuery(
  `*[_type == "article"] | order(publishedAt asc)[$start...$end]{
    "slug": slug.current, publishedAt, updatedAt, "corrections": corrections[]{ date },
    "body": body[_type == "block"]{ _type, "children": children[_type == "tradeFact"]${citedFact} }
  }`,
)

// A listing page changes when a story appears on it: its lastmod is the date of its newest story,
// found by the listing page's own filter (SECTION_QUERY, AUTHOR_QUERY); the home page's, of the site's.
export const SITEMAP_SECTIONS_QUERY = defineQuery(`{
  "home": *[_type == "article" && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[0]{ publishedAt, updatedAt },
  "sections": *[_type == "section"] | order(title asc)[$start...$end]{
    "slug": slug.current, _updatedAt,
    "newest": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0]{ publishedAt, updatedAt }
  }
}`)

export const SITEMAP_AUTHORS_QUERY = defineQuery(
  `*[_type == "author"] | order(name asc)[$start...$end]{
    "slug": slug.current, _updatedAt,
    "newest": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0]{ publishedAt, updatedAt }
  }`,
)

export const SITEMAP_TAGS_QUERY = defineQuery(
  `*[_type == "tag"] | order(title asc)[$start...$end]{
    "slug": slug.current, _updatedAt,
    "newest": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0]{ publishedAt, updatedAt }
  }`,
)

// A data page lists the stories citing its series (SERIES_QUERY), so it changes with its data or with a new one.
export const SITEMAP_SERIES_QUERY = defineQuery(
  `*[_type == "tradeSeries"] | order(title asc)[$start...$end]{
    "slug": slug.current, _updatedAt,
    "newest": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0]{ publishedAt, updatedAt }
  }`,
)

// Google News takes the last two days' stories, at most 1,000. `now()` keeps the query text
// constant, so it caches like every other query.
export const NEWS_SITEMAP_QUERY = defineQuery(
  `*[_type == "article" && defined(slug.current) && dateTime(publishedAt) > dateTime(now()) - 60*60*48] | order(publishedAt desc)[0...1000]{ headline, "slug": slug.current, publishedAt }`,
)

/** Series by id, shaped as figures resolve them: for the Studio's figure checks and previews. */
export const SERIES_FOR_FACTS_QUERY = defineQuery(`*[_type == "tradeSeries" && _id in $ids]${seriesForFacts}`)

/**
 * How many published stories cite a series, and the 20 newest, with the periods their figures read (a change also reads
 * the period it is compared with) and whether a chart shows it: warned of before an editor changes
 * or deletes an observation or the series (sanity/components/CitingStoriesNotice.tsx).
 */
export const CITING_STORIES_QUERY = defineQuery(
  `{
    "total": count(*[_type == "article" && references($id) && !(_id in path("drafts.**"))]),
    "newest": *[_type == "article" && references($id) && !(_id in path("drafts.**"))] | order(publishedAt desc)[0...20]{
      _id, headline, publishedAt,
      "periods": array::compact(body[].children[][_type == "tradeFact" && series._ref == $id]{ "p": [period, comparePeriod] }.p[]),
      "charts": count(body[_type == "dataChart" && series._ref == $id])
    }
  }`,
)

/** What a published series is, for the Studio's check that a series keeps one reporter, flow and currency. */
export const SERIES_IDENTITY_QUERY = defineQuery(
  `*[_type == "tradeSeries" && _id == $id][0]{ reporter, flowCode, currency, "figures": count(observations) }`,
)

/** A story's published web address, for the Studio's check that it never changes once published. */
export const PUBLISHED_SLUG_QUERY = defineQuery(`*[_type == "article" && _id == $id][0].slug.current`)

/** What a story's social card shows. */
export const SOCIAL_CARD_QUERY = defineQuery(`*[_type == "article" && slug.current == $slug][0]{ headline, "section": section->title }`)
