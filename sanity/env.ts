import { LAKE_DEFAULT_PORT } from '../lib/content/config'

/**
 * Which content lake the Studio and CLI talk to, and which site it previews. With no hosted project
 * configured, they use the embedded lake's identifiers so schema extraction, typegen and builds run
 * offline, and the Studio edits the embedded lake at `lakeUrl`.
 *
 * Addresses are read at run time first: the served production Studio (sanity/local/studioServer.ts)
 * puts them in `window.__FACTLINE_STUDIO__` before the bundle runs, so one build serves any lake
 * and site. `sanity dev` and hosted builds fall back to the SANITY_STUDIO_* variables Vite builds in.
 */
export type StudioRuntimeConfig = { lakeUrl?: string; previewUrl?: string }
/** The global the served Studio sets; its name is shared with the server that writes it. */
export const RUNTIME_CONFIG_GLOBAL = '__FACTLINE_STUDIO__'

const runtime: StudioRuntimeConfig = (globalThis as Record<string, unknown>)[RUNTIME_CONFIG_GLOBAL] ?? {}

export const projectId = process.env.SANITY_STUDIO_PROJECT_ID || process.env.SANITY_PROJECT_ID || 'local'
export const dataset = process.env.SANITY_STUDIO_DATASET || process.env.SANITY_DATASET || 'production'
export const usesEmbeddedLake = projectId === 'local'
export const lakeUrl = runtime.lakeUrl || process.env.SANITY_STUDIO_LAKE_URL || `http://localhost:${LAKE_DEFAULT_PORT}`
/** The site the Presentation tool frames in draft mode. */
export const previewSiteUrl = (runtime.previewUrl || process.env.SANITY_STUDIO_PREVIEW_URL || 'http://localhost:3000').replace(/\/+$/, '')
