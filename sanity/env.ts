import { LAKE_DEFAULT_PORT } from '../lib/content/config'

/**
 * Which content lake the Studio and CLI talk to. With no hosted project configured, they use the
 * embedded lake's identifiers so schema extraction, typegen and builds run offline, and the Studio
 * edits the embedded lake at `lakeUrl`.
 */
export const projectId = process.env.SANITY_STUDIO_PROJECT_ID || process.env.SANITY_PROJECT_ID || 'local'
export const dataset = process.env.SANITY_STUDIO_DATASET || process.env.SANITY_DATASET || 'production'
export const usesEmbeddedLake = projectId === 'local'
export const lakeUrl = process.env.SANITY_STUDIO_LAKE_URL || `http://localhost:${LAKE_DEFAULT_PORT}`
