/** The first `max` characters of a text on one line, with … when cut. */
export function excerptOf(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`
}
