import { accountPersonalData } from './account/profile'
import { announcementsPersonalData } from './announcements/announcements'
import { buddiesPersonalData } from './buddies/personal-data'
import { healthPersonalData } from './health/personal-data'
import { chatPersonalData } from './chat/personal-data'
import { eventsPersonalData } from './events/personal-data'
import { notificationsPersonalData } from './notifications/notifications'
import type { PersonalDataSection } from './shared/personal-data'

/** Every feature's share of a person's data: exported together, erased together (account last). */
export const PERSONAL_DATA_SECTIONS: readonly PersonalDataSection[] = [notificationsPersonalData, announcementsPersonalData, buddiesPersonalData, healthPersonalData, chatPersonalData, eventsPersonalData, accountPersonalData]
