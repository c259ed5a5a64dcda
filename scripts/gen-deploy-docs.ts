/**
 * Regenerate what is derived from the specs: cloudbase/database.rules.json and the generated
 * sections of docs/DEPLOY.md (functions, collections and indexes). Run after adding a function
 * or changing a `<feature>.collections.ts`:
 *
 *   npm run gen:deploy-docs            write the files
 *   npm run gen:deploy-docs -- --check exit 1 if they are out of date (for CI)
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ALL_COLLECTIONS } from '../cloudfunctions/core/collections'
import { isEntryPoint } from './lib/entry'
import {
  collectionPlans,
  databaseRulesFile,
  describeAccess,
  describeIndex,
  type CollectionPlan,
} from './lib/database-plan'
import {
  discoverFunctions,
  FUNCTIONS_SRC,
  readFunctionConfig,
  DEFAULT_FUNCTION_CONFIG,
  REPO_ROOT,
} from './lib/function-config'

export const RULES_FILE = path.join(REPO_ROOT, 'cloudbase', 'database.rules.json')
export const DEPLOY_DOC = path.join(REPO_ROOT, 'docs', 'DEPLOY.md')

const cell = (text: string) => text.replace(/\|/g, '\\|')

export function functionsSection(names: readonly string[] = discoverFunctions()): string {
  const rows = names.map((name) => {
    const config = readFunctionConfig(path.join(FUNCTIONS_SRC, name), name)?.config ?? DEFAULT_FUNCTION_CONFIG
    return `| \`${name}\` | ${config.runtime} | ${config.timeout} s | ${config.memorySize} MB | ${config.permissions.openapi.map((a) => `\`${a}\``).join(', ') || '—'} |`
  })
  return ['| function | runtime | timeout | memory | openapi permissions |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  )
}

export function collectionsSection(plans: readonly CollectionPlan[]): string {
  const rows = plans.map((plan) => {
    const indexes = plan.indexes.length
      ? plan.indexes.map((i) => `\`${i.name}\`: ${describeIndex(i)}`).join('<br>')
      : '(only `_id`)'
    return `| \`${plan.name}\` | ${cell(plan.description)} | ${cell(indexes)} | ${cell(describeAccess(plan.access))} |`
  })
  return ['| collection | what lives here | indexes | client rule |', '|---|---|---|---|', ...rows].join('\n')
}

function replaceSection(doc: string, name: string, content: string): string {
  const start = `<!-- generated:${name}:start -->`
  const end = `<!-- generated:${name}:end -->`
  const from = doc.indexOf(start)
  const to = doc.indexOf(end)
  if (from < 0 || to < from) throw new Error(`docs/DEPLOY.md lacks the markers ${start} … ${end}`)
  return `${doc.slice(0, from + start.length)}\n${content}\n${doc.slice(to)}`
}

export function renderOutputs(docText: string): { rules: string; doc: string } {
  const plans = collectionPlans(ALL_COLLECTIONS)
  const rules = JSON.stringify(databaseRulesFile(plans), null, 2) + '\n'
  let doc = replaceSection(docText, 'functions', functionsSection())
  doc = replaceSection(doc, 'collections', collectionsSection(plans))
  return { rules, doc }
}

function cli(): number {
  const { check } = parseArgs({ options: { check: { type: 'boolean', default: false } } }).values
  const docText = fs.readFileSync(DEPLOY_DOC, 'utf8')
  const { rules, doc } = renderOutputs(docText)
  const currentRules = fs.existsSync(RULES_FILE) ? fs.readFileSync(RULES_FILE, 'utf8') : ''
  if (check) {
    const stale = [
      currentRules !== rules ? 'cloudbase/database.rules.json' : '',
      docText !== doc ? 'docs/DEPLOY.md' : '',
    ].filter(Boolean)
    if (stale.length) {
      console.error(`out of date: ${stale.join(', ')} — run npm run gen:deploy-docs`)
      return 1
    }
    console.log('deploy docs and rules are up to date')
    return 0
  }
  fs.mkdirSync(path.dirname(RULES_FILE), { recursive: true })
  fs.writeFileSync(RULES_FILE, rules)
  fs.writeFileSync(DEPLOY_DOC, doc)
  console.log(`wrote ${path.relative(REPO_ROOT, RULES_FILE)} and ${path.relative(REPO_ROOT, DEPLOY_DOC)}`)
  return 0
}

if (isEntryPoint(__filename)) process.exitCode = cli()
