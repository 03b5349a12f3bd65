import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces'

// XML 1.0 allows tab, line feed and carriage return and no other C0 control; U+FFFE, U+FFFF and
// unpaired surrogates are not characters at all. A builder escapes markup but cannot escape these.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu

/** Text with the characters XML 1.0 forbids removed, so any headline or body makes a well-formed feed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHARACTERS, '')
}

/**
 * xmlbuilder2 escapes `<`, `>` and quotes but leaves anything shaped like an entity (`&nbsp;`,
 * `&lt;`) as it is, so a headline with "&nbsp;" would be malformed and the `&lt;` of escaped feed
 * HTML would turn back into markup. Escaping every `&` first leaves it only well-formed `&amp;`.
 */
const forXml = (text: string) => xmlSafe(text).replace(/&/g, '&amp;')

/** Appends an element with escaped text and attributes; undefined attributes are left out. */
export function appendElement(
  parent: XMLBuilder,
  name: string,
  text?: string,
  attributes: Record<string, string | number | undefined> = {},
): XMLBuilder {
  const escaped = Object.entries(attributes).flatMap(([key, value]) => (value === undefined ? [] : [[key, forXml(String(value))]]))
  const element = parent.ele(name, Object.fromEntries(escaped))
  if (text !== undefined) element.txt(forXml(text))
  return element
}

// The W3C feed validator warns (CharacterData, from the RSS Best Practices Profile) on `&amp;` and
// `&lt;` in plain text and asks for hexadecimal references, the form most aggregators read as text.
const HEX_REFERENCES: Record<string, string> = { '&amp;': '&#x26;', '&lt;': '&#x3C;', '&gt;': '&#x3E;' }

/**
 * A serialised feed with the escaped `&`, `<` and `>` of its text as hexadecimal references: the
 * same characters to any XML parser. Done on the serialised document because xmlbuilder2 escapes
 * the `&` of a numeric reference handed to it as text. Tags are left as they are (xmlbuilder2
 * escapes `<` and `>` in attribute values): a URL attribute keeps `&amp;`, which some feed
 * readers' parsers decode where they leave a numeric reference as it is.
 */
export function withHexReferences(xml: string): string {
  return xml.replace(/(<[^>]*>)|&(?:amp|lt|gt);/g, (match, tag?: string) => tag ?? HEX_REFERENCES[match] ?? match)
}
