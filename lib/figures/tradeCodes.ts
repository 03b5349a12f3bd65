/**
 * UN Comtrade's codes a trade series holds, and the words each is said in: the Studio's choices,
 * the importer's checks, the data pages and the importer's titles for new series all read these.
 */
export const TRADE_FLOWS = {
  X: { title: 'Export', plural: 'exports', toward: 'exports to' },
  M: { title: 'Import', plural: 'imports', toward: 'imports from' },
} as const
export type FlowCode = keyof typeof TRADE_FLOWS
export const FLOW_CODES = Object.keys(TRADE_FLOWS) as FlowCode[]

export const TRADE_FREQUENCIES = {
  M: { title: 'Monthly', adjective: 'monthly' },
  A: { title: 'Annual', adjective: 'annual' },
} as const
export type FrequencyCode = keyof typeof TRADE_FREQUENCIES
export const FREQUENCY_CODES = Object.keys(TRADE_FREQUENCIES) as FrequencyCode[]

const known = <T extends object>(table: T, code: string | null | undefined): T[keyof T] | undefined =>
  code && Object.hasOwn(table, code) ? table[code as keyof T] : undefined

/** A stored series' flow, or undefined for a code the table does not know. */
export const flowOf = (code: string | null | undefined) => known(TRADE_FLOWS, code)
/** "monthly", "annual": a stored series' frequency as a reader reads it. */
export const frequencyWord = (code: string | null | undefined) => known(TRADE_FREQUENCIES, code)?.adjective ?? 'frequency unknown'

/** The Studio's list of choices for a code field. */
export const codeChoices = (table: Record<string, { title: string }>) =>
  Object.entries(table).map(([value, { title }]) => ({ title, value }))
