import { sectionPath } from '@/lib/site/paths'
import { SearchForm } from './SearchForm'
import { SiteLink } from './SiteLink'

type SectionLink = { _id: string; title: string | null; slug: string | null }

export function SiteHeader({ sections }: { sections: SectionLink[] }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteLink href="/" className="site-header__brand">
        Factline
      </SiteLink>
      <nav aria-label="Sections">
        <ul>
          {sections.map((s) => (
            <li key={s._id}>
              <SiteLink href={sectionPath(s.slug)}>{s.title}</SiteLink>
            </li>
          ))}
        </ul>
      </nav>
      <SearchForm />
    </header>
  )
}
