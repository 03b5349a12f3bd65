import table from './comtradeAreas.json'

/** UN Comtrade's reporter and partner areas, by code; the table says where it comes from. */
const AREAS = new Map(table.areas.map(([code, iso3, name]) => [code as number, { iso3: iso3 as string, name: name as string }]))
const CODE_OF_ISO = new Map(table.areas.map(([code, iso3]) => [iso3 as string, code as number]))

/** The area Comtrade gives a code, if any. */
export const comtradeArea = (code: number) => AREAS.get(code)

/**
 * Why a code and ISO3 pair is not one of Comtrade's areas, or nothing when it is. Comtrade's codes
 * differ from plain M49 in places (France 251, the United States 842), so a pair must match the
 * table, not merely look like codes.
 */
export function areaMismatch(
  code: number,
  iso3: string,
  codeField: string,
  isoField: string,
): { field: string; message: string } | undefined {
  const area = AREAS.get(code)
  const codeOfIso = CODE_OF_ISO.get(iso3)
  if (area?.iso3 === iso3) return undefined
  if (area)
    return {
      field: isoField,
      message: `is ${iso3}, but ${codeField} ${code} is ${area.name} (${area.iso3}) in UN Comtrade's list of areas`,
    }
  if (codeOfIso !== undefined)
    return {
      field: codeField,
      message: `is ${code}, which is not a UN Comtrade area code; ${iso3} (${AREAS.get(codeOfIso)?.name}) is ${codeOfIso} in Comtrade`,
    }
  return { field: codeField, message: `is ${code} with ${isoField} ${iso3}: neither is in UN Comtrade's list of areas` }
}

type Country = { m49: unknown; iso3: unknown }

/** The reporter's and partner's code pairs checked against Comtrade's list; a field already invalid is left to its own problem. */
export function countryProblems(
  countries: { reporter: Country; partner: Country },
  fields: Record<'reporter' | 'partner', { code: string; iso: string }>,
): { field: string; message: string }[] {
  return (['reporter', 'partner'] as const).flatMap((role) => {
    const { m49, iso3 } = countries[role]
    if (typeof m49 !== 'number' || typeof iso3 !== 'string') return []
    return areaMismatch(m49, iso3, fields[role].code, fields[role].iso) ?? []
  })
}
