/**
 * A feature touches another feature's collections only through that feature's exported
 * functions (its `<entity>.repository.ts`, or any function it exports): never by naming the
 * collection in a store call of its own. So the owner can change how a collection is stored and
 * read, and every reader is found in one place.
 *
 * Who owns a collection is read from the declarations themselves: the feature folder whose file
 * declares it with `defineCollections([...])` (cloudfunctions/core/<feature>/…). A test checks
 * that this reading finds exactly ALL_COLLECTIONS.
 */
const fs = require('node:fs')
const path = require('node:path')

const CORE = path.join('cloudfunctions', 'core')
const STORE_METHODS = new Set([
  'get',
  'getMany',
  'insert',
  'insertMany',
  'put',
  'update',
  'updateWhere',
  'delete',
  'deleteWhere',
  'find',
  'count',
])

function tsFilesUnder(dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...tsFilesUnder(full))
    else if (entry.name.endsWith('.ts')) out.push(full)
  }
  return out
}

const ownersByRoot = new Map()

/** Collection name → the feature folder that declares it (`account`, `chat`, … or `shared`). */
function collectionOwners(root) {
  const core = path.join(root, CORE)
  const owners = new Map()
  for (const feature of fs.readdirSync(core, { withFileTypes: true })) {
    if (!feature.isDirectory()) continue
    for (const file of tsFilesUnder(path.join(core, feature.name))) {
      const text = fs.readFileSync(file, 'utf8')
      const start = text.indexOf('defineCollections([')
      if (start < 0 || /lint-fixture-/.test(file)) continue
      // Each spec opens with `{` at two spaces and names itself at four.
      for (const match of text.slice(start).matchAll(/^ {4}name: '([a-z0-9_]+)'/gm)) owners.set(match[1], feature.name)
    }
  }
  return owners
}

/** The feature folder of a file under cloudfunctions/core/, or null for files outside a feature. */
function featureOf(root, filename) {
  const relative = path.relative(path.join(root, CORE), filename)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null
  const parts = relative.split(path.sep)
  return parts.length > 1 ? parts[0] : null
}

/** The string a node stands for: a literal, or a `const` in scope initialised with one. */
function staticString(node, scope) {
  if (!node) return null
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked
  if (node.type === 'TSAsExpression') return staticString(node.expression, scope)
  if (node.type === 'Identifier') {
    for (let s = scope; s; s = s.upper) {
      const variable = s.set.get(node.name)
      if (!variable) continue
      const def = variable.defs[0]
      if (def && def.type === 'Variable' && def.parent.kind === 'const' && def.node.init)
        return staticString(def.node.init, s)
      return null
    }
  }
  return null
}

/** Does this expression name a store (`store`, `tx`, `deps.store`, `this.deps.store`)? */
function looksLikeStore(node) {
  if (!node) return false
  if (node.type === 'Identifier') return /^(store|tx)$/i.test(node.name) || /Store$/.test(node.name)
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier')
    return node.property.name === 'store'
  return false
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "A feature reaches another feature's collections only through that feature's functions" },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: {
              type: 'object',
              properties: { folder: { type: 'string' }, why: { type: 'string' } },
              required: ['folder', 'why'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      foreign:
        "'{{collection}}' belongs to core/{{owner}}: read or write it through a function core/{{owner}} exports (its {{owner}}/<entity>.repository.ts), not store.{{method}}('{{collection}}', …). See docs/ARCHITECTURE.md (Storage).",
    },
  },
  create(context) {
    const root = context.cwd
    const filename = context.filename
    const feature = featureOf(root, filename)
    if (!feature) return {}
    const allowed = (context.options[0]?.allow ?? []).map((a) => path.join(root, a.folder))
    if (allowed.some((folder) => filename === folder || filename.startsWith(folder + path.sep))) return {}
    if (!ownersByRoot.has(root)) ownersByRoot.set(root, collectionOwners(root))
    const owners = ownersByRoot.get(root)
    const sourceCode = context.sourceCode

    function check(node, collectionNode, method) {
      const collection = staticString(collectionNode, sourceCode.getScope(collectionNode))
      if (collection === null) return
      const owner = owners.get(collection)
      if (!owner || owner === feature) return
      context.report({ node: collectionNode, messageId: 'foreign', data: { collection, owner, method } })
    }

    return {
      CallExpression(node) {
        const callee = node.callee
        // store.find('users', …), tx.get('groups', …)
        if (
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          callee.property.type === 'Identifier' &&
          STORE_METHODS.has(callee.property.name) &&
          // Every store method takes the collection and something more; Map#get('…') does not.
          node.arguments.length > 1
        ) {
          check(node, node.arguments[0], callee.property.name)
          return
        }
        // A helper handed the store and a collection: findAll(store, 'users', …)
        if (looksLikeStore(node.arguments[0]))
          for (const arg of node.arguments.slice(1))
            check(node, arg, callee.type === 'Identifier' ? callee.name : 'call')
      },
    }
  },
}

module.exports = { rules: { 'feature-collections': rule }, collectionOwners }
