import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { EventDetail, EventSummary } from '../../contracts'
import EventDetailPage from '../../src/packages/events/pages/detail/index'
import { backend } from '../support/ui/fake-transport'
import { renderPage } from '../support/ui/render'
import { taro } from '../support/ui/taro'

/** 活动详情 in jsdom: the page composes useEvent and the events feature's components. */
describe('活动详情 page', () => {
  let eventId = ''
  let title = ''

  beforeAll(async () => {
    await backend.start()
    const { events } = await backend.ask<{ events: EventSummary[] }>('events', 'list', {})
    for (const summary of events) {
      const event = await backend.ask<EventDetail>('events', 'get', { eventId: summary.eventId })
      if (
        !event.closed &&
        !event.mine &&
        !event.questions.length &&
        (event.seatsLeft === null || event.seatsLeft > 0)
      ) {
        eventId = event.eventId
        title = event.title
        break
      }
    }
    if (!eventId) throw new Error('the demo seed has no event this resident can sign up for')
  })
  afterAll(() => backend.stop())
  beforeEach(() => {
    backend.reset()
    taro.reset()
  })

  test('when the event is still loading, then the page says 正在加载', async () => {
    backend.hang('events', 'get')
    taro.setParams({ id: eventId })
    renderPage(EventDetailPage)
    await waitFor(() => expect(backend.calls.map((c) => `${c.fn}.${c.action}`)).toContain('events.get'))
    expect(screen.getByText('正在加载…')).toBeTruthy()
  })

  test('when the link has no event id, then the page says it found no event and asks nothing about events', async () => {
    taro.setParams({})
    renderPage(EventDetailPage)
    await screen.findByText('没有找到这个活动')
    expect(backend.calls.map((c) => c.action)).not.toContain('get')
  })

  test('when loading fails, then the page shows the error and 重试 loads it again', async () => {
    backend.fail('events', 'get', 'NOT_FOUND')
    taro.setParams({ id: eventId })
    renderPage(EventDetailPage)
    await screen.findByText('内容不存在或已被删除')
    backend.reset()
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText(title)
  })

  test('when the network fails, then the page says so in words, not a code', async () => {
    backend.failNetwork('events', 'get')
    taro.setParams({ id: eventId })
    renderPage(EventDetailPage)
    await screen.findByText('网络不太好，请检查网络后再试')
  })

  test('when a resident signs up, then the page shows their confirmed place from the real back end', async () => {
    taro.setParams({ id: eventId })
    const { container } = renderPage(EventDetailPage)
    fireEvent.click(await screen.findByText('报名参加'))
    await waitFor(() => expect(container.querySelector('.my-state')?.textContent).toBe('已确认'))
    expect(taro.toasts).toContain('报名成功')
    expect(backend.calls.map((c) => `${c.fn}.${c.action}`)).toEqual(
      expect.arrayContaining(['events.rsvp', 'notifications.grantSubscriptions']),
    )
  })

  test('when the sign-up is refused because the event changed meanwhile, then the page loads the event again', async () => {
    const before = await backend.ask<EventDetail>('events', 'get', { eventId })
    if (before.mine && before.mine.state !== 'cancelled') await backend.ask('events', 'cancelRsvp', { eventId })
    taro.setParams({ id: eventId })
    renderPage(EventDetailPage)
    const button = await screen.findByText('报名参加')
    backend.fail('events', 'rsvp', 'EVENT.CLOSED')
    const loadsBefore = backend.calls.filter((c) => c.action === 'get').length
    fireEvent.click(button)
    await screen.findByText('报名已截止')
    await waitFor(() => expect(backend.calls.filter((c) => c.action === 'get').length).toBe(loadsBefore + 1))
  })
})
