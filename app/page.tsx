import { ArticleCard, ArticleList } from '@/components/ArticleCard'
import { loadHome, loadSections } from '@/lib/content/fetch'
import { homeLayout } from '@/lib/site/homeLayout'
import { sectionPath } from '@/lib/site/paths'

export default async function HomePage() {
  const [{ lead, latest: newest }, allSections] = await Promise.all([loadHome(), loadSections()])
  const { latest, sections } = homeLayout(newest, allSections)
  return (
    <div className="home">
      <h1 className="visually-hidden">Factline: latest news</h1>
      {lead && (
        <section aria-label="Lead story" className="home__lead">
          <ArticleCard article={lead} lead />
        </section>
      )}
      {latest.length > 0 && (
        <section aria-labelledby="latest-heading" className="home__latest">
          <h2 id="latest-heading">Latest</h2>
          <ArticleList articles={latest} />
        </section>
      )}
      {sections.map(({ section, stories }) => (
        <section key={section._id} aria-labelledby={`section-${section.slug}`} className="home__section">
          <h2 id={`section-${section.slug}`}>
            <a href={sectionPath(section.slug)}>{section.title}</a>
          </h2>
          <ArticleList articles={stories} />
        </section>
      ))}
    </div>
  )
}
