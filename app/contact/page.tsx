import type { Metadata } from 'next'
import { SiteLink } from '@/components/SiteLink'
import { newsroomEmailFromEnv, SITE_NAME } from '@/lib/site/identity'
import { CONTACT_PATH, CORRECTIONS_PATH } from '@/lib/site/paths'

export const metadata: Metadata = {
  title: 'Contact us',
  description: `How to reach the ${SITE_NAME} newsroom, report an error or send a tip.`,
  alternates: { canonical: CONTACT_PATH },
}

export default function ContactPage() {
  const email = newsroomEmailFromEnv()
  return (
    <div className="info-page">
      <h1>Contact us</h1>
      <p>
        Write to the newsroom at <a href={`mailto:${email}`}>{email}</a>. Editors read every message.
      </p>
      <h2>Report an error</h2>
      <p>
        Tell us the story’s headline, what you think is wrong and, if you can, where the right figure is published. If we made a mistake we
        correct the story and list the correction on our <SiteLink href={CORRECTIONS_PATH}>corrections page</SiteLink>.
      </p>
      <h2>Write to a reporter</h2>
      <p>Each story ends with its reporter’s email address; the byline links to the reporter’s other stories.</p>
      <h2>Republishing and feeds</h2>
      <p>
        Partners can take our stories by RSS, Atom or JSON Feed; the links are at the foot of every page. Ask the newsroom before
        republishing a story in full.
      </p>
    </div>
  )
}
