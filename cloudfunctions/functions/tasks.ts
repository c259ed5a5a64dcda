/**
 * Deployable functions that are scheduled tasks rather than action routers: a timer trigger in
 * their config.json calls them. They deploy like the others but the local runtime runs them as
 * LOCAL_JOBS instead.
 */
export const SCHEDULED_TASKS: readonly string[] = ['events-reminders', 'notifications-outbox', 'council-close']
