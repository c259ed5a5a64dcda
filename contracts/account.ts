import * as z from 'zod'
import { action } from './action'
import { id, joinCode, noInput, room, text } from './fields'
import { personalName } from './names'
import { pingAction } from './ping'

export const ROLES = ['leader', 'columnist', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  leader: '楼组长',
  columnist: '健康专栏作者',
  admin: '居委会',
}

export interface RoleGrant {
  role: Role
  /** Set for `leader`: the building they lead. */
  buildingId?: string
}

export type MembershipStatus = 'pending' | 'verified' | 'rejected' | 'ended'

export const MEMBERSHIP_STATUS_NAMES: Record<MembershipStatus, string> = {
  pending: '等待楼组长审核',
  verified: '已认证',
  rejected: '未通过',
  ended: '已迁出',
}

export interface MembershipView {
  membershipId: string
  buildingId: string
  buildingName: string
  estateName: string
  room: string
  status: MembershipStatus
  /** How it was verified: the lobby join code, or a leader's review. */
  verifiedBy?: 'joinCode' | 'review'
  reason?: string
  appliedAt: number
  reviewedAt?: number
}

export interface MeView {
  userId: string
  nickname: string
  avatarUrl?: string
  settings: { largeText: boolean }
  /** The privacy notice version the user accepted, or null before consent. */
  privacyAcceptedVersion: string | null
  roles: RoleGrant[]
  membership: MembershipView | null
}

export interface BuildingView {
  buildingId: string
  name: string
  estateId: string
  estateName: string
  householdCount: number
}

export interface EstateView {
  estateId: string
  name: string
  buildings: BuildingView[]
}

/**
 * Limits that keep a building's review queue readable: pending applications per room, new
 * applications per building in a day, and the page the leader reads them in.
 */
export const APPLICATION_LIMITS = { pendingPerRoom: 3, newPerBuildingPerDay: 30, pageSize: 20 } as const
/** Wrong join codes a building takes in an hour before every code attempt is refused, its leaders told and the code changed. */
export const JOIN_CODE_GUESS_LIMIT = { wrongPerHour: 10, windowSeconds: 60 * 60 } as const

/** One page of a building's applications: pending ones oldest first, decided ones newest first. */
export interface ApplicationPage {
  applications: ApplicationView[]
  /** How many have the listed status in all. */
  total: number
  /** How many wait for a decision. */
  pending: number
  /** Pass as `after` for the next page; absent on the last. */
  nextAfter?: string
}

export interface ApplicationView {
  membershipId: string
  userId: string
  nickname: string
  room: string
  status: MembershipStatus
  appliedAt: number
  reviewedAt?: number
  reason?: string
}

export interface ResidentView {
  userId: string
  nickname: string
  room: string
  membershipId: string
  since: number
  isLeader: boolean
}

export interface JoinPosterView {
  buildingId: string
  buildingName: string
  estateName: string
  joinCode: string
  rotatedAt: number
}

export interface StaffView {
  userId: string
  nickname: string
  role: Role
  buildingId?: string
  buildingName?: string
}

/** What the committee's audit log records: who gained or lost power, and how. */
export const AUDIT_ACTIONS = [
  'committee.claimed',
  'committee.bootstrapAdmin',
  'role.assigned',
  'role.revoked',
  'signin.codeCreated',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export const AUDIT_ACTION_NAMES: Record<AuditAction, string> = {
  'committee.claimed': '认领居委会',
  'committee.bootstrapAdmin': '脚本指定居委会',
  'role.assigned': '授予角色',
  'role.revoked': '撤销角色',
  'signin.codeCreated': '生成登录码',
}

export interface AuditEntryView {
  entryId: string
  at: number
  action: AuditAction
  /** Who did it (运维脚本 for the operator's script). */
  actor: string
  subject: string | null
  detail: string
}

export interface SetupStatusView {
  /** Has the committee's sheet been loaded (npm run bootstrap)? */
  neighbourhoodLoaded: boolean
  /** Does anyone hold the committee role yet? */
  committeeClaimed: boolean
}

/** The committee claim code as printed by the bootstrap: 12 digits, read in groups (4821-0937-5512). */
export const claimCode = z
  .string()
  .trim()
  .transform((v) => v.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{12}$/, { message: '认领码是 12 位数字' }))

/** The privacy notice the user consents to on first run; bump when its text changes. */
export const PRIVACY_NOTICE_VERSION = '2026-11'

