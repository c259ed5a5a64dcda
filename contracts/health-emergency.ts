/**
 * Emergency signs (急症信号) in a health question. A question that mentions one gets emergency
 * guidance in the reply at once — before any doctor reads it — and the ask form shows the same
 * guidance while the person is still typing. One list, shared by both ends; docs/HEALTH.md gives
 * the reasons for each group.
 *
 * Matching is deliberately generous: a plain substring after removing spaces, no attempt to read
 * negation ("没有胸痛" still matches). A needless reminder to call 120 costs a few seconds; a missed
 * stroke costs a life.
 */

export interface EmergencyGroup {
  /** What the group is about, for the docs and the guidance. */
  condition: string
  /** Phrases people actually write; each is matched as a substring. */
  phrases: readonly string[]
  /** An extra line of guidance for this group, shown after the general steps. */
  extra?: string
}

export const EMERGENCY_GROUPS: readonly EmergencyGroup[] = [
  {
    condition: '心脏急症（心梗、心绞痛）',
    phrases: ['胸痛', '胸口痛', '胸口疼', '心口痛', '心口疼', '胸闷', '胸口闷', '胸口压着', '心前区痛'],
    extra: '胸痛胸闷时不要走动、不要自己去医院；有医生开过的硝酸甘油可按医嘱含服。',
  },
  {
    condition: '中风（脑卒中）：口角歪斜、一侧无力、说话不清',
    phrases: [
      '口角歪斜',
      '口眼歪斜',
      '嘴歪',
      '嘴角歪',
      '一侧肢体无力',
      '一侧无力',
      '半边身子',
      '半身麻木',
      '一侧麻木',
      '说话不清',
      '言语不清',
      '口齿不清',
      '说话含糊',
      '突然看不清',
    ],
    extra: '记下发病的时间告诉急救人员：中风越早治疗越好。不要喂水喂药。',
  },
  {
    condition: '呼吸困难',
    phrases: [
      '呼吸困难',
      '喘不上气',
      '喘不过气',
      '透不过气',
      '上不来气',
      '憋得慌',
      '嘴唇发紫',
      '嘴唇发青',
      '喉咙肿',
      '喉头水肿',
      '窒息',
      '噎住',
    ],
  },
  {
    condition: '意识障碍、昏迷',
    phrases: ['昏迷', '昏倒', '晕倒', '晕厥', '不省人事', '叫不醒', '意识不清', '意识模糊', '神志不清', '失去知觉'],
    extra: '如果人叫不醒、没有正常呼吸，请在 120 调度员指导下做胸外按压。',
  },
  {
    condition: '大出血',
    phrases: ['大出血', '出血不止', '血流不止', '吐血', '呕血', '咯血', '咳血', '便血', '黑便', '大量出血'],
    extra: '外伤出血用干净的布用力按住伤口，不要松开。',
  },
  {
    condition: '抽搐',
    phrases: ['抽搐', '惊厥', '癫痫发作', '口吐白沫'],
    extra: '抽搐时让人侧躺，移开周围的硬物，不要往嘴里塞东西。',
  },
  {
    condition: '剧烈头痛',
    phrases: ['剧烈头痛', '头痛欲裂', '头疼欲裂', '剧烈头疼', '从没这么痛', '突然头痛'],
  },
  {
    condition: '中毒、误服、用药过量',
    phrases: ['中毒', '误服', '吃错药', '吃多了药', '药吃多了', '服药过量', '过量服药', '一氧化碳'],
    extra: '把药盒或可疑物品带上交给医生。煤气中毒先开窗、关气阀、把人移到通风处。',
  },
  {
    condition: '自伤、轻生念头',
    phrases: ['自杀', '轻生', '不想活', '活不下去', '结束生命', '寻死'],
    extra: '您不是一个人。也可以拨打上海市心理援助热线 962525（24 小时）。有生命危险请拨打 110 或 120。',
  },
]

/** Every phrase, in list order. */
export const EMERGENCY_PHRASES: readonly string[] = EMERGENCY_GROUPS.flatMap((g) => g.phrases)

export interface EmergencyNotice {
  /** The phrases found, in list order. */
  signs: string[]
  title: string
  steps: string[]
}

export const EMERGENCY_TITLE = '您描述的情况可能是急症，请不要等待回复'

export const EMERGENCY_STEPS: readonly string[] = [
  '请立即拨打 120 急救电话，说清楚地址（小区、楼号、房号）和症状。',
  '请家人或邻居陪在身边，打开家门方便急救人员进来。',
  '在急救人员到来前保持安静，不要自己开车去医院。',
]

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '')
}

/** The emergency phrases a question mentions, in list order (empty when none). */
export function findEmergencySigns(text: string): string[] {
  const folded = normalise(text)
  return EMERGENCY_PHRASES.filter((phrase) => folded.includes(phrase))
}

/** The guidance for a question, or null when it mentions no emergency sign. */
export function emergencyNoticeFor(text: string): EmergencyNotice | null {
  return emergencyNoticeForSigns(findEmergencySigns(text))
}

export function emergencyNoticeForSigns(signs: readonly string[]): EmergencyNotice | null {
  if (!signs.length) return null
  const extras = EMERGENCY_GROUPS.filter((g) => g.extra && g.phrases.some((p) => signs.includes(p))).map(
    (g) => g.extra as string,
  )
  return { signs: [...signs], title: EMERGENCY_TITLE, steps: [...EMERGENCY_STEPS, ...extras] }
}
