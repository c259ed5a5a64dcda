import { eventsContract } from '../../../contracts/events'
import { endpoint } from '../../services/api'

/**
 * The events function's actions, the only way this feature (and its pages) reach the back end:
 * `eventsApi.<action>(input)` checks the input with the contract's schema, calls the function through
 * the platform's transport, and resolves with its output or throws an ApiError.
 */
export const eventsApi = endpoint('events', eventsContract)

/** What a failed call throws, and the Chinese message to show for anything thrown. */
export { ApiError, messageOf } from '../../services/api-error'
