import fs from 'node:fs'
import path from 'node:path'
import { parseTemplateConfig, TEMPLATE_ENV_VAR } from '../../contracts/subscribe-templates'
import {
  DEFAULT_FUNCTION_CONFIG,
  discoverFunctions,
  FUNCTIONS_SRC,
  parseFunctionConfig,
  type FunctionConfig,
} from './function-config'

/** A function as it will be deployed: its built folder and settings. */
export interface FunctionPlan {
  name: string
  /** dist/cloudfunctions/<name> */
  dir: string
  built: boolean
  config: FunctionConfig
  /** Packages CloudBase must install (anything the bundle left external). */
  dependencies: Record<string, string>
}

/**
 * Functions to deploy: those built in `distDir` (index.js and its SDK files, package.json, config.json). Source
 * folders not built yet are listed too, marked unbuilt, so a dry run shows the whole picture.
 */
export function functionPlans(
  distDir: string,
  sourceNames: readonly string[] = discoverFunctions(FUNCTIONS_SRC),
): FunctionPlan[] {
  const builtNames = fs.existsSync(distDir)
    ? fs
        .readdirSync(distDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && fs.existsSync(path.join(distDir, e.name, 'index.js')))
        .map((e) => e.name)
    : []
  const names = [...new Set([...builtNames, ...sourceNames])].sort()
  return names.map((name) => {
    const dir = path.join(distDir, name)
    const built = builtNames.includes(name)
    const configFile = built ? path.join(dir, 'config.json') : path.join(FUNCTIONS_SRC, name, 'config.json')
    const config = fs.existsSync(configFile)
      ? parseFunctionConfig(name, JSON.parse(fs.readFileSync(configFile, 'utf8')))
      : DEFAULT_FUNCTION_CONFIG
    const manifest =
      built && fs.existsSync(path.join(dir, 'package.json'))
        ? JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
        : {}
    return { name, dir, built, config, dependencies: manifest.dependencies ?? {} }
  })
}

/** Settings passed to every function as environment variables, from the deploying shell. */
export const FUNCTION_ENV_VARS = [TEMPLATE_ENV_VAR, 'LOUZU_MINIPROGRAM_STATE', 'LOUZU_LOG_LEVEL'] as const

export function functionEnvVariables(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    FUNCTION_ENV_VARS.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [
      key,
      env[key] as string,
    ]),
  )
}

/**
 * Refuse to deploy a template config the functions would ignore — or none at all: the deploy
 * replaces the functions' variables, so an unset LOUZU_TEMPLATE_IDS would stop every WeChat message.
 */
export function templateConfigProblem(env: Record<string, string | undefined>): string | null {
  const parsed = parseTemplateConfig(env[TEMPLATE_ENV_VAR])
  if (!parsed.ok) return parsed.problem
  if (!Object.keys(parsed.templates).length) {
    return `${TEMPLATE_ENV_VAR} is not set (or is {}): deploying would leave the functions without templates and stop every WeChat subscribe message. Set it in the shell or .env.production.local (docs/DEPLOY.md §4).`
  }
  return null
}

/** The template keys configured, for the dry run. */
export function configuredTemplateKeys(env: Record<string, string | undefined>): string[] {
  const parsed = parseTemplateConfig(env[TEMPLATE_ENV_VAR])
  return parsed.ok ? Object.keys(parsed.templates) : []
}

/** A timer trigger as a person reads it (e.g. "every 5 minutes"), with its cron. */
export function describeTrigger(trigger: { name: string; config: string }): string {
  const [second, minute, hour, day, month, weekday] = trigger.config.trim().split(/\s+/)
  let when = `cron "${trigger.config}"`
  if (second === '0' && hour === '*' && day === '*' && month === '*' && weekday === '*') {
    if (minute === '*') when = 'every minute'
    else if (minute && /^\*\/\d+$/.test(minute)) when = `every ${minute.slice(2)} minutes`
  }
  return `timer ${trigger.name}: ${when} (${trigger.config})`
}

/**
 * cloudbaserc.json for the CloudBase CLI (`tcb fn deploy` reads it from the working directory):
 * written beside the functions folder, it names each function's runtime, timeout, memory, handler
 * and environment variables.
 */
export function cloudbaseRc(
  envId: string,
  functionsDir: string,
  plans: readonly FunctionPlan[],
  envVariables: (functionName: string) => Record<string, string>,
) {
  return {
    version: '2.0',
    envId,
    functionRoot: `./${path.basename(functionsDir)}`,
    functions: plans.map((plan) => ({
      name: plan.name,
      handler: 'index.main',
      runtime: plan.config.runtime,
      timeout: plan.config.timeout,
      memorySize: plan.config.memorySize,
      // The bundle is self-contained; CloudBase installs packages only if something was left external.
      installDependency: Object.keys(plan.dependencies).length > 0,
      envVariables: envVariables(plan.name),
      ...(plan.config.triggers ? { triggers: plan.config.triggers } : {}),
    })),
  }
}
