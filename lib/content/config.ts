/**
 * Which content lake answers. With SANITY_PROJECT_ID set, Sanity's hosted Content Lake; otherwise
 * the embedded lake that `npm run dev`/`npm start` launch (its URL in FACTLINE_LAKE_URL). The app
 * talks to either through the same @sanity/client, queries and image URLs.
 */
/** The Content Lake API version every client speaks: the app's, the Studio's and the importer's. */
export const API_VERSION = '2025-02-19'
/** Where the embedded lake listens unless LAKE_PORT says otherwise; the site, Studio and lake all read it here. */
export const LAKE_DEFAULT_PORT = 3400
export const DEFAULT_LAKE_URL = `http://127.0.0.1:${LAKE_DEFAULT_PORT}`

export type ContentSource = {
  projectId: string
  dataset: string
  /** Set for the embedded lake; unset means Sanity's hosted API. */
  apiHost?: string
  token?: string
}

export function contentSourceFromEnv(env: NodeJS.ProcessEnv = process.env): ContentSource {
  const token = env.SANITY_API_READ_TOKEN || undefined
  if (env.SANITY_PROJECT_ID) {
    return { projectId: env.SANITY_PROJECT_ID, dataset: env.SANITY_DATASET || 'production', token }
  }
  return { projectId: 'local', dataset: 'production', apiHost: env.FACTLINE_LAKE_URL || DEFAULT_LAKE_URL, token }
}

export function isEmbeddedLake(source: ContentSource): boolean {
  return source.apiHost !== undefined
}
