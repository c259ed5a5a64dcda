import { ESTATES, PERSONAS, planBuildings, residentNickname } from '../../cloudfunctions/seed/neighbourhood'
import { isEmpty, seedNeighbourhood, type SeedContext } from '../../cloudfunctions/seed/seed'
import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import { memoryDeps, type MemoryDeps } from '../support/memory-deps'
import { firstOf } from '../support/lists'

describe('the neighbourhood plan', () => {
  test('when the buildings are planned, then there are 3 estates, 35 buildings and 1,101 households', () => {
    const buildings = planBuildings()
    expect(ESTATES.map((e) => e.name)).toEqual(['金上海家园', '合生高尔夫', '梅村'])
    expect(buildings).toHaveLength(35)
    expect(buildings.reduce((n, b) => n + b.rooms.length, 0)).toBe(1101)
    expect(new Set(buildings.map((b) => b.id)).size).toBe(35)
  })

  test('when a 金上海家园 building is planned, then it has rooms 101–606, six floors of six', () => {
    const jsh5 = planBuildings().find((b) => b.id === 'jsh-5')
    expect(jsh5).toMatchObject({ estateId: 'jsh', name: '5号楼', order: 5 })
    expect(jsh5?.rooms).toHaveLength(36)
    expect(jsh5?.rooms[0]).toBe('101')
    expect(jsh5?.rooms.at(-1)).toBe('606')
    expect(jsh5?.rooms).toContain('502')
    expect(jsh5?.rooms).not.toContain('107')
  })

  test('when 梅村 8号楼 is planned, then its ground-floor shop (101) is not a household', () => {
    expect(planBuildings().find((b) => b.id === 'mc-8')?.rooms).not.toContain('101')
  })

  test('when residents are named, then the names are deterministic and Chinese', () => {
    expect(residentNickname(0)).toBe(residentNickname(0))
    expect(residentNickname(0)).toMatch(/^[\u4e00-\u9fff]{2,4}$/)
  })
})

describe('seeding the demo neighbourhood', () => {
  let deps: MemoryDeps
  let context: SeedContext
  beforeAll(async () => {
    deps = memoryDeps()
    expect(await isEmpty(deps.store)).toBe(true)
    context = await seedNeighbourhood(deps, 'demo')
  })
  afterAll(() => deps.db.close())

  const userByOpenid = async (openid: string) => firstOf(await deps.store.find('users', { openid }, { limit: 1 }))

  test('when seeded, then the database is no longer empty and holds 3 estates, 35 buildings, 1,101 households and 35 join codes', async () => {
    expect(await isEmpty(deps.store)).toBe(false)
    expect(await deps.store.count('estates', {})).toBe(3)
    expect(await deps.store.count('buildings', {})).toBe(35)
    expect(await deps.store.count('households', {})).toBe(1101)
    const buildings = await deps.store.find('buildings', {}, { limit: 1000 })
    expect(buildings.reduce((n, b) => n + b.householdCount, 0)).toBe(1101)
    const codes = await deps.store.find('join_codes', {}, { limit: 1000 })
    expect(codes).toHaveLength(35)
    for (const code of codes) expect(code.code).toMatch(/^\d{6}$/)
  })

  test('when seeded, then every persona is present with the right roles, building and room', async () => {
    for (const persona of PERSONAS) {
      const user = await userByOpenid(persona.openid)
      expect(user).toMatchObject({ nickname: persona.nickname, roles: persona.grants ?? [] })
      expect(context.personas.get(persona.openid)).toBe(user._id)
      if (persona.verified) {
        expect(user.membership).toMatchObject({
          buildingId: persona.buildingId,
          room: persona.room,
          status: 'verified',
        })
        const membership = await deps.store.get('memberships', user.membership!.membershipId)
        expect(membership).toMatchObject({
          userId: user._id,
          status: 'verified',
          householdId: `${persona.buildingId}~${persona.room}`,
        })
        expect(await deps.store.get('households', membership!.householdId)).not.toBeNull()
      } else {
        expect(user.membership).toBeNull()
      }
      expect(user.privacyAcceptedVersion).toBe(persona.consented ? PRIVACY_NOTICE_VERSION : null)
    }
  })

  test('when seeded, then the named personas hold exactly the roles the demo relies on', async () => {
    expect((await userByOpenid('demo-admin')).roles).toEqual([{ role: 'admin' }])
    expect((await userByOpenid('demo-leader-5')).roles).toEqual([{ role: 'leader', buildingId: 'jsh-5' }])
    expect((await userByOpenid('demo-leader-5')).membership).toMatchObject({ buildingId: 'jsh-5', room: '101' })
    expect((await userByOpenid('demo-doctor')).roles).toEqual([{ role: 'columnist' }])
    expect((await userByOpenid('demo-doctor')).membership).toMatchObject({ buildingId: 'jsh-11' })
    expect((await userByOpenid('demo-resident-5')).membership).toMatchObject({ buildingId: 'jsh-5', room: '502' })
    expect((await userByOpenid('demo-resident-11')).membership).toMatchObject({ buildingId: 'jsh-11' })
    expect((await userByOpenid('demo-youth')).membership).toMatchObject({ buildingId: 'jsh-17' })
    expect((await userByOpenid('demo-newcomer')).membership).toBeNull()
  })

  test('when seeded, then every building has exactly one leader, with a matching role grant', async () => {
    expect(context.leaders.size).toBe(35)
    expect(context.leaders.get('jsh-5')).toBe(context.personas.get('demo-leader-5'))
    const grants = await deps.store.find('role_grants', { role: 'leader' }, { limit: 1000 })
    expect(grants).toHaveLength(35)
    expect(new Set(grants.map((g) => g.buildingId)).size).toBe(35)
    for (const grant of grants) {
      const user = await deps.store.get('users', grant.userId)
      expect(user?.roles).toContainEqual({ role: 'leader', buildingId: grant.buildingId })
    }
  })

  test('when seeded, then every verified membership points at a real household of its building and is mirrored on the user', async () => {
    const memberships = await deps.store.find('memberships', {}, { limit: 1000 })
    expect(memberships.length).toBeGreaterThan(35)
    for (const m of memberships) {
      const household = await deps.store.get('households', m.householdId)
      expect(household).toMatchObject({ buildingId: m.buildingId, room: m.room })
      const user = await deps.store.get('users', m.userId)
      expect(user?.membership?.membershipId).toBe(m._id)
    }
    expect(context.residents.get('jsh-5')).toContain(context.personas.get('demo-resident-5'))
  })
})

describe('seeding at pilot scale', () => {
  test('when the pilot neighbourhood is seeded, then about 3,600 residents live in the same 1,101 households', async () => {
    const deps = memoryDeps()
    try {
      const context = await seedNeighbourhood(deps, 'pilot')
      const verified = await deps.store.count('memberships', { status: 'verified' })
      expect(verified).toBeGreaterThanOrEqual(3500)
      expect(verified).toBeLessThanOrEqual(3700)
      expect(await deps.store.count('users', {})).toBe(verified + 2) // + the committee and the newcomer
      expect(await deps.store.count('households', {})).toBe(1101)
      expect([...context.residents.values()].reduce((n, list) => n + list.length, 0)).toBe(verified)
      expect(context.leaders.size).toBe(35)
      expect(firstOf(await deps.store.find('users', { openid: 'demo-leader-5' })).roles).toEqual([
        { role: 'leader', buildingId: 'jsh-5' },
      ])
    } finally {
      deps.db.close()
    }
  })
})
