/**
 * One-time codes (the committee claim code, sign-in codes) are stored only as a SHA-256 hash: a
 * copy of the database does not hand them out. Web Crypto, so it runs unchanged on CloudBase and
 * locally.
 */
export async function hashCode(purpose: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${purpose}:${code}`)
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** What people type: digits, with any spaces or dashes they added to read it. */
export function typedDigits(code: string): string {
  return code.normalize('NFKC').replace(/[\s-]/g, '')
}

/** 12 digits shown in groups of four: 4821-0937-5512. */
export function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1-')
}
