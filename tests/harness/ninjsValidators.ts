/** IPTC's ninjs 3.1 schema (tests/fixtures/ninjs) and our extension, compiled by ajv in draft 2020-12 mode as IPTC validates. */
import { readFileSync } from 'node:fs'
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { NINJS_EXTENSION_SCHEMA } from '@/lib/feeds/ninjsExtension'

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/ninjs/${name}`, import.meta.url), 'utf8'))
const iptcSchema = fixture('ninjs-schema_3.1.json')

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
// ninjs places refer to GeoJSON's schema; IPTC's own ajv run loads the same copy.
ajv.addSchema(fixture('GeoJSON-schema.json'))
ajv.addSchema(iptcSchema)

export const validateIptcNinjs = ajv.compile(iptcSchema)
export const validateExtendedNinjs = ajv.compile(NINJS_EXTENSION_SCHEMA)

/** The errors as one readable string, so a failing test says where the document is wrong. */
export const schemaErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n')
