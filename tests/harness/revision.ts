/** A revised trade figure, and waiting for it to reach readers: shared by fault, scale-out and edge checks. */
import { lakeClient } from './lake'
import type { RunningSite } from './site'

export const REFERENCE_STORY = '/articles/nk-imports-from-china-spike-in-march'
const SERIES_ID = 'tradeSeries.chn-prk-x-total-m'

/** Sets North Korea's March 2021 imports from China, the reference story's first figure, to `value` dollars. */
export async function reviseMarchImports(site: RunningSite, value: number): Promise<void> {
  await lakeClient(site.lake.url, site.lake.token).patch(SERIES_ID).set({ 'observations[_key=="2021-03"].primaryValue': value }).commit()
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
