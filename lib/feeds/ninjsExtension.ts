import { PERIOD_PATTERN } from '@/lib/figures/period'

/**
 * Factline's extension of IPTC ninjs 3.1: every ninjs property, plus `factline` with each figure
 * of the story as data (the JSON Feed `_trade_facts` shape, lib/feeds/jsonFeed) and its
 * corrections. Built on IPTC's schema by `$ref` with `unevaluatedProperties: false`, so IPTC's
 * properties keep IPTC's rules and nothing unknown passes, as IPTC's guidelines on provider
 * extensions ask. Served at NINJS_EXTENSION_PATH (lib/site/paths) for partners to validate against.
 */
export const NINJS_EXTENSION_VERSION = '1.0'
export const IPTC_NINJS_SCHEMA = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json'

const seriesRef = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title'],
  properties: { id: { type: 'string' }, title: { type: 'string' } },
} as const

const period = { type: 'string', pattern: PERIOD_PATTERN.source, description: 'A year (2021) or a month (2021-03).' } as const

export const NINJS_EXTENSION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:factline:ninjs-extension:1.0',
  title: 'Factline ninjs extension 1.0',
  description: 'IPTC ninjs 3.1 with the trade figures of a Factline story as data, and its corrections.',
  type: 'object',
  $ref: `${IPTC_NINJS_SCHEMA}#/$defs/ninjsType`,
  required: ['uri'],
  properties: {
    factline: {
      type: 'object',
      additionalProperties: false,
      required: ['tradeFacts', 'corrections'],
      properties: {
        tradeFacts: {
          type: 'array',
          items: { oneOf: [{ $ref: '#/$defs/liveFigure' }, { $ref: '#/$defs/unlinkedFigure' }, { $ref: '#/$defs/unverifiedFigure' }] },
        },
        corrections: { type: 'array', items: { $ref: '#/$defs/correction' } },
      },
    },
  },
  unevaluatedProperties: false,
  $defs: {
    liveFigure: {
      description: 'A figure linked to its data: what it shows now, what it showed at publication, and where it comes from.',
      type: 'object',
      additionalProperties: false,
      required: ['text', 'series', 'period', 'value', 'unit', 'source', 'status', 'released_at', 'value_at_publication', 'url'],
      properties: {
        text: { type: 'string' },
        series: seriesRef,
        period,
        value: { type: 'number' },
        unit: { const: 'USD' },
        source: { type: 'string' },
        status: { type: ['string', 'null'] },
        released_at: { type: 'string', format: 'date-time' },
        value_at_publication: { type: ['number', 'null'] },
        url: { type: 'string', format: 'uri' },
        revision_note: { type: 'string' },
        claim: {
          type: 'object',
          additionalProperties: false,
          required: ['verdict', 'note'],
          properties: { verdict: { enum: ['supported', 'not supported', 'cannot be checked'] }, note: { type: 'string' } },
        },
      },
    },
    unlinkedFigure: {
      description: 'A figure whose series is gone: what it showed when the story was published.',
      type: 'object',
      additionalProperties: false,
      required: ['text', 'status', 'series', 'period', 'value_at_publication', 'released_at_publication'],
      properties: {
        text: { type: 'string' },
        status: { const: 'unlinked' },
        series: seriesRef,
        period,
        value_at_publication: { type: 'number' },
        released_at_publication: { type: 'string', format: 'date-time' },
      },
    },
    unverifiedFigure: {
      description: "A figure the data cannot confirm: the editor's text only.",
      type: 'object',
      additionalProperties: false,
      required: ['text', 'status'],
      properties: { text: { type: 'string' }, status: { const: 'unverified' } },
    },
    correction: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'text', 'date'],
      properties: {
        kind: { enum: ['correction', 'clarification'] },
        text: { type: 'string' },
        date: { type: 'string', format: 'date-time' },
      },
    },
  },
} as const
