import path from 'node:path'

/**
 * Whether this file is the script being run (`tsx scripts/x.ts`), rather than imported by a test.
 * Compares paths instead of `require.main === module`: the global `require` is typed differently
 * once the mini-program typings are in the program, and the path check needs no typing at all.
 */
export function isEntryPoint(filename: string): boolean {
  const entry = process.argv[1]
  return entry !== undefined && path.resolve(entry) === filename
}
