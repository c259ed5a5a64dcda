import { parseArgs } from 'node:util'
import { numberFlag } from '../../scripts/lib/flags'

const read = (args: string[]) =>
  parseArgs({ args, options: { kills: { type: 'string' }, rate: { type: 'string' } } }).values

describe('script flags', () => {
  test('when a number flag is absent, then the fallback is used; when given, then its value', () => {
    expect(numberFlag(read([]), 'kills', 10, 'whole')).toBe(10)
    expect(numberFlag(read(['--kills', '3']), 'kills', 10, 'whole')).toBe(3)
    expect(numberFlag(read(['--kills=0']), 'kills', 10, 'whole')).toBe(0)
    expect(numberFlag(read(['--rate', '2.5']), 'rate', 25, 'positive')).toBe(2.5)
  })

  test('when a number flag is not a number of the kind asked for, then the error names the flag', () => {
    expect(() => numberFlag(read(['--kills', '1.5']), 'kills', 10, 'whole')).toThrow('--kills needs a whole number')
    expect(() => numberFlag(read(['--kills', 'many']), 'kills', 10, 'whole')).toThrow('--kills needs a whole number')
    expect(() => numberFlag(read(['--rate', '0']), 'rate', 25, 'positive')).toThrow('--rate needs a positive number')
  })

  test('when a script is given a flag it does not know, then parsing refuses it instead of ignoring it', () => {
    expect(() => read(['--kils', '3'])).toThrow(/Unknown option '--kils'/)
  })
})
