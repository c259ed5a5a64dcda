import { useEffect, useState } from 'react'
import { useAction } from '../../hooks/useAction'
import { NEEDS_LOGIN } from '../../platform/device'
import { accountApi, devLogin, loadPersonas, messageOf, signInWithCode, type Persona } from './api'
import { restartAt, ROUTES } from './navigation'
import { useSession } from './session'

/**
 * The browser's sign-in: on the demo database, the demo people to pick from; on a real deployment
 * (`demo` false), one-time codes; before its neighbourhood is loaded, off to the first-run page.
 * `busy` is the id or code being signed in with.
 */
export function useSignIn() {
  const { refresh } = useSession()
  const [demo, setDemo] = useState<boolean | null>(null)
  const [personas, setPersonas] = useState<Persona[]>([])
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    // In WeChat the platform identifies the caller; there is no local runtime to ask.
    if (!NEEDS_LOGIN) return
    loadPersonas()
      .then(async (answer) => {
        if (!answer.demo && !(await accountApi.setupStatus()).neighbourhoodLoaded) {
          restartAt(ROUTES.firstRun)
          return
        }
        setDemo(answer.demo)
        setPersonas(answer.personas)
      })
      .catch(() => setError('连不上本地服务，请确认已运行 npm start'))
  }, [])

  async function logIn(id: string, how: 'demo' | 'code' = 'demo') {
    setBusy(id)
    setError(null)
    try {
      await (how === 'code' ? signInWithCode(id) : devLogin(id))
      await refresh()
      restartAt(ROUTES.home)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  return { demo, personas, busy, error, logIn }
}

/** The first-run page's 已导入，去登录: once the household list is loaded, on to sign-in; until then, say so. */
export function useSetupCheck() {
  const [note, setNote] = useState<string | null>(null)
  const check = useAction(() => accountApi.setupStatus())
  async function run() {
    setNote(null)
    const outcome = await check.run()
    if (!outcome.ok) setNote(outcome.failure.message)
    else if (outcome.value.neighbourhoodLoaded) restartAt(ROUTES.login)
    else setNote('还没有导入住户名单。请按上面的步骤在电脑上运行导入。')
  }
  return { run, busy: check.busy, note }
}
