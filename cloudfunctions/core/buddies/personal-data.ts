import type { GroupMemberDoc } from '../groups/groups.docs'
import type { PersonalDataSection } from '../shared/personal-data'
import type { BuddyDoc, HelpRequestDoc, InterestGroupDoc, ProposalDoc, VolunteerHoursDoc } from './buddies.docs'
import { scrubRequester } from './help'
import { findAll } from './lookups'
import { removeBuddy } from './profile'

/**
 * The buddies share of 导出我的数据 / 注销账号. Erasing removes the profile, group memberships and
 * proposals; help the person asked for loses its address and note; help they gave stays as
 * history (the count of hours behind the neighbourhood's totals) but names nobody: names are
 * resolved when read, and a deleted account reads as 已注销用户.
 */
export const buddiesPersonalData: PersonalDataSection = {
  name: 'buddies',
  async export(deps, userId) {
    const { store } = deps
    const [profile, memberships, proposals, asked, helped, hours] = await Promise.all([
      store.get<BuddyDoc>('buddies', userId),
      store.find<GroupMemberDoc>('group_members', { userId }, { limit: 1000 }),
      findAll<ProposalDoc>(store, 'group_proposals', { proposerId: userId }, [['createdAt', 'desc']]),
      findAll<HelpRequestDoc>(store, 'help_requests', { requesterId: userId }, [['createdAt', 'desc']]),
      findAll<HelpRequestDoc>(store, 'help_requests', { helperId: userId }, [['createdAt', 'desc']]),
      findAll<VolunteerHoursDoc>(store, 'volunteer_hours', { userId }, [['confirmedAt', 'desc']]),
    ])
    const groups = new Map((await store.getMany<InterestGroupDoc>('groups', memberships.map((m) => m.groupId))).map((g) => [g._id, g.name]))
    return {
      profile: profile && {
        nickname: profile.nickname,
        ageBand: profile.ageBand,
        interests: profile.interests,
        tags: profile.tags,
        skills: profile.skills,
        workplace: profile.workplace,
        availability: profile.availability,
        consentVersion: profile.consentVersion,
        consentAt: profile.consentAt,
        signedUpAt: profile.createdAt,
        updatedAt: profile.updatedAt,
      },
      groups: memberships.map((m) => ({ groupId: m.groupId, name: groups.get(m.groupId) ?? null, role: m.role, joinedAt: m.joinedAt })),
      groupProposals: proposals.map((p) => ({ name: p.name, description: p.description, interests: p.interests, status: p.status, reason: p.reason ?? null, createdAt: p.createdAt })),
      helpAsked: asked.map((r) => ({
        requestId: r._id,
        skill: r.skill,
        when: r.when,
        note: r.note,
        onBehalf: r.onBehalf,
        buildingId: r.buildingId,
        room: r.room,
        status: r.status,
        minutes: r.minutes ?? null,
        createdAt: r.createdAt,
      })),
      // Help given: what and when, never the other household's room or note.
      helpGiven: helped.map((r) => ({ requestId: r._id, skill: r.skill, when: r.when, status: r.status, minutes: r.minutes ?? null, offeredAt: r.offeredAt ?? null })),
      volunteerHours: hours.map((h) => ({ requestId: h.requestId, skill: h.skill, minutes: h.minutes, confirmedAt: h.confirmedAt })),
    }
  },
  async erase(deps, userId) {
    await removeBuddy({ deps }, userId)
    await deps.store.deleteWhere('group_proposals', { proposerId: userId })
    await scrubRequester(deps, userId)
  },
}
