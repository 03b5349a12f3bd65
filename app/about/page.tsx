import type { Metadata } from 'next'
import { SiteLink } from '@/components/SiteLink'
import { SITE_NAME } from '@/lib/site/identity'
import { ABOUT_PATH, CONTACT_PATH, CORRECTIONS_PATH } from '@/lib/site/paths'

export const metadata: Metadata = {
  title: `About ${SITE_NAME}`,
  description: `How ${SITE_NAME} reports, and how every figure in a story links to its data.`,
  alternates: { canonical: ABOUT_PATH },
}

export default function AboutPage() {
  return (
    <div className="info-page">
      <h1>About {SITE_NAME}</h1>
      <p>
        {SITE_NAME} is a newsroom that reports on trade, with a rule its readers can check: every figure in a story links to the data it
        comes from. Follow the link on a figure to see the series it was read from, the agency that published it, the period it covers, and
        any revision since the story was published.
      </p>
      <h2>How we check figures</h2>
      <p>
        Our editors write each figure as a reference to a data series rather than as typed-in text. The page reads the value from the
        series, so a figure cannot drift from its source. When an agency revises a number after publication, the story shows the figure as
        published and notes the revision beside it.
      </p>
      <h2>What you are reading</h2>
      <p>
        The reference story is reproduced from The Korea Herald. Articles whose headline begins “Sample” are demonstration content written
        to show how the site works; they are not news reports.
      </p>
      <h2>When we get it wrong</h2>
      <p>
        We correct errors openly: each correction is noted at the end of its story and listed on our{' '}
        <SiteLink href={CORRECTIONS_PATH}>corrections page</SiteLink>. To report an error, see{' '}
        <SiteLink href={CONTACT_PATH}>Contact us</SiteLink>.
      </p>
    </div>
  )
}
