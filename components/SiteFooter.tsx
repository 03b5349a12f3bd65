import { FEED_FORMATS } from '@/lib/feeds/formats'
import { correctionsScope, siteScope } from '@/lib/feeds/scopes'
import { SITE_NAME } from '@/lib/site/identity'
import { ABOUT_PATH, CONTACT_PATH, CORRECTIONS_PATH, feedPath, PRIVACY_PATH } from '@/lib/site/paths'
import { SiteLink } from './SiteLink'

/** The pages about the site itself, in the order readers look for them. */
const ABOUT_PAGES = [
  { href: ABOUT_PATH, label: `About ${SITE_NAME}` },
  { href: CONTACT_PATH, label: 'Contact us' },
  { href: CORRECTIONS_PATH, label: 'Corrections' },
  { href: PRIVACY_PATH, label: 'Privacy' },
] as const

// The names readers' feed apps use for each format.
const FEEDS = [
  { format: 'rss', label: 'RSS' },
  { format: 'atom', label: 'Atom' },
  { format: 'json', label: 'JSON Feed' },
] as const

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <nav aria-label="About this site">
        <ul className="site-footer__links">
          {ABOUT_PAGES.map((p) => (
            <li key={p.href}>
              <SiteLink href={p.href}>{p.label}</SiteLink>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="follow-heading" className="site-footer__follow">
        <h2 id="follow-heading">Follow {SITE_NAME}</h2>
        <p>Add a feed to your feed reader to get every new story, or every correction, as it is published.</p>
        <ul className="site-footer__links">
          {FEEDS.map(({ format, label }) => (
            <li key={format}>
              <a href={feedPath(siteScope.feedBase, format)} type={FEED_FORMATS[format].contentType}>
                Stories by {label}
              </a>
            </li>
          ))}
          <li>
            <a href={feedPath(correctionsScope.feedBase, 'rss')} type={FEED_FORMATS.rss.contentType}>
              Corrections by RSS
            </a>
          </li>
        </ul>
      </section>
      <p>
        {SITE_NAME}: every figure in our stories links to its data. The reference story is reproduced from The Korea Herald; articles marked
        “Sample” are demonstration content.
      </p>
      <p>
        © {new Date().getFullYear()} {SITE_NAME}. The reference story © The Korea Herald; trade data from the agencies each figure names.
      </p>
    </footer>
  )
}
