import { announcementsContract } from '../../../contracts'
import { edit, getAnnouncement, listAnnouncements, publish, unpublish } from '../../core/announcements/announcements'
import {
  announcementManager,
  feedReader,
  publisher,
  reachViewer,
} from '../../core/announcements/announcements.policies'
import { reach } from '../../core/announcements/reach'
import { signedIn } from '../../core/shared/policy'
import { defineFunction } from '../../runtime/route'
import { pingRoute } from '../../runtime/ping-route'

export const announcementsFunction = defineFunction('announcements', announcementsContract, {
  ping: pingRoute('announcements'),
  publish: {
    kind: 'write',
    policy: publisher,
    // Each publication notifies a whole building (or neighbourhood): a runaway client must not.
    rateLimit: { max: 10, windowSeconds: 600 },
    run: (ctx, input) => publish(ctx, input),
  },
  edit: { kind: 'write', policy: announcementManager, run: (ctx, input) => edit(ctx, input) },
  unpublish: { kind: 'write', policy: announcementManager, run: (ctx, input) => unpublish(ctx, input) },
  list: { kind: 'read', policy: feedReader, run: (ctx, input) => listAnnouncements(ctx, input) },
  // Opening records the reading, so it is a write; people flick through notices quickly.
  get: {
    kind: 'write',
    policy: signedIn,
    rateLimit: { max: 120, windowSeconds: 60 },
    run: (ctx, input) => getAnnouncement(ctx, input),
  },
  reach: { kind: 'read', policy: reachViewer, run: (ctx, input) => reach(ctx, input) },
})
