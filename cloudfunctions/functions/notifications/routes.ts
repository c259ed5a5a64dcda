import { notificationsContract } from '../../../contracts'
import {
  grantSubscriptions,
  listNotifications,
  markRead,
  reminders,
  unreadCount,
} from '../../core/notifications/notifications'
import { signedIn } from '../../core/shared/policy'
import { defineFunction } from '../../runtime/route'
import { pingRoute } from '../../runtime/ping-route'

export const notificationsFunction = defineFunction('notifications', notificationsContract, {
  ping: pingRoute('notifications'),
  list: { kind: 'read', policy: signedIn, run: (ctx, input) => listNotifications(ctx, input) },
  unreadCount: { kind: 'read', policy: signedIn, run: (ctx) => unreadCount(ctx) },
  markRead: {
    kind: 'write',
    policy: signedIn,
    rateLimit: { max: 120, windowSeconds: 60 },
    run: (ctx, input) => markRead(ctx, input),
  },
  grantSubscriptions: { kind: 'write', policy: signedIn, run: (ctx, input) => grantSubscriptions(ctx, input) },
  reminders: { kind: 'read', policy: signedIn, run: (ctx) => reminders(ctx) },
})
