import { notificationsContract } from '../../../contracts/notifications'
import { endpoint } from '../../services/api'

/**
 * The notifications function's actions, the only way this feature (and its pages) reach the back end:
 * `notificationsApi.<action>(input)` checks the input with the contract's schema, calls the function through
 * the platform's transport, and resolves with its output or throws an ApiError.
 */
export const notificationsApi = endpoint('notifications', notificationsContract)

/** What a failed call throws, and the Chinese message to show for anything thrown. */
export { ApiError, messageOf } from '../../services/api-error'
