/** Text an editor, an import or an attacker may put in any field: every syndication format must carry it as text. */
export const HOSTILE = [
  ['markup and entities', 'Tom & Jerry <script>alert("x")</script> &amp; &nbsp;'],
  ['a CDATA terminator', 'Ends with ]]> and <![CDATA[ opens'],
  ['quotes', `"Double" and 'single' quotes`],
  ['emoji', 'Trade 📈 up 🇰🇵🇨🇳'],
  ['right-to-left text', 'تجارة كوريا الشمالية עם סין'],
  ['C0 controls', 'null\u0000 bell\u0007 vt\u000B ff\u000C esc\u001B end'],
  ['non-characters and a lone surrogate', 'a\uFFFE b\uFFFF c\uD83D d'],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
] as const
