/**
 * People write the same employer differently: "上海银行 " and "上海银行", "ＡＢＣ公司" and "abc公司".
 * The key ignores case, full-width forms, spaces and trailing punctuation; the label shown is
 * the spelling most buddies used (ties: the first one written).
 */
export function workplaceKey(workplace: string): string {
  return workplace
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '')
    .replace(/[。.,，、;；!！]+$/u, '')
}

export function mostCommonSpelling(spellings: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const s of spellings) counts.set(s, (counts.get(s) ?? 0) + 1)
  let best = spellings[0] ?? ''
  for (const s of spellings) if ((counts.get(s) ?? 0) > (counts.get(best) ?? 0)) best = s
  return best
}
