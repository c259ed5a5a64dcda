/**
 * A number given as a command-line flag (read with `util.parseArgs`, which gives strings): the
 * fallback when absent, an error naming the flag when it is not a number of the kind asked for.
 */
export function numberFlag(
  values: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number,
  kind: 'whole' | 'positive',
): number {
  const raw = values[name]
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (kind === 'whole' && !(Number.isInteger(value) && value >= 0)) throw new Error(`--${name} needs a whole number`)
  if (kind === 'positive' && !(Number.isFinite(value) && value > 0))
    throw new Error(`--${name} needs a positive number`)
  return value
}
