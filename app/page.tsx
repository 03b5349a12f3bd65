import { ArticleCard, ArticleList } from '@/components/ArticleCard'
import { loadHome, loadSections } from '@/lib/content/fetch'

export default async function HomePage() {
  const [{ lead, latest }, sections] = await Promise.all([loadHome(), loadSections()])
  const articles = lead ? [lead, ...latest] : latest
  return (
    <div className="home">
      <h1 className="visually-hidden">Factline: latest news</h1>
      {lead && (
        <section aria-label="Lead story" className="home__lead">
          <ArticleCard article={lead} lead />
        </section>
      )}
      <section aria-labelledby="latest-heading" className="home__latest">
        <h2 id="latest-heading">Latest</h2>
        <ArticleList articles={latest.slice(0, 8)} />
      </section>
      {sections.map((section) => {
        const inSection = articles.filter((a) => a.section?.slug === section.slug)
        if (inSection.length === 0) return null
        return (
          <section key={section._id} aria-labelledby={`section-${section.slug}`} className="home__section">
            <h2 id={`section-${section.slug}`}>
              <a href={`/sections/${section.slug}`}>{section.title}</a>
            </h2>
            <ArticleList articles={inSection.slice(0, 4)} />
          </section>
        )
      })}
    </div>
  )
}
