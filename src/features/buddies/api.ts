import { buddiesContract } from '../../../contracts/buddies'
import { endpoint } from '../../services/api'

/**
 * The buddies function's actions, the only way this feature (and its pages) reach the back end:
 * `buddiesApi.<action>(input)` checks the input with the contract's schema, calls the function through
 * the platform's transport, and resolves with its output or throws an ApiError.
 */
export const buddiesApi = endpoint('buddies', buddiesContract)

/** What a failed call throws, and the Chinese message to show for anything thrown. */
export { ApiError, messageOf } from '../../services/api-error'
