import { defineQuery } from 'groq'

// Shared projections are plain strings so each query stays one literal TypeGen can read.
const image = /* groq */ `{ alt, caption, credit, crop, hotspot, asset->{ _id, url, metadata { lqip, dimensions { width, height } } } }`
const seriesForFacts = /* groq */ `{ _id, title, "slug": slug.current, source, freqCode, observations }`
const articleCard = /* groq */ `{
  _id, headline, "slug": slug.current, standfirst, publishedAt, updatedAt,
  section->{ title, "slug": slug.current },
  authors[]{ _key, role, author->{ name, "slug": slug.current } },
  mainImage${image}
}`

export const HOME_QUERY = defineQuery(`{
  "articles": *[_type == "article" && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[0...24]${articleCard},
  "sections": *[_type == "section" && defined(slug.current)] | order(title asc){ _id, title, "slug": slug.current }
}`)

export const ARTICLE_QUERY = defineQuery(`*[_type == "article" && slug.current == $slug][0]{
  _id, headline, "slug": slug.current, standfirst, publishedAt, updatedAt,
  section->{ title, "slug": slug.current },
  authors[]{ _key, role, author->{ name, "slug": slug.current, email } },
  mainImage${image},
  "tags": tags[]->{ title, "slug": slug.current },
  body[]{
    ...,
    _type == "block" => { ..., children[]{ ..., _type == "tradeFact" => { ..., series->${seriesForFacts} } } },
    _type == "photo" => ${image},
    _type == "dataChart" => { ..., series->${seriesForFacts} }
  }
}`)

export const ARTICLE_SLUGS_QUERY = defineQuery(
  `*[_type == "article" && defined(slug.current)] | order(publishedAt desc)[0...200].slug.current`,
)

export const SECTION_QUERY = defineQuery(`*[_type == "section" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, description,
  "articles": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0...50]${articleCard}
}`)

export const AUTHOR_QUERY = defineQuery(`*[_type == "author" && slug.current == $slug][0]{
  _id, name, "slug": slug.current, email, bio, photo${image},
  "articles": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0...50]${articleCard}
}`)

export const SERIES_QUERY = defineQuery(`*[_type == "tradeSeries" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, reporter, partner, flowCode, cmdCode, freqCode, currency, source, note,
  "observations": observations | order(period asc),
  "citedBy": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc){ _id, headline, "slug": slug.current, publishedAt }
}`)
