/**
 * `npm run studio:serve`: the production Studio for editors, built once and again only when its
 * sources change, served with the lake and site addresses of this run (sanity/local/studioServer.ts).
 * The lake is `npm run lake -- --studio`'s unless SANITY_STUDIO_LAKE_URL names another.
 */
import { ensureStudioBuild, startStudioServer } from '../sanity/local/studioServer'

const { built } = await ensureStudioBuild()
const server = await startStudioServer({
  port: Number(process.env.STUDIO_PORT || 3333),
  config: {
    lakeUrl: process.env.SANITY_STUDIO_LAKE_URL || `http://localhost:${process.env.LAKE_PORT || 3400}`,
    previewUrl: process.env.SANITY_STUDIO_PREVIEW_URL || process.env.SITE_URL || 'http://localhost:3000',
  },
})
console.log(`Sanity Studio (production build${built ? ', just rebuilt' : ''}) on ${server.url}`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close().then(() => process.exit(0)))
