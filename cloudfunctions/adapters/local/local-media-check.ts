import fs from 'node:fs'
import path from 'node:path'
import type { IdGenerator, Logger, MediaCheck } from '../../core/shared/ports'

/** Answers a verdict; false when no message carries the trace yet (the send is still finishing). */
export type VerdictHandler = (verdict: { traceId: string; pass: boolean }) => Promise<boolean>

export interface LocalMediaCheckOptions {
  /** How long the "check" takes (default 1.5 s, like a quick WeChat answer). */
  delayMs?: number
  /** SHA-256 (hex) of uploads it rejects: a test list, in place of WeChat's judgement. */
  rejectDigests?: Iterable<string>
  ids: IdGenerator
  log: Logger
}

export const DEFAULT_REJECT_LIST = path.join(__dirname, 'rejected-media.txt')

/** Lines of hex digests; `#` starts a comment. */
export function readRejectList(file = DEFAULT_REJECT_LIST): string[] {
  if (!fs.existsSync(file)) return []
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
    .filter((line) => /^[0-9a-f]{64}$/.test(line))
}

/**
 * The local stand-in for WeChat's asynchronous media check: every photo is "checked" after a
 * delay, passed unless its upload's digest is on the test list, and the verdict is handed to the
 * chat feature exactly as a WeChat message push would be.
 */
export class LocalMediaCheck implements MediaCheck {
  readonly delayMs: number
  private readonly reject: Set<string>
  private handler: VerdictHandler | null = null
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(private readonly options: LocalMediaCheckOptions) {
    this.delayMs = options.delayMs ?? 1500
    this.reject = new Set([...(options.rejectDigests ?? [])].map((d) => d.toLowerCase()))
  }

  onVerdict(handler: VerdictHandler): void {
    this.handler = handler
  }

  async submit(item: { sourceDigest: string }): Promise<{ traceId: string }> {
    const traceId = this.options.ids.next('chk')
    const pass = !this.reject.has(item.sourceDigest.toLowerCase())
    this.answer({ traceId, pass }, this.delayMs, 20)
    return { traceId }
  }

  /** Stop answering (the runtime is closing). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    this.handler = null
  }

  private answer(verdict: { traceId: string; pass: boolean }, delayMs: number, triesLeft: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      const handler = this.handler
      if (!handler) return
      handler(verdict).then(
        (applied) => {
          if (!applied && triesLeft > 0) this.answer(verdict, 50, triesLeft - 1)
        },
        (error: Error) =>
          this.options.log.error({ traceId: verdict.traceId, error: error.message }, 'local media verdict failed'),
      )
    }, delayMs)
    timer.unref?.()
    this.timers.add(timer)
  }
}
