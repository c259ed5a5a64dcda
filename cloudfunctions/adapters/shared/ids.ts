import { randomBytes, randomInt } from 'node:crypto'
import type { IdGenerator } from '../../core/shared/ports'

/**
 * `<prefix>_<time><random>`: the base-36 millisecond time keeps ids roughly in creation order
 * (handy in logs and as a tiebreak), 64 random bits keep them unguessable.
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return {
    next(prefix) {
      const time = now().toString(36).padStart(9, '0')
      const random = randomBytes(8).toString('base64url')
      return `${prefix}_${time}${random}`
    },
    digits(length) {
      let out = ''
      for (let i = 0; i < length; i++) out += String(randomInt(10))
      return out
    },
  }
}
