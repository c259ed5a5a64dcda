import { healthContract } from '../../../contracts'
import { follow, getQA, listQA, overview, unfollow } from '../../core/health/column'
import { answer, ask, inbox, inboxItem, myQuestions, withdraw } from '../../core/health/questions'
import { searchColumn } from '../../core/health/search'
import { editTip, getTip, listTips, publishTip, unpublishTip } from '../../core/health/tips'
import { anyOf, columnist, committee, signedIn, verifiedResident } from '../../core/shared/policy'
import { defineFunction } from '../../runtime/route'
import { pingRoute } from '../../runtime/ping-route'

/**
 * The health column. Reading the column is open to every signed-in person (it is published
 * health education, anonymous by construction); asking needs a verified resident; answering and
 * writing tips need the columnist role; a question is readable only by its asker (checked in the
 * use case) and by columnists.
 */
export const healthFunction = defineFunction('health', healthContract, {
  ping: pingRoute('health'),
  overview: { kind: 'read', policy: signedIn, run: (ctx) => overview(ctx) },
  follow: { kind: 'write', policy: signedIn, run: (ctx) => follow(ctx) },
  unfollow: { kind: 'write', policy: signedIn, run: (ctx) => unfollow(ctx) },

  publishTip: { kind: 'write', policy: columnist, run: (ctx, input) => publishTip(ctx, input) },
  editTip: { kind: 'write', policy: columnist, run: (ctx, input) => editTip(ctx, input) },
  // The committee may take a tip down too (moderation), though it cannot write one.
  unpublishTip: { kind: 'write', policy: anyOf(columnist, committee), run: (ctx, input) => unpublishTip(ctx, input) },
  listTips: { kind: 'read', policy: signedIn, run: (ctx, input) => listTips(ctx, input) },
  getTip: { kind: 'read', policy: signedIn, run: (ctx, input) => getTip(ctx, input) },

  ask: {
    kind: 'write',
    policy: verifiedResident,
    // A column, not a hotline: a person asks a handful of questions, not dozens an hour.
    rateLimit: { max: 10, windowSeconds: 3600 },
    run: (ctx, input) => ask(ctx, input),
  },
  myQuestions: { kind: 'read', policy: signedIn, run: (ctx) => myQuestions(ctx) },
  withdraw: { kind: 'write', policy: signedIn, run: (ctx, input) => withdraw(ctx, input) },

  inbox: { kind: 'read', policy: columnist, run: (ctx) => inbox(ctx) },
  inboxItem: { kind: 'read', policy: columnist, run: (ctx, input) => inboxItem(ctx, input) },
  answer: { kind: 'write', policy: columnist, run: (ctx, input) => answer(ctx, input) },

  listQA: { kind: 'read', policy: signedIn, run: (ctx, input) => listQA(ctx, input) },
  getQA: { kind: 'read', policy: signedIn, run: (ctx, input) => getQA(ctx, input) },
  search: { kind: 'read', policy: signedIn, run: (ctx, input) => searchColumn(ctx, input) },
})
