import type { StructureResolver } from 'sanity/structure'
import { API_VERSION } from '../lib/content/config'

const NEWEST_FIRST = [{ field: 'publishedAt', direction: 'desc' as const }]

/**
 * The desk as the newsroom works: stories by section first, then the stories not yet published
 * or with unpublished changes, then the data series figures link to, and the people and sections.
 */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Factline')
    .items([
      S.listItem()
        .id('articles-by-section')
        .title('Articles by section')
        .child(
          S.documentTypeList('section')
            .title('Sections')
            .child((sectionId) =>
              S.documentList()
                .id(`articles-in-${sectionId}`)
                .title('Articles')
                .schemaType('article')
                .filter('_type == "article" && section._ref == $sectionId')
                .apiVersion(API_VERSION)
                .params({ sectionId })
                .defaultOrdering(NEWEST_FIRST),
            ),
        ),
      S.listItem()
        .id('drafts')
        .title('Drafts')
        .child(
          S.documentList()
            .id('article-drafts')
            .title('Drafts and unpublished changes')
            .schemaType('article')
            // The Studio lists through the drafts perspective, where a draft's _id reads as the
            // published id and the draft id is in _originalId; the raw _id covers other perspectives.
            .filter('_type == "article" && (_id in path("drafts.**") || _originalId in path("drafts.**"))')
            .apiVersion(API_VERSION)
            .defaultOrdering([{ field: '_updatedAt', direction: 'desc' }]),
        ),
      S.documentTypeListItem('article').title('All articles'),
      S.divider(),
      S.documentTypeListItem('tradeSeries').title('Data series'),
      S.divider(),
      S.documentTypeListItem('author').title('Authors'),
      S.documentTypeListItem('section').title('Sections'),
      S.documentTypeListItem('tag').title('Tags'),
    ])
