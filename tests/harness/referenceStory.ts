/** The reference story's figures as its text gives them, in reading order (the seed text, word for word). */
export const REFERENCE_FIGURE_TEXTS = [
  '$12.98 million',
  '$3,000',
  'the highest level since September 2020',
  '$18.9 million',
  '$1.3 million',
  '$1.75 million',
]
