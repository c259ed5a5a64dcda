import type { BenchSection } from '../harness'
import { accountMe } from './account'
import { announcements } from './announcements'
import { chat } from './chat'
import { events } from './events'
import { firstScreen } from './first-screen'
import { functions } from './functions'
import { health } from './health'
import { outbox } from './outbox'
import { overhead } from './overhead'
import { pageLoad } from './page-load'
import { photos } from './photos'
import { roundTrips } from './round-trips'
import { scale } from './scale'
import { sizes } from './sizes'

/** Every benchmark, in report order. Features append their own sections here. */
export const SECTIONS: Record<string, BenchSection> = {
  sizes,
  'page-load': pageLoad,
  functions,
  'account-me': accountMe,
  'first-screen': firstScreen,
  announcements,
  outbox,
  health,
  chat,
  photos,
  events,
  'round-trips': roundTrips,
  overhead,
  scale,
}
