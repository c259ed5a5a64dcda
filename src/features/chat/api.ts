import { chatContract } from '../../../contracts/chat'
import { endpoint } from '../../services/api'

/**
 * The chat function's actions, the only way this feature (and its pages) reach the back end:
 * `chatApi.<action>(input)` checks the input with the contract's schema, calls the function through
 * the platform's transport, and resolves with its output or throws an ApiError.
 */
export const chatApi = endpoint('chat', chatContract)

/** What a failed call throws, and the Chinese message to show for anything thrown. */
export { ApiError, messageOf } from '../../services/api-error'
