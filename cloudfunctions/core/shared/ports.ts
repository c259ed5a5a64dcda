import type { SubscribeTemplateKey } from '../../../contracts'
import type { Doc, DocumentStore, SortDirection } from './document-store'

/** Time, injectable so tests can move it (recall windows, reminders, join-code expiry). */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** New document ids (URL-safe, roughly time-ordered, unguessable) and short random codes. */
export interface IdGenerator {
  next(prefix: string): string
  /** A random string of decimal digits, e.g. a join code. */
  digits(length: number): string
}

/** Where text is checked before it is stored (WeChat msgSecCheck in production, a word list locally). */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'social'

export type ContentVerdict = { ok: true } | { ok: false; label: string }

export interface ContentCheck {
  check(input: { text: string; scene: ContentScene; openid?: string }): Promise<ContentVerdict>
}

export interface Logger {
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
  error(fields: Record<string, unknown>, message: string): void
}

/** What a notification says; recipients see it in the in-app centre and, if granted, as a WeChat subscribe message. */
export interface NotificationDraft {
  kind: string
  /** The WeChat subscribe-message template this maps to, sent only to people who granted it. */
  templateKey?: SubscribeTemplateKey
  title: string
  body: string
  /** Page to open, e.g. `/pages/announcement/index?id=…`. */
  link?: string
  urgent?: boolean
  /** What it is about, e.g. `announcement:<id>`: its WeChat sends are counted under this key. */
  about?: string
  /**
   * At most `max` of these per recipient per window, told one by one; beyond, one summary per
   * recipient and window that is replaced (unread, on top) as more arrive, saying how many.
   * Counted in the store (core/shared/counters.ts), so the cap holds across function instances.
   */
  cap?: NotificationCap
}

export interface NotificationCap {
  /** The counter's name, e.g. `chatMention`. */
  name: string
  max: number
  windowMs: number
  /** The summary's words for `overCap` notifications beyond the cap. */
  summary: (overCap: number) => { title: string; body: string }
}

export interface Notifier {
  notify(recipientIds: readonly string[], draft: NotificationDraft): Promise<void>
}

/** A WeChat subscribe message (订阅消息) for one person who granted the template. */
export interface SubscribeMessage {
  /** The outbox item it comes from: one send per key, ever. */
  key: string
  openid: string
  templateKey: SubscribeTemplateKey
  page?: string
  data: Record<string, string>
}

/**
 * How a send ended. When it was not delivered, `grant` says what became of the person's one-time
 * grant: `kept` (refused before delivery — it may be used for the next message), `gone` (WeChat
 * says the person has none left) or `unknown` (an error after which delivery cannot be ruled out,
 * so the message is never tried again). `retryable`: refused for a passing reason (WeChat busy),
 * so trying again shortly is safe.
 */
export type SendResult =
  { delivered: true } | { delivered: false; reason: string; grant: 'kept' | 'gone' | 'unknown'; retryable?: boolean }

export interface SubscribeMessenger {
  send(message: SubscribeMessage): Promise<SendResult>
  /**
   * Whether the send with this key went out, for a drain that died between sending and writing it
   * down; absent when the messenger cannot tell (WeChat keeps no receipt we can ask for).
   */
  wasDelivered?(key: string): Promise<boolean>
}

/** Push to live listeners (SSE locally, database watch in WeChat). Topics look like `group:<id>`. */
export interface RealtimePublisher {
  publish(topic: string, event: { type: string; cursor?: string; payload: unknown }): void
  /**
   * The person's standing just changed (a membership or role ended): their open streams re-check
   * now, and close on what they may no longer read. On CloudBase there is no stream to reach; the
   * watch leases are deleted by the chat feature instead.
   */
  revoke(userId: string): void
}

/**
 * Making deleted data unrecoverable from the storage itself, after an erasure: SQLite zeroes freed
 * pages (secure_delete) and folds the write-ahead log into the file and truncates it. CloudBase
 * manages its own storage and has nothing to do.
 */
export interface ErasedDataPurge {
  purge(): Promise<void>
}

/** What a substring search asks for. */
export interface TextQuery {
  /** Every term must occur, case-insensitively and as a substring, in at least one of `fields`. Terms have ≥ 2 characters. */
  terms: readonly string[]
  /** Top-level string fields to look in. */
  fields: readonly string[]
  orderBy: [field: string, direction: SortDirection]
  /** At most 1000, like `find`. */
  limit: number
}

/**
 * Chinese substring search over a collection's text fields: an FTS5 trigram index locally,
 * regular-expression queries on CloudBase. It finds and orders by `orderBy`; ranking and
 * highlighting are the feature's (in core), so both back ends rank alike.
 */
export interface TextSearch {
  findContaining<T extends Doc>(collection: string, query: TextQuery): Promise<T[]>
}

/**
 * Private file storage for photos and voice: files under the data folder locally, CloudBase cloud
 * storage (private files) in production. Nothing stored is ever reachable without a link from
 * `links`, which the feature hands out only after checking who asks.
 */
export interface MediaStorage {
  /** Store bytes under a path like `chat/<groupId>/<name>.jpg`; returns the key to keep (a cloud file id on CloudBase). */
  put(path: string, bytes: Uint8Array, contentType: string): Promise<string>
  /** The bytes of a key (or an upload reference), or null when there is no such file. */
  get(key: string): Promise<Uint8Array | null>
  /** Remove the files for good; keys that are already gone are fine. */
  delete(keys: readonly string[]): Promise<void>
  /** Short-lived links for `viewerId` (locally signed for that person and re-checked when fetched). */
  links(keys: readonly string[], viewerId: string, ttlSeconds: number): Promise<Map<string, string>>
}

/** A photo after the server decoded and re-encoded it: JPEG, upright, no metadata at all. */
export interface NormalizedImage {
  image: Uint8Array
  thumb: Uint8Array
  width: number
  height: number
  /** SHA-256 (hex) of the bytes as uploaded, for the local checker's test list. */
  sourceDigest: string
}

/** Decodes, limits (MEDIA.* errors) and re-encodes photos: sharp in both runtimes. */
export interface ImageProcessor {
  normalize(bytes: Uint8Array): Promise<NormalizedImage>
}

/**
 * The asynchronous content check of photos and voice: WeChat `mediaCheckAsync` in production, a
 * local checker with a delay and a test list otherwise. The answer arrives later, through
 * `applyMediaVerdict` (a WeChat message push in production, a timer locally).
 */
export interface MediaCheck {
  submit(item: {
    key: string
    kind: 'image' | 'voice'
    openid: string
    sourceDigest: string
  }): Promise<{ traceId: string }>
}

export interface MediaPorts {
  storage: MediaStorage
  images: ImageProcessor
  check: MediaCheck
}

export interface Deps {
  store: DocumentStore
  clock: Clock
  ids: IdGenerator
  contentCheck: ContentCheck
  notifier: Notifier
  realtime: RealtimePublisher
  search: TextSearch
  log: Logger
  media: MediaPorts
  /** Absent where the storage needs nothing after an erasure. */
  purge?: ErasedDataPurge
}