const nickname = personalName({ max: 20 })

/** A role grant: a leader is always of one building, the other roles never are. */
const roleInput = z
  .strictObject({ userId: id, role: z.enum(ROLES), buildingId: id.optional() })
  .refine((v) => (v.role === 'leader') === (v.buildingId !== undefined), {
    message: '楼组长必须指定楼组，其他角色不指定楼组',
    path: ['buildingId'],
  })

export const accountContract = {
  /** Deployed and reachable? No sign-in, nothing personal (contracts/ping.ts). */
  ping: pingAction,
  me: action<MeView>()(noInput),
  acceptPrivacy: action<MeView>()(
    z.strictObject({ version: z.literal(PRIVACY_NOTICE_VERSION, { message: '请阅读最新的隐私说明' }) }),
  ),
  updateProfile: action<MeView>()(
    z.strictObject({
      nickname,
      avatarUrl: z
        .url({ protocol: /^https?$/, message: '头像地址格式不对' })
        .max(500, { message: '最多 500 个字' })
        .optional(),
      largeText: z.boolean().optional(),
    }),
  ),
  listBuildings: action<{ estates: EstateView[] }>()(noInput),
  applyToBuilding: action<MembershipView>()(z.strictObject({ buildingId: id, room, joinCode: joinCode.optional() })),
  listApplications: action<ApplicationPage>()(
    z.strictObject({
      buildingId: id,
      status: z.enum(['pending', 'verified', 'rejected']).optional(),
      after: id.optional(),
    }),
  ),
  reviewApplication: action<ApplicationView>()(
    z.strictObject({
      membershipId: id,
      decision: z.enum(['approve', 'reject']),
      reason: text({ max: 100 }).optional(),
    }),
  ),
  listResidents: action<{ residents: ResidentView[] }>()(z.strictObject({ buildingId: id })),
  removeResident: action<{ membershipId: string; status: MembershipStatus }>()(
    z.strictObject({ membershipId: id, reason: text({ max: 100 }).optional() }),
  ),
  joinPoster: action<JoinPosterView>()(z.strictObject({ buildingId: id })),
  rotateJoinCode: action<JoinPosterView>()(z.strictObject({ buildingId: id })),
  assignRole: action<{ userId: string; roles: RoleGrant[] }>()(roleInput),
  revokeRole: action<{ userId: string; roles: RoleGrant[] }>()(roleInput),
  /** Who holds which role (committee only), for the roles page. */
  listStaff: action<{ staff: StaffView[] }>()(noInput),
  /** Before signing in: is there a neighbourhood, a committee? (the first-run page) */
  setupStatus: action<SetupStatusView>()(noInput),
  /** The first committee member: the claim code printed by `npm run bootstrap`. */
  claimCommittee: action<MeView>()(z.strictObject({ code: claimCode })),
  /** The committee's audit log, newest first, 50 at a time (`before`: the oldest `at` seen). */
  listAuditLog: action<{ entries: AuditEntryView[]; more: boolean }>()(
    z.strictObject({ before: z.number().int().positive().optional() }),
  ),
  /** The committee makes a one-time sign-in code for a name or openid (a real local deployment; WeChat signs people in itself). */
  createSignInCode: action<{ nickname: string; created: boolean; code: string; expiresAt: number }>()(
    z.strictObject({ who: text({ max: 64 }) }),
  ),
  /**
   * Everything held about me; `files` lists my photos with a download link each (valid
   * EXPORT_LINK_TTL_SECONDS), since pictures do not fit in the JSON itself.
   */
  exportMyData: action<{
    exportedAt: number
    data: Record<string, unknown>
    files: {
      photos: Array<{ messageId: string; groupId: string; sentAt: number; url: string }>
      /** My voice messages (MP3), each with a download link like the photos'. */
      voices: Array<{ messageId: string; groupId: string; sentAt: number; url: string }>
    }
  }>()(noInput),
  deleteMe: action<{ deleted: true }>()(z.strictObject({ confirm: z.literal(true, { message: '请确认注销' }) })),
}

export function isAdmin(roles: readonly RoleGrant[]): boolean {
  return roles.some((r) => r.role === 'admin')
}

export function isColumnist(roles: readonly RoleGrant[]): boolean {
  return roles.some((r) => r.role === 'columnist')
}

export function ledBuildings(roles: readonly RoleGrant[]): string[] {
  return roles.filter((r) => r.role === 'leader' && r.buildingId).map((r) => r.buildingId as string)
}
