import type { Metadata } from 'next'
import { SiteLink } from '@/components/SiteLink'
import { loadSectionsIndex } from '@/lib/content/fetch'
import { sectionPath } from '@/lib/site/paths'

export const metadata: Metadata = { title: 'Sections', description: 'Every section of the site and what it covers.' }

/** `/sections`: every section and what it covers. */
export default async function SectionsIndexPage() {
  const sections = await loadSectionsIndex()
  return (
    <div className="listing">
      <h1>Sections</h1>
      <ul className="index-list">
        {sections.map((s) => (
          <li key={s._id}>
            <h2>
              <SiteLink href={sectionPath(s.slug)}>{s.title}</SiteLink>
            </h2>
            {s.description && <p>{s.description}</p>}
          </li>
        ))}
      </ul>
    </div>
  )
}
