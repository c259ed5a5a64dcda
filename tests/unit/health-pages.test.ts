import { HEALTH_PAGES } from '../../contracts'

describe('the health pages', () => {
  test('when the app config is read, then every page the column links to is in the health subpackage', async () => {
    ;(globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (config) => config
    const config = (await import('../../src/app.config')).default as unknown as {
      subPackages: Array<{ root: string; pages: string[] }>
    }
    const declared = config.subPackages.flatMap((p) => p.pages.map((page) => `/${p.root}/${page}`))
    expect(Object.values(HEALTH_PAGES).filter((page) => !declared.includes(page))).toEqual([])
  })
})
