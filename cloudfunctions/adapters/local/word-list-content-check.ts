import fs from 'node:fs'
import path from 'node:path'
import type { ContentCheck, ContentVerdict } from '../../core/shared/ports'

export const DEFAULT_WORD_LIST = path.join(__dirname, 'blocked-words.txt')

/** Folding that defeats the cheap tricks: spaces, zero-width characters, full-width letters, case. */
export function normaliseForCheck(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '')
    .toLowerCase()
}

export function parseWordList(contents: string): string[] {
  return contents
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map(normaliseForCheck)
}

/** The local stand-in for WeChat's msgSecCheck: a word list, one entry per line. */
export class WordListContentCheck implements ContentCheck {
  private readonly words: string[]

  constructor(words: readonly string[]) {
    this.words = [...words]
  }

  static fromFile(file: string = DEFAULT_WORD_LIST): WordListContentCheck {
    return new WordListContentCheck(parseWordList(fs.readFileSync(file, 'utf8')))
  }

  async check({ text }: { text: string }): Promise<ContentVerdict> {
    const folded = normaliseForCheck(text)
    return this.words.some((word) => folded.includes(word)) ? { ok: false, label: 'wordlist' } : { ok: true }
  }
}
