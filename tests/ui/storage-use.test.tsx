import { screen, within } from '@testing-library/react'
import type { MediaStorageUse } from '../../contracts'
import { readableBytes } from '../../src/features/chat/StorageUseCard'
import RolesPage from '../../src/packages/committee/pages/roles/index'
import { backend } from '../support/ui/fake-transport'
import { renderPage } from '../support/ui/render'
import { taro } from '../support/ui/taro'

/** 存储用量 on the committee's 角色 page, in jsdom against the real functions. */
describe('存储用量 on the committee page', () => {
  beforeAll(() => backend.start())
  afterAll(() => backend.stop())
  beforeEach(() => {
    backend.reset()
    backend.signInAs('demo-admin')
    taro.reset()
  })

  test('when nobody has sent a photo or voice message yet, then it says so, with the retention period', async () => {
    renderPage(RolesPage)
    await screen.findByText('群聊图片和语音的存储用量')
    await screen.findByText('还没有人在群里发图片或语音。')
    expect(screen.getByText(/保留 365 天，之后自动删除/)).toBeTruthy()
    expect(backend.calls.map((c) => `${c.fn}.${c.action}`)).toContain('chat.storageUse')
  })

  test('when buildings hold photos and voice, then each shows its size and counts, and the year at the current pace', async () => {
    const row = (groupId: string, name: string, bytes: number, photos: number, voices: number) => ({
      groupId,
      name,
      buildingId: groupId.slice(3),
      photos,
      voices,
      bytes,
      last30DaysBytes: bytes / 2,
    })
    const answer: MediaStorageUse = {
      buildings: [
        row('bg-jsh-5', '金上海家园 5号楼', 48 * 2 ** 20, 120, 300),
        row('bg-jsh-11', '金上海家园 11号楼', 0, 0, 0),
      ],
      interest: { ...row('interest', '兴趣小组（合计）', 2 * 2 ** 20, 6, 0), buildingId: null },
      totalBytes: 50 * 2 ** 20,
      last30DaysBytes: 25 * 2 ** 20,
      retentionDays: 365,
      measuredAt: Date.now(),
    }
    backend.answer('chat', 'storageUse', answer)
    const { container } = renderPage(RolesPage)
    await screen.findByText('48.0 MB · 图片 120 · 语音 300')
    const section = within(container.querySelector('.storage-use') as HTMLElement)
    expect(section.getByText('金上海家园 5号楼')).toBeTruthy()
    expect(section.getByText('兴趣小组（合计）')).toBeTruthy()
    // A building with nothing stored takes no line.
    expect(section.queryByText('金上海家园 11号楼')).toBeNull()
    expect(section.getByText(/共 50.0 MB，最近 30 天新增 25.0 MB（照此一年约 300.0 MB）/)).toBeTruthy()
    expect(readableBytes(3 * 2 ** 30)).toBe('3.0 GB')
  })
})
