import type { Envelope } from '../../contracts'

/** How a call reaches the functions: one envelope in, one envelope out; a failed trip throws NETWORK. */
export type Transport = (fn: string, body: { action: string; data: unknown }) => Promise<Envelope<unknown>>

/** What became of a file the app handed over (see files.*.ts). */
export type HandedOver = 'downloaded' | 'shared' | 'copied' | 'kept'

/** How the mini-program hands a file over; the browser always downloads it. */
export type WeChatHandOver = 'share-or-copy' | 'copy' | 'keep'

/** What the subscribe prompt said: none in the browser, no template configured, or the keys allowed. */
export type PromptAnswer<K extends string> =
  { kind: 'no-prompt' } | { kind: 'unconfigured' } | { kind: 'answered'; accepted: K[] }
