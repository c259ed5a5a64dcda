import { ALL_COLLECTIONS } from '../../../cloudfunctions/core/collections'
import { renderPlan } from '../../../scripts/deploy'
import { collectionPlans } from '../../../scripts/lib/database-plan'
import { mergeWithConsole } from '../../../scripts/lib/function-env'
import { FUNCTION_ENV_VARS, functionPlans } from '../../../scripts/lib/function-plan'

/** What a deploy does to the functions' environment variables, which `tcb fn deploy` replaces wholesale. */
describe('function environment variables on deploy', () => {
  const TEMPLATES = '{"announcement":{"templateId":"T1","fields":{"thing1":"title"}}}'

  test('when the function was never deployed, then the planned variables are all it gets', () => {
    expect(mergeWithConsole('chat', null, { LOUZU_TEMPLATE_IDS: TEMPLATES }, FUNCTION_ENV_VARS)).toEqual({
      variables: { LOUZU_TEMPLATE_IDS: TEMPLATES },
      wipes: [],
      kept: [],
    })
  })

  test('when the console holds a setting we manage that the shell lacks, then it is a wipe (the deploy refuses)', () => {
    const merged = mergeWithConsole(
      'chat',
      { LOUZU_TEMPLATE_IDS: TEMPLATES, LOUZU_MINIPROGRAM_STATE: 'trial' },
      { LOUZU_TEMPLATE_IDS: TEMPLATES },
      FUNCTION_ENV_VARS,
    )
    expect(merged.wipes).toEqual([{ functionName: 'chat', variable: 'LOUZU_MINIPROGRAM_STATE' }])
  })

  test('when the console holds a variable we do not manage, then it is carried over as it is', () => {
    const merged = mergeWithConsole(
      'chat',
      { TZ: 'Asia/Shanghai', EMPTY: '' },
      { LOUZU_TEMPLATE_IDS: TEMPLATES },
      FUNCTION_ENV_VARS,
    )
    expect(merged).toEqual({
      variables: { LOUZU_TEMPLATE_IDS: TEMPLATES, TZ: 'Asia/Shanghai' },
      wipes: [],
      kept: ['TZ'],
    })
  })

  test('when the shell changes a value, then the shell wins (that is what deploying means)', () => {
    expect(
      mergeWithConsole('chat', { LOUZU_LOG_LEVEL: 'warn' }, { LOUZU_LOG_LEVEL: 'info' }, FUNCTION_ENV_VARS).variables,
    ).toEqual({ LOUZU_LOG_LEVEL: 'info' })
  })

  test('when the dry run has no templates, then it says the real deploy will refuse; with them, which keys are set', () => {
    const plan = (settings: Record<string, string>) =>
      renderPlan(undefined, '/nowhere', functionPlans('/nowhere'), collectionPlans(ALL_COLLECTIONS), settings)
    expect(plan({})).toMatch(
      /LOUZU_TEMPLATE_IDS: \(not set\)\n\s+LOUZU_MINIPROGRAM_STATE: \(not set\)[\s\S]*WILL REFUSE: LOUZU_TEMPLATE_IDS is not set/,
    )
    expect(plan({ LOUZU_TEMPLATE_IDS: TEMPLATES, LOUZU_LOG_LEVEL: 'warn' })).toMatch(
      /LOUZU_TEMPLATE_IDS: set \(announcement\)[\s\S]*LOUZU_LOG_LEVEL: warn/,
    )
    expect(plan({ LOUZU_TEMPLATE_IDS: TEMPLATES })).not.toContain('WILL REFUSE')
  })
})
