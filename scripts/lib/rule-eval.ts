/**
 * Evaluates a CloudBase database security rule (安全规则) expression for one imagined client
 * request, so the smoke check can ask of the rule actually deployed: would a member's watch be
 * let in, and a stranger's kept out? Only the part of the rule language our rules use (and a
 * little more, for rules someone edited by hand): `&& || !`, comparisons, parentheses, `true`,
 * `false`, `null`, numbers, strings, `now`, `auth.*`, `doc.*`, and
 * `get(\`database.<collection>.<id with ${…}>\`).<field>`. Anything else is reported as
 * not understood rather than guessed at.
 */

export interface RuleRequest {
  auth: { openid: string } | null
  /** The document the client reads (its query must pin these fields). */
  doc: Record<string, unknown>
  now: number
  /** `get()`: a document in the database, or null. */
  lookup(collection: string, id: string): Record<string, unknown> | null
}

export class RuleNotUnderstood extends Error {}

type Token = { kind: 'op' | 'ident' | 'number' | 'string' | 'template' | 'punct'; text: string }

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const rest = source.slice(i)
    const space = /^\s+/.exec(rest)
    if (space) {
      i += space[0].length
      continue
    }
    const op = /^(&&|\|\||==|!=|>=|<=|>|<|!)/.exec(rest)
    const ident = /^[A-Za-z_$][\w$]*/.exec(rest)
    const number = /^\d+(\.\d+)?/.exec(rest)
    const quoted = /^('([^'\\]|\\.)*'|"([^"\\]|\\.)*")/.exec(rest)
    const template = /^`[^`]*`/.exec(rest)
    if (op) tokens.push({ kind: 'op', text: op[0] })
    else if (ident) tokens.push({ kind: 'ident', text: ident[0] })
    else if (number) tokens.push({ kind: 'number', text: number[0] })
    else if (quoted) tokens.push({ kind: 'string', text: quoted[0].slice(1, -1) })
    else if (template) tokens.push({ kind: 'template', text: template[0].slice(1, -1) })
    else if (rest[0] && '().[]'.includes(rest[0])) tokens.push({ kind: 'punct', text: rest[0] })
    else throw new RuleNotUnderstood(`unexpected "${rest.slice(0, 12)}"`)
    i += (op ?? ident ?? number ?? quoted ?? template)?.[0].length ?? 1
  }
  return tokens
}

/** Evaluate `rule` for `request`: true lets the request in. */
export function evaluateRule(rule: string, request: RuleRequest): boolean {
  const tokens = tokenize(rule)
  let at = 0
  const peek = () => tokens[at]
  const take = (text?: string): Token => {
    const token = tokens[at]
    if (!token || (text !== undefined && token.text !== text))
      throw new RuleNotUnderstood(`expected ${text ?? 'more'} at token ${at}`)
    at++
    return token
  }

  const pathValue = (root: unknown): unknown => {
    let value = root
    while (peek()?.text === '.' || peek()?.text === '[') {
      if (take().text === '.') {
        const key = take().text
        value = value == null ? undefined : (value as Record<string, unknown>)[key]
      } else {
        const key = orExpr()
        take(']')
        value = value == null ? undefined : (value as Record<string, unknown>)[String(key)]
      }
    }
    return value
  }

  const resolve = (expression: string): unknown => {
    const [root, ...rest] = expression.trim().split('.')
    let value: unknown = root === 'auth' ? request.auth : root === 'doc' ? request.doc : undefined
    if (root !== 'auth' && root !== 'doc') throw new RuleNotUnderstood(`\${${expression}} in get()`)
    for (const key of rest) value = value == null ? undefined : (value as Record<string, unknown>)[key]
    return value
  }

  const primary = (): unknown => {
    const token = take()
    if (token.text === '(') {
      const value = orExpr()
      take(')')
      return pathValue(value)
    }
    if (token.kind === 'number') return Number(token.text)
    if (token.kind === 'string') return token.text
    if (token.kind !== 'ident') throw new RuleNotUnderstood(`unexpected ${token.text}`)
    if (token.text === 'true' || token.text === 'false') return token.text === 'true'
    if (token.text === 'null') return null
    if (token.text === 'now') return request.now
    if (token.text === 'auth') return pathValue(request.auth)
    if (token.text === 'doc') return pathValue(request.doc)
    if (token.text === 'get') {
      take('(')
      const address = take()
      if (address.kind !== 'template' && address.kind !== 'string')
        throw new RuleNotUnderstood('get() takes a database path')
      take(')')
      const path = address.text.replace(/\$\{([^}]*)\}/g, (_, expression: string) => String(resolve(expression)))
      const match = /^database\.([A-Za-z0-9_]+)\.(.+)$/.exec(path)
      if (!match?.[1] || !match[2]) throw new RuleNotUnderstood(`get(${path})`)
      return pathValue(request.lookup(match[1], match[2]))
    }
    throw new RuleNotUnderstood(`unknown name ${token.text}`)
  }

  const compare = (): unknown => {
    const left = primary()
    const op = peek()
    if (op?.kind !== 'op' || !['==', '!=', '>', '>=', '<', '<='].includes(op.text)) return left
    take()
    const right = primary()
    if (op.text === '==') return left === right
    if (op.text === '!=') return left !== right
    // Comparing with a missing value (no document, no field) is false, as on CloudBase.
    if (typeof left !== typeof right || left == null || right == null) return false
    const [a, b] = [left as number | string, right as number | string]
    return op.text === '>' ? a > b : op.text === '>=' ? a >= b : op.text === '<' ? a < b : a <= b
  }
  const unary = (): unknown => {
    if (peek()?.text === '!') {
      take()
      return !unary()
    }
    return compare()
  }
  const andExpr = (): unknown => {
    let value = unary()
    while (peek()?.text === '&&') {
      take()
      const right = unary()
      value = Boolean(value) && Boolean(right)
    }
    return value
  }
  function orExpr(): unknown {
    let value = andExpr()
    while (peek()?.text === '||') {
      take()
      const right = andExpr()
      value = Boolean(value) || Boolean(right)
    }
    return value
  }

  const result = orExpr()
  if (at !== tokens.length) throw new RuleNotUnderstood(`unexpected ${tokens[at]?.text} after the expression`)
  return result === true
}
