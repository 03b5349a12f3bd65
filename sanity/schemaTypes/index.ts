import { articleType } from './articleType'
import { authorType } from './authorType'
import { blockContentType } from './blockContentType'
import { bylineType } from './bylineType'
import { correctionType } from './correctionType'
import { countryType } from './countryType'
import { dataChartType } from './dataChartType'
import { photoType } from './photoType'
import { publishedFigureType } from './publishedFigureType'
import { sectionType } from './sectionType'
import { tagType } from './tagType'
import { tradeFactType } from './tradeFactType'
import { tradeObservationType } from './tradeObservationType'
import { tradeSeriesType } from './tradeSeriesType'

export const schemaTypes = [
  articleType,
  authorType,
  sectionType,
  tagType,
  tradeSeriesType,
  tradeObservationType,
  countryType,
  bylineType,
  photoType,
  blockContentType,
  tradeFactType,
  dataChartType,
  publishedFigureType,
  correctionType,
]
