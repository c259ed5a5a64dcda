import type { AuditDoc } from './account/committee/audit'
import type { CommitteeClaimDoc } from './account/committee/claim'
import type {
  BuildingDoc,
  EstateDoc,
  HouseholdDoc,
  JoinCodeDoc,
  MembershipDoc,
  RoleGrantDoc,
  UserDoc,
} from './account/account.docs'
import type { SignInCodeDoc, SignInFailuresDoc } from './account/signin-codes'
import type { BuildingProfileDoc, BuildingTagDoc } from './building/building.docs'
import type { AnnouncementDoc, AnnouncementReadDoc } from './announcements/announcements.docs'
import type { BuddyDoc, HelpRequestDoc, ProposalDoc, VolunteerHoursDoc } from './buddies/buddies.docs'
import type {
  ChatStateDoc,
  MessageDoc,
  MuteDoc,
  ReaderLeaseDoc,
  ReadMarkDoc,
  ReportDoc,
  ReportFilingDoc,
} from './chat/chat.docs'
import type { DeclaredCollectionName } from './collections'
import type { BallotDoc, MatterDoc, SecretChoiceDoc, SupportDoc, VoteDoc } from './council/council.docs'
import type { CharterSignatureDoc, CharterTemplateDoc, CharterVersionDoc } from './charter/charter.docs'
import type { EventDoc, ReminderDoc, RsvpDoc, WaitlistDoc } from './events/events.docs'
import type { GroupDoc, GroupMemberDoc } from './groups/groups.docs'
import type { AliasDoc, EntryDoc, FollowerDoc, QuestionDoc, TipDoc } from './health/health.docs'
import type { NotificationDoc, OutboxDoc, SubscriptionGrantDoc } from './notifications/notifications.docs'
import type { CounterDoc } from './shared/counters'
import type { Doc } from './shared/document-store'
import type { EndingDoc } from './shared/endings'

/**
 * The collection map: every collection the product stores, and the type of its documents. The
 * storage port (shared/document-store.ts) is typed by it, so `store.get('messages', id)` answers
 * a `MessageDoc` and a misspelt collection does not compile.
 *
 * Adding a collection: declare it (indexes, personal data) in its feature's
 * `<feature>.collections.ts`, its document type in `<feature>.docs.ts`, and add the pair here.
 * The checks at the bottom fail to compile until both sides agree.
 */
export interface CollectionDocs {
  // account
  estates: EstateDoc
  buildings: BuildingDoc
  join_codes: JoinCodeDoc
  households: HouseholdDoc
  users: UserDoc
  role_grants: RoleGrantDoc
  memberships: MembershipDoc
  endings: EndingDoc
  committee_claims: CommitteeClaimDoc
  audit_log: AuditDoc
  signin_codes: SignInCodeDoc
  signin_failures: SignInFailuresDoc
  // notifications
  notifications: NotificationDoc
  subscription_grants: SubscriptionGrantDoc
  outbox: OutboxDoc
  // groups
  groups: GroupDoc
  group_members: GroupMemberDoc
  // announcements
  announcements: AnnouncementDoc
  announcement_reads: AnnouncementReadDoc
  // buddies
  buddies: BuddyDoc
  group_proposals: ProposalDoc
  help_requests: HelpRequestDoc
  volunteer_hours: VolunteerHoursDoc
  // health
  health_questions: QuestionDoc
  health_aliases: AliasDoc
  health_tips: TipDoc
  health_entries: EntryDoc
  health_followers: FollowerDoc
  // chat
  messages: MessageDoc
  chat_state: ChatStateDoc
  chat_reads: ReadMarkDoc
  chat_mutes: MuteDoc
  chat_reports: ReportDoc
  chat_report_filings: ReportFilingDoc
  chat_readers: ReaderLeaseDoc
  // events
  events: EventDoc
  event_waitlists: WaitlistDoc
  event_rsvps: RsvpDoc
  event_reminders: ReminderDoc
  // shared
  counters: CounterDoc
  // council
  council_matters: MatterDoc
  council_votes: VoteDoc
  council_ballots: BallotDoc
  council_secret_choices: SecretChoiceDoc
  council_supports: SupportDoc
  // charter
  charter_versions: CharterVersionDoc
  charter_templates: CharterTemplateDoc
  charter_signatures: CharterSignatureDoc
  // building
  building_tags: BuildingTagDoc
  building_profiles: BuildingProfileDoc
}

export type CollectionName = keyof CollectionDocs

// Compile-time checks: every declared collection has a document type here, every collection here
// is declared (so it is indexed, exported and erased), and every document type is a Doc.
type Undeclared = Exclude<CollectionName, DeclaredCollectionName>
type Untyped = Exclude<DeclaredCollectionName, CollectionName>
type NotADoc = { [K in CollectionName]: CollectionDocs[K] extends Doc ? never : K }[CollectionName]
export const collectionMapMatchesDeclarations: [Undeclared, Untyped, NotADoc] extends [never, never, never]
  ? true
  : { undeclared: Undeclared; untyped: Untyped; notADoc: NotADoc } = true
