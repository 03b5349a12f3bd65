/** A revised trade figure, and waiting for it to reach readers: shared by fault, scale-out and edge checks. */
import { encodeSignatureHeader } from '@sanity/webhook'
import { lakeClient } from './lake'
import type { RunningSite } from './site'

const SERIES_ID = 'tradeSeries.chn-prk-x-total-m'

/** Sets North Korea's March 2021 imports from China, the reference story's first figure, to `value` dollars. */
export async function reviseMarchImports(site: RunningSite, value: number): Promise<void> {
  await lakeClient(site.lake.url, site.lake.token).patch(SERIES_ID).set({ 'observations[_key=="2021-03"].primaryValue': value }).commit()
}

/**
 * Delivers the publish webhook for the reference series, signed with the site's secret, as the
 * lake would after a publish: the site expires every cached page and feed at once.
 */
export async function deliverPublishWebhook(site: RunningSite): Promise<Response> {
  const body = JSON.stringify({ _id: SERIES_ID, _type: 'tradeSeries' })
  const signature = await encodeSignatureHeader(body, Date.now(), site.webhookSecret)
  return fetch(`${site.siteUrl}/api/revalidate`, { method: 'POST', headers: { 'sanity-webhook-signature': signature }, body })
}

/** Asks for `url` up to `attempts` times, 100 ms apart, until `done` accepts the answer; resolves with the last answer. */
export async function pollUntil(
  url: string,
  done: (answer: { status: number; body: string }) => boolean,
  attempts = 150,
): Promise<{ status: number; body: string }> {
  let answer = { status: 0, body: '' }
  for (let attempt = 0; attempt < attempts; attempt++) {
    answer = await fetch(url).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      () => ({ status: 0, body: '' }),
    )
    if (done(answer)) return answer
    await new Promise((r) => setTimeout(r, 100))
  }
  return answer
}

/** Polls `url` until its body contains `text`; resolves with the milliseconds that took, rejects after `timeoutMs`. */
export async function waitForText(url: string, text: string, timeoutMs: number): Promise<number> {
  const started = performance.now()
  while (performance.now() - started < timeoutMs) {
    const body = await fetch(url).then(
      (r) => r.text(),
      () => '',
    )
    if (body.includes(text)) return performance.now() - started
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${url} did not show ${text} within ${timeoutMs} ms`)
}
