import { accountContract } from './account'
import { announcementsContract } from './announcements'
import { buddiesContract } from './buddies'
import { healthContract } from './health'
import { chatContract } from './chat'
import { eventsContract } from './events'
import { councilContract } from './council'
import { notificationsContract } from './notifications'

/** Every deployable function and its actions. The client's `call` and the server's routes both key off this. */
export const contracts = {
  account: accountContract,
  chat: chatContract,
  notifications: notificationsContract,
  announcements: announcementsContract,
  buddies: buddiesContract,
  health: healthContract,
  events: eventsContract,
  council: councilContract,
}

export type Contracts = typeof contracts
export type FunctionName = keyof Contracts
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string

export * from './action'
export * from './envelope'
export * from './errors'
export * from './fields'
export * from './names'
export * from './validation'
export * from './account'
export * from './chat'
export * from './personal-topic'
export * from './media'
export * from './message-id'
export * from './shanghai-time'
export * from './notifications'
export * from './announcements'
export * from './buddies'
export * from './health'
export * from './health-emergency'
export * from './events'
export * from './council'
export * from './charter'
export * from './building'
export * from './ping'
