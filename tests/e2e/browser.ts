import { type Browser, chromium, type Page } from 'playwright-core'

/** Debian's Chromium, headless, with the flags that keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
}

/**
 * Clicks the story's Copy link button and reads what it announces, for `expect.poll`: a click
 * that lands before the island hydrates does nothing, as it would for a reader on a slow phone,
 * and the reader clicks again.
 */
export function copyLinkAnnouncement(page: Page): () => Promise<string | null> {
  return async () => {
    await page.getByRole('button', { name: 'Copy link' }).click()
    return page.locator('.share').getByRole('status').textContent()
  }
}
