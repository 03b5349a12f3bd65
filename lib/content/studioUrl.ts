/**
 * Where editors' Studio is served (`SANITY_STUDIO_URL`, without a trailing slash), read at run
 * time: click-to-edit links in a draft preview open documents there, and only its origin may frame
 * a draft preview (the Presentation tool). Unset, the Studio `npm run dev` serves.
 */
export function studioUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.SANITY_STUDIO_URL || `http://localhost:${env.STUDIO_PORT || 3333}`).replace(/\/+$/, '')
}
