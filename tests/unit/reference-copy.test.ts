import { memoryDeps } from '../support/memory-deps'
import type { DocumentStore } from '../../cloudfunctions/core/shared/document-store'
import { SqliteDocumentStore } from '../../cloudfunctions/adapters/sqlite/sqlite-document-store'

type Module = typeof import('../../cloudfunctions/core/account/places.repository') &
  typeof import('../../cloudfunctions/core/shared/reference-copy')

/** One function instance: its own copy of the modules (so its own copies of the places). */
function instance(): Module {
  let loaded: Module | undefined
  jest.isolateModules(() => {
    loaded = {
      ...jest.requireActual<Module>('../../cloudfunctions/core/account/places.repository'),
      ...jest.requireActual<Module>('../../cloudfunctions/core/shared/reference-copy'),
    }
  })
  return loaded as Module
}

/** Store operations, counted. */
function counted(store: DocumentStore): { store: DocumentStore; reads: () => number } {
  let reads = 0
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        reads += 1
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return { store: proxy, reads: () => reads }
}

describe('estates and buildings kept per function instance', () => {
  let now = Date.UTC(2026, 11, 1)
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now))
  afterEach(() => jest.restoreAllMocks())

  async function neighbourhood() {
    const deps = memoryDeps()
    await deps.store.insert('estates', { _id: 'e1', name: '梅村', order: 1 })
    await deps.store.insert('buildings', { _id: 'b1', estateId: 'e1', name: '1号楼', order: 1, householdCount: 10 })
    return deps
  }

  test('when an instance has read the places, then naming a building again reads nothing until a minute has passed, and then only the version', async () => {
    const deps = await neighbourhood()
    const a = instance()
    const { store, reads } = counted(deps.store)
    expect((await a.getBuildingWithEstate(store, 'b1'))?.building.name).toBe('1号楼')
    const first = reads()
    expect(first).toBe(3) // the version, the estates, the buildings
    await a.getBuildings(store, ['b1'])
    expect(reads()).toBe(first)
    now += a.PLACES_RECHECK_MS
    await a.getBuildings(store, ['b1'])
    expect(reads()).toBe(first + 1)
  })

  test('when another instance changes a building and bumps the version, then this instance shows the change after its next look at the version', async () => {
    const deps = await neighbourhood()
    const a = instance()
    const b = instance()
    const storeA = deps.store
    // Another instance: its own store object on the same database.
    const storeB = new SqliteDocumentStore(deps.db)
    expect((await a.getBuildingWithEstate(storeA, 'b1'))?.building.name).toBe('1号楼')
    await storeB.update('buildings', 'b1', { set: { name: '一号楼' } })
    await b.bumpPlacesVersion(storeB)
    // Within the minute the instance trusts its copy…
    expect((await a.getBuildingWithEstate(storeA, 'b1'))?.building.name).toBe('1号楼')
    now += a.PLACES_RECHECK_MS
    // …then it sees the version moved and reads the places again.
    expect((await a.getBuildingWithEstate(storeA, 'b1'))?.building.name).toBe('一号楼')
  })

  test('when the places change in this instance, then its copy is dropped at once', async () => {
    const deps = await neighbourhood()
    const a = instance()
    expect((await a.listBuildings(deps.store)).map((b) => b.name)).toEqual(['1号楼'])
    await deps.store.insert('buildings', { _id: 'b2', estateId: 'e1', name: '2号楼', order: 2, householdCount: 8 })
    await a.bumpPlacesVersion(deps.store)
    expect((await a.listBuildings(deps.store)).map((b) => b.name)).toEqual(['1号楼', '2号楼'])
  })
})
