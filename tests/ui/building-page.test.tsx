import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { BuildingTag } from '../../contracts'
import { backend } from '../support/ui/fake-transport'
import { renderPage } from '../support/ui/render'
import { taro } from '../support/ui/taro'
import BuildingPage from '../../src/packages/council/pages/building/index'

/**
 * 楼组主页 against the real local core: the committee's list of 特色, the leader choosing from it,
 * and a resident seeing only what exists — no empty sections for what the building does not have.
 */

const tap = (text: string) => fireEvent.click(screen.getByText(text))

describe('building page (楼组主页)', () => {
  beforeAll(async () => {
    await backend.start()
    backend.reset()
    backend.signInAs('demo-admin')
    for (const name of ['学习楼组', '健康楼组', '孝亲楼组'])
      await backend.ask<{ tags: BuildingTag[] }>('council', 'addBuildingTag', { name })
  })
  afterAll(() => backend.stop())
  beforeEach(() => {
    taro.reset()
    taro.setParams({})
  })

  test('when the leader picks two 特色 and saves, then the page shows them', async () => {
    backend.reset()
    backend.signInAs('demo-leader-5')
    renderPage(BuildingPage)
    await screen.findByText('选择本楼特色')
    tap('选择本楼特色')
    await screen.findByText('学习楼组')
    tap('学习楼组')
    tap('孝亲楼组')
    await screen.findByText('从居委会的清单里选，最多 3 个（已选 2 个）')
    fireEvent.click(document.querySelector('.save-tags') as Element)
    await screen.findByText('修改本楼特色')
    expect(backend.calls.some((c) => c.action === 'setBuildingTags')).toBe(true)
    expect(screen.getByText('学习楼组')).toBeTruthy()
    expect(screen.getByText('孝亲楼组')).toBeTruthy()
    expect(screen.queryByText('健康楼组')).toBeNull()
  })

  test('when a resident opens the page, then it shows the building, its 特色 and its leader by name, and no way to change them', async () => {
    backend.reset()
    backend.signInAs('demo-resident-5')
    const { container } = renderPage(BuildingPage)
    await screen.findByText('金上海家园 5号楼')
    expect(screen.getByText('学习楼组')).toBeTruthy()
    expect(screen.getByText('楼组长：张阿姨')).toBeTruthy()
    expect(screen.queryByText('选择本楼特色')).toBeNull()
    expect(screen.queryByText('修改本楼特色')).toBeNull()
    // The demo building has no charter yet: no charter line at all, rather than an empty one.
    await waitFor(() => expect(container.textContent).not.toContain('本楼自治公约'))
  })
})
