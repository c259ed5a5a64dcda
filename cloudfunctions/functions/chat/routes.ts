import { chatContract, SEND_LIMIT } from '../../../contracts'
import { memberOfGroupIn } from '../../core/chat/access'
import { groupIdOfMessage } from '../../core/chat/chat.docs'
import { listGroups, listMembers } from '../../core/chat/groups'
import { history, markRead, recall, send, updates } from '../../core/chat/messages'
import { mediaUrls, sendImage } from '../../core/chat/media'
import { sendVoice } from '../../core/chat/voice'
import { listReports, mute, report, resolveReport, unmute } from '../../core/chat/moderation'
import { committee, signedIn } from '../../core/shared/policy'
import { retentionDays } from '../../core/chat/retention'
import { storageUse } from '../../core/chat/storage-use'
import { defineFunction } from '../../runtime/route'
import { pingRoute } from '../../runtime/ping-route'

const memberOfInputGroup = memberOfGroupIn<{ groupId: string }>((input) => input.groupId)
const memberOfMessageGroup = memberOfGroupIn<{ messageId: string }>((input) => groupIdOfMessage(input.messageId))

/**
 * Membership is checked by the route policy (so a refused caller never uses up a rate limit),
 * and again in each use case, which also needs the caller's standing (member or moderator).
 */
export const chatFunction = defineFunction('chat', chatContract, {
  ping: pingRoute('chat'),
  listGroups: { kind: 'read', policy: signedIn, run: (ctx) => listGroups(ctx) },
  send: {
    kind: 'write',
    policy: memberOfInputGroup,
    // At most 10 messages per 10 seconds per person, across all their groups. This is the cheap
    // first line in memory; the use case counts the same limit in the store, so it also holds
    // across function instances.
    rateLimit: SEND_LIMIT,
    run: (ctx, input) => send(ctx, input),
  },
  sendImage: {
    kind: 'write',
    policy: memberOfInputGroup,
    // Counted with text, per person across groups: a photo is a message (up to 9 picked at once
    // fit in the 10 per 10 s).
    rateLimit: SEND_LIMIT,
    run: (ctx, input) => sendImage(ctx, input),
  },
  sendVoice: {
    kind: 'write',
    policy: memberOfInputGroup,
    // A voice message is a message: the same limit as text and photos.
    rateLimit: SEND_LIMIT,
    run: (ctx, input) => sendVoice(ctx, input),
  },
  mediaUrls: {
    kind: 'read',
    policy: memberOfInputGroup,
    rateLimit: { max: 120, windowSeconds: 60 },
    run: (ctx, input) => mediaUrls(ctx, input),
  },
  storageUse: {
    kind: 'read',
    policy: committee,
    rateLimit: { max: 10, windowSeconds: 60 },
    run: (ctx) => storageUse(ctx, retentionDays(process.env.MEDIA_RETENTION_DAYS)),
  },
  history: { kind: 'read', policy: memberOfInputGroup, run: (ctx, input) => history(ctx, input) },
  updates: {
    // It grants and renews the WeChat reader lease (chat_readers), so it writes. WeChat clients
    // poll it every 4 s when their watch fails and on every change while it works: generous.
    kind: 'write',
    policy: memberOfInputGroup,
    rateLimit: { max: 240, windowSeconds: 60, scope: (input) => input.groupId },
    run: (ctx, input) => updates(ctx, input),
  },
  recall: { kind: 'write', policy: memberOfMessageGroup, run: (ctx, input) => recall(ctx, input) },
  markRead: {
    kind: 'write',
    policy: memberOfInputGroup,
    // Pages mark as they scroll: generous, but bounded.
    rateLimit: { max: 120, windowSeconds: 60 },
    run: (ctx, input) => markRead(ctx, input),
  },
  report: { kind: 'write', policy: memberOfMessageGroup, run: (ctx, input) => report(ctx, input) },
  listReports: { kind: 'read', policy: signedIn, run: (ctx, input) => listReports(ctx, input) },
  resolveReport: {
    kind: 'write',
    policy: memberOfGroupIn<{ reportId: string }>((input) => groupIdOfMessage(input.reportId)),
    rateLimit: { max: 120, windowSeconds: 60 },
    run: (ctx, input) => resolveReport(ctx, input),
  },
  mute: { kind: 'write', policy: memberOfInputGroup, run: (ctx, input) => mute(ctx, input) },
  unmute: { kind: 'write', policy: memberOfInputGroup, run: (ctx, input) => unmute(ctx, input) },
  listMembers: { kind: 'read', policy: memberOfInputGroup, run: (ctx, input) => listMembers(ctx, input) },
})
