import type { charterActions } from '../../../contracts'
import { charterBuildings, charterTemplates, saveCharterTemplate } from '../../core/charter/committee'
import {
  adoptCharter,
  charterNotSigned,
  charterOverview,
  draftCharter,
  editCharterDraft,
  getCharterVersion,
  openCharterVote,
  signCharter,
} from '../../core/charter/versions'
import { committee, signedIn, verifiedResident } from '../../core/shared/policy'
import type { Routes } from '../../runtime/route'

/**
 * 自治公约, on the council function: the building's own leader drafts and puts a draft to a
 * two-thirds vote; households sign; the committee keeps templates and sees every building, but
 * the use cases refuse it every change to a building's charter (引领不包办).
 */
export const charterRoutes: Routes<typeof charterActions> = {
  charter: { kind: 'read', policy: signedIn, run: (ctx, input) => charterOverview(ctx, input) },
  charterVersion: { kind: 'read', policy: signedIn, run: (ctx, input) => getCharterVersion(ctx, input) },
  charterTemplates: { kind: 'read', policy: signedIn, run: (ctx) => charterTemplates(ctx) },
  saveCharterTemplate: { kind: 'write', policy: committee, run: (ctx, input) => saveCharterTemplate(ctx, input) },
  draftCharter: { kind: 'write', policy: signedIn, run: (ctx, input) => draftCharter(ctx, input) },
  editCharterDraft: { kind: 'write', policy: signedIn, run: (ctx, input) => editCharterDraft(ctx, input) },
  openCharterVote: { kind: 'write', policy: signedIn, run: (ctx, input) => openCharterVote(ctx, input) },
  adoptCharter: { kind: 'write', policy: signedIn, run: (ctx, input) => adoptCharter(ctx, input) },
  signCharter: { kind: 'write', policy: verifiedResident, run: (ctx, input) => signCharter(ctx, input) },
  charterNotSigned: { kind: 'read', policy: signedIn, run: (ctx, input) => charterNotSigned(ctx, input) },
  charterBuildings: { kind: 'read', policy: committee, run: (ctx) => charterBuildings(ctx) },
}
