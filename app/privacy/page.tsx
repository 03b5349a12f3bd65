import type { Metadata } from 'next'
import { SITE_NAME } from '@/lib/site/identity'
import { PRIVACY_PATH } from '@/lib/site/paths'

export const metadata: Metadata = {
  title: 'Privacy',
  description: `What ${SITE_NAME} does and does not record about its readers.`,
  alternates: { canonical: PRIVACY_PATH },
}

/** Says what the site's code does: no reader cookies, no analytics, no third-party requests. */
export default function PrivacyPage() {
  return (
    <div className="info-page">
      <h1>Privacy</h1>
      <p>
        {SITE_NAME} does not ask who you are to read a story. We do not use advertising or analytics services, we set no cookies on your
        browser while you read, and our pages load nothing from other companies’ servers.
      </p>
      <h2>What our servers receive</h2>
      <p>
        Like every website, our servers receive the address of each page your browser asks for, along with your network address and your
        browser’s name, in order to answer. We use these only to run and protect the site.
      </p>
      <h2>Live updates</h2>
      <p>
        While a story is open, your browser keeps a connection to our site so that a figure revised by its source updates on the page. The
        connection carries no information about you.
      </p>
      <h2>Editors</h2>
      <p>Editors who preview unpublished stories receive a cookie that marks the preview; readers never do.</p>
      <h2>Email</h2>
      <p>If you write to us, we keep your message to answer it and to correct our reporting. We do not add you to any list.</p>
    </div>
  )
}
