import { spawnSync } from 'node:child_process'
import path from 'node:path'

/**
 * The front end's layering rules (.dependency-cruiser.cjs), each shown failing on a small folder
 * that breaks it — a rule that never fires protects nothing — and passing on one that keeps it.
 */
const REPO = path.resolve(__dirname, '..', '..')
const FIXTURES = path.join(__dirname, 'fixtures', 'dependency-rules')

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

function violations(fixture: string): string[] {
  const run = spawnSync(
    path.join(REPO, 'node_modules', '.bin', 'depcruise'),
    ['src', '--config', path.join(FIXTURES, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    {
      cwd: path.join(FIXTURES, fixture),
      encoding: 'utf8',
    },
  )
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } }
  // A fixture that cruised nothing would pass every rule without proving anything.
  expect(result.summary.totalCruised).toBeGreaterThan(1)
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
}

describe('dependency rules of the front end', () => {
  test('when a page imports from services/, then lint fails with pages-never-call-services', () => {
    expect(violations('page-imports-services')).toEqual([
      'pages-never-call-services: src/pages/home/index.ts → src/services/api.ts',
    ])
  })

  test('when a page reaches the back end through a feature hook and its api.ts, then lint passes', () => {
    expect(violations('page-through-feature')).toEqual([])
  })

  test('when a page calls a feature api itself, then lint fails with pages-use-hooks-not-apis', () => {
    expect(violations('page-calls-feature-api')).toEqual([
      'pages-use-hooks-not-apis: src/packages/events/pages/mine/index.ts → src/features/events/api.ts',
    ])
  })

  test('when a feature file other than api.ts calls services/api, then lint fails with feature-calls-through-its-api', () => {
    expect(violations('feature-bypasses-api')).toEqual([
      'feature-calls-through-its-api: src/features/events/EventCard.ts → src/services/api.ts',
    ])
  })

  test('when a component or a hook imports a feature or a page, then lint fails with helpers-never-reach-up', () => {
    expect(violations('helper-reaches-up')).toEqual([
      'helpers-never-reach-up: src/components/Card.ts → src/features/events/format.ts',
      'helpers-never-reach-up: src/hooks/useTitle.ts → src/pages/home/index.ts',
    ])
  })

  test('when a platform file imports a feature, then lint fails with platform-below-features', () => {
    expect(violations('platform-reaches-up')).toEqual([
      'platform-below-features: src/platform/device.ts → src/features/account/roles.ts',
    ])
  })
})
