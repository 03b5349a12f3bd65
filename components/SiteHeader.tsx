import Link from 'next/link'

type SectionLink = { _id: string; title: string | null; slug: string | null }

export function SiteHeader({ sections }: { sections: SectionLink[] }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/" className="site-header__brand">
        Factline
      </Link>
      <nav aria-label="Sections">
        <ul>
          {sections.map((s) => (
            <li key={s._id}>
              <Link href={`/sections/${s.slug}`}>{s.title}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  )
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        Factline: every figure in our stories links to its data. The reference story is reproduced from The Korea Herald; articles marked
        “Sample” are demonstration content.
      </p>
    </footer>
  )
}
