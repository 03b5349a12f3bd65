/**
 * The page a reader gets when a page cannot be rendered and no copy of it was ever cached, for
 * as long as the content lake is unreachable: the site's masthead, a plain apology, no error
 * detail, no script. One source for the app (status 503) and the nginx edge (scripts/edge.ts
 * writes it into the edge's prefix). Plain JavaScript, for the cache handler that Next.js loads
 * unbundled.
 */
import { contentSecurityPolicy, policyOptionsFromEnv } from '../security/contentSecurityPolicy.mjs'
import { inlineHashes } from '../security/inlineHashes.mjs'

/** What a 503 asks clients and crawlers to wait before trying again. */
export const RETRY_AFTER_SECONDS = 30

export const BACK_SHORTLY_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back shortly | Factline</title>
<style>
  body { margin: 0; font-family: Georgia, 'Times New Roman', serif; color: #1a1a1a; background: #fff; line-height: 1.55; }
  header, main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
  header { border-bottom: 3px solid #1a1a1a; }
  header a { font-size: 1.75rem; font-weight: 700; color: #1a1a1a; text-decoration: none; letter-spacing: -0.02em; }
  main p { color: #545454; }
  main a { color: #0b4f8a; }
</style>
</head>
<body>
<header><a href="/">Factline</a></header>
<main>
  <h1>This page is taking a moment</h1>
  <p>We could not load this page just now. Our stories are still here: please try again in a minute, or go to the <a href="/">front page</a>.</p>
</main>
</body>
</html>
`

/** The hash sources of the page's one inline style, which every policy it may be sent under allows. */
export const BACK_SHORTLY_STYLES = inlineHashes(BACK_SHORTLY_HTML).styles

/** What goes out with the page from the app: when to retry, and a policy allowing its one inline style. */
export function backShortlyHeaders() {
  return {
    'retry-after': String(RETRY_AFTER_SECONDS),
    'content-security-policy': contentSecurityPolicy({ inline: { scripts: [], styles: BACK_SHORTLY_STYLES }, ...policyOptionsFromEnv() }),
  }
}
