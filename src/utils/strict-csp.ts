import * as z from 'zod'

/**
 * The browser build runs under a strict content security policy: no inline script, no eval (see
 * docs/SECURITY.md). Two things in our dependencies try them anyway; neither is needed:
 *
 * - zod probes `new Function('')` once to decide whether to compile its validators; told to stay
 *   jitless, it does not probe (the policy would refuse it and report a violation). That must be
 *   said before the first schema runs, so it is said when this module loads: import it first.
 * - Taro's h5 tab bar renders its items as `<a href="javascript:;">` and navigates in their click
 *   handlers. The browser refuses to follow such a link (and reports it) on every tab tap; nothing
 *   needs following, so the default action of those links is cancelled in the capture phase,
 *   which leaves every click handler running as before.
 */
z.config({ jitless: true })

export function fitStrictCsp(root: Pick<Document, 'addEventListener'>): void {
  root.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null
      if (typeof target?.closest === 'function' && target.closest('a[href^="javascript:"]')) event.preventDefault()
    },
    true,
  )
}
