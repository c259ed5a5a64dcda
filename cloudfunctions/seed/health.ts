import type { CollectionDocs, CollectionName } from '../core/store-schema'
import { findEmergencySigns, type HealthCategory } from '../../contracts'
import type { EntryDoc, FollowerDoc, QuestionDoc, TipDoc } from '../core/health/health.docs'
import { aliasFor } from '../core/health/pseudonyms'
import type { Deps } from '../core/shared/ports'
import type { FeatureSeeder, SeedContext } from './seed'
import { cycle } from '../core/shared/lists'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

interface TipSeed {
  daysAgo: number
  title: string
  body: string
  tags: string[]
}

/** 李医生's monthly tips: the newest is "this month's". */
const TIPS: TipSeed[] = [
  {
    daysAgo: 0.05,
    title: '天冷了，血压容易“往上走”',
    tags: ['高血压', '冬季'],
    body: [
      '入冬以后，很多老邻居发现血压比夏天高了。这是正常的：天冷血管收缩，血压自然会升高一些。',
      '几点建议：',
      '1. 早上起床别太急，先在床上坐一会儿再下地；',
      '2. 出门戴帽子、围巾，注意头颈部保暖；',
      '3. 每天固定时间量血压并记下来，复诊时带给医生看；',
      '4. 降压药不要自己加量或停药，血压波动大请找医生调整；',
      '5. 少吃咸菜、腌肉，炒菜少放盐。',
      '如果出现剧烈头痛、胸闷、说话不清，请马上拨打120。',
    ].join('\n'),
  },
  {
    daysAgo: 31,
    title: '秋冬进补，别盲目',
    tags: ['饮食'],
    body: '“贴秋膘”不等于大鱼大肉。有高血压、糖尿病、痛风的邻居，进补前先想想自己的病：膏方、人参不是人人适合，阿胶也要看体质。最好的“补”是吃得杂一点：主食加些粗粮，每天一斤蔬菜、半斤水果（糖尿病人注意水果的量），鱼、蛋、豆制品轮着吃。吃保健品前请先问问医生。',
  },
  {
    daysAgo: 62,
    title: '睡不好觉，先别急着吃安眠药',
    tags: ['睡眠', '失眠'],
    body: '年纪大了睡得浅、醒得早，很常见。先从习惯改起：白天多晒太阳、多走动，午睡不超过半小时；晚饭后不喝浓茶和咖啡；睡前一小时放下手机；睡不着就起来坐一会儿，困了再躺下。如果长期失眠、白天没精神，或者夜里打鼾憋醒，请到医院睡眠门诊看看。安眠药要在医生指导下用，不要和别人“借药”。',
  },
  {
    daysAgo: 93,
    title: '膝盖不好，也能动起来',
    tags: ['运动', '关节'],
    body: '膝关节退变的邻居，不是不能动，而是要会动。推荐：平地散步、骑固定自行车、游泳、坐着抬腿练大腿肌肉。少做：爬山、爬楼梯、深蹲、长时间跪着干活。运动后膝盖肿痛明显，就减量；持续肿痛、卡住、打软腿，请去骨科看看。',
  },
  {
    daysAgo: 125,
    title: '流感疫苗，什么时候打？',
    tags: ['疫苗', '流感'],
    body: '每年秋天（9—11 月）是接种流感疫苗的好时候。60 岁以上老人、有慢性病的邻居、小孩子，都建议每年接种。社区卫生服务中心可以预约。接种后留观 30 分钟，当天注意休息。正在发烧或者慢病急性发作时，先等病情稳定再打。',
  },
]

interface QASeed {
  daysAgo: number
  category: HealthCategory
  question: string
  /** The columnist's edit for publication, when the original had personal details. */
  edited?: string
  answer: string
}

/** Answered and published (with the askers' consent). */
const PUBLISHED_QA: QASeed[] = [
  {
    daysAgo: 3,
    category: '慢病',
    question:
      '我今年68岁，高血压十几年了，早上量血压总比晚上高，降压药是早上吃还是晚上吃好？住在隔壁楼的老姐妹说晚上吃好。',
    edited: '我今年68岁，有高血压十几年了，早上量血压总比晚上高，降压药是早上吃还是晚上吃好？',
    answer:
      '早上血压高一些（医学上叫“晨峰”）很常见。吃药时间要看您吃的是哪种药：长效药多数早上吃一次就能管一整天；如果早上血压一直明显偏高，医生可能会调整药物或服药时间。请不要自己改，把一周早晚的血压记录带去复诊，请医生根据记录来定。量血压时记得先安静坐 5 分钟。',
  },
  {
    daysAgo: 9,
    category: '饮食',
    question: '有糖尿病，还能吃水果吗？哪些水果好一点？',
    answer:
      '血糖控制得比较平稳时，可以吃水果。选含糖少一些的：苹果、梨、柚子、草莓、猕猴桃；少吃荔枝、龙眼、榴莲、冬枣和果干。每天 200 克左右（大约一个中等苹果），放在两餐之间吃，不要饭后马上吃。吃了以后可以测一下血糖，看看自己对哪种水果更敏感。',
  },
  {
    daysAgo: 16,
    category: '睡眠',
    question: '晚上两三点就醒，醒了就再也睡不着，白天又没精神，怎么办？',
    answer:
      '早醒在老年人里很常见，但长期这样要重视。先试试：晚上不要太早上床（困了再睡），白天多晒太阳，午睡别超过半小时，晚上少喝水。如果还伴有情绪低落、对什么都没兴趣，可能和情绪有关，建议到医院看看，不要自己买安眠药吃。',
  },
  {
    daysAgo: 24,
    category: '运动',
    question: '膝盖有点骨关节炎，还能跳广场舞吗？',
    answer:
      '可以跳，但要挑动作、控制时间。热身 5—10 分钟再开始；少做下蹲、转身扭膝、蹦跳的动作；每次不超过一小时，中间歇一歇。跳完膝盖肿、痛，第二天还没好，就要减量。平时坐着练练抬腿，把大腿肌肉练结实，是对膝盖最好的保护。',
  },
  {
    daysAgo: 40,
    category: '用药',
    question: '医生让我每天吃一片阿司匹林，要一直吃下去吗？最近牙龈有点出血。',
    answer:
      '阿司匹林是用来预防血栓的，是否长期吃、吃多久，要由开药的医生根据您的情况决定，不要自己停。牙龈出血、皮肤容易青紫、大便发黑，可能和阿司匹林有关，请尽快告诉医生。如果出现大量出血或黑便，请立即就医。',
  },
  {
    daysAgo: 55,
    category: '儿童',
    question: '孙子三岁，晚上发烧到38.5度，精神还可以，要马上去医院吗？',
    answer:
      '三岁孩子发烧 38.5℃、精神好、能吃能玩，可以先在家观察：多喝水，衣服别捂太多，按说明书用儿童退烧药（对乙酰氨基酚或布洛芬，二选一，不要交替乱用）。出现下面情况要马上去医院：精神差、嗜睡叫不醒、抽搐、呼吸急促、持续高烧超过三天、皮疹、不肯喝水尿少。',
  },
  {
    daysAgo: 70,
    category: '慢病',
    question: '体检说血脂偏高，胆固醇6.2，需要吃他汀吗？',
    answer:
      '要不要吃降脂药，不只看一个数字，还要看有没有高血压、糖尿病、吸烟，以及有没有得过心梗、脑梗。请带着体检报告去心内科或全科门诊评估。不管吃不吃药，都要少吃肥肉、动物内脏、油炸食品，多走路，控制体重。',
  },
]

interface WaitingSeed {
  hoursAgo: number
  category: HealthCategory
  question: string
  allowPublish: boolean
}

/** Waiting in the columnist's inbox, so the inbox is not empty on first look. */
const WAITING: WaitingSeed[] = [
  { hoursAgo: 30, category: '饮食', question: '听说喝骨头汤能补钙，我每天都喝，有用吗？', allowPublish: true },
  {
    hoursAgo: 20,
    category: '慢病',
    question: '我爸爸昨天突然说话不清楚，嘴有点歪，过了半小时又好了，要紧吗？',
    allowPublish: false,
  },
  { hoursAgo: 6, category: '用药', question: '感冒药和降压药能一起吃吗？', allowPublish: true },
]

/** 王阿姨 (demo-resident-5) has asked before: one answered privately, one still waiting. */
const PERSONA_QUESTIONS = {
  answered: {
    daysAgo: 12,
    category: '用药' as HealthCategory,
    question: '我吃的降压药是氨氯地平，最近脚踝有点肿，是药的原因吗？',
    answer:
      '氨氯地平这类药，少数人会出现脚踝水肿，通常不严重。请不要自己停药，复诊时告诉医生，医生可能会调整剂量或换药。如果水肿越来越重、一按一个坑，或者伴有气短、夜里不能平躺，请尽快就医。',
  },
  waiting: { hoursAgo: 3, category: '睡眠' as HealthCategory, question: '午睡睡多久比较合适？睡久了晚上就睡不着。' },
}

function questionDoc(
  fields: Partial<QuestionDoc> &
    Pick<QuestionDoc, '_id' | 'askerId' | 'alias' | 'question' | 'category' | 'allowPublish' | 'createdAt'>,
): QuestionDoc {
  return {
    status: 'waiting',
    emergencySigns: findEmergencySigns(fields.question),
    withdrawnAt: null,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    publishedEntryId: null,
    ...fields,
  }
}

/** Residents other than the personas, spread over the estates, to be the (private) askers. */
function askers(context: SeedContext): string[] {
  const personaIds = new Set(context.personas.values())
  const pool: string[] = []
  for (const ids of context.residents.values()) for (const id of ids) if (!personaIds.has(id)) pool.push(id)
  return pool
}

async function insertAll<K extends CollectionName>(
  deps: Deps,
  collection: K,
  docs: CollectionDocs[K][],
): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    const batch = docs.slice(i, i + 200)
    await deps.store.transaction(async (tx) => {
      for (const doc of batch) await tx.insert(collection, doc)
    })
  }
}

/** The demo column: tips by 李医生, answered Q&A, a few waiting questions, some followers. */
export const seedHealth: FeatureSeeder = async (deps, context) => {
  const doctorId = context.personas.get('demo-doctor')
  if (!doctorId) return
  const { now } = context
  const pool = askers(context)
  const pick = (i: number) => cycle(pool, i * 37)

  const tips: TipDoc[] = [...TIPS].reverse().map((t) => ({
    _id: deps.ids.next('ht'),
    title: t.title,
    body: t.body,
    tags: t.tags,
    authorId: doctorId,
    status: 'published',
    publishedAt: Math.round(now - t.daysAgo * DAY),
    updatedAt: null,
    updatedBy: null,
    unpublishedAt: null,
  }))
  const entries: EntryDoc[] = tips.map((t) => ({
    _id: t._id,
    kind: 'tip',
    title: t.title,
    body: t.body,
    tags: t.tags,
    tagText: t.tags.join(' '),
    category: null,
    authorId: doctorId,
    publishedAt: t.publishedAt,
  }))

  const questions: QuestionDoc[] = []
  for (const [i, qa] of PUBLISHED_QA.entries()) {
    const askerId = pick(i + 1)
    const answeredAt = Math.round(now - qa.daysAgo * DAY)
    const entryId = deps.ids.next('qa')
    questions.push(
      questionDoc({
        _id: deps.ids.next('hq'),
        askerId,
        alias: await aliasFor(deps, askerId),
        question: qa.question,
        category: qa.category,
        allowPublish: true,
        createdAt: answeredAt - 20 * HOUR,
        status: 'answered',
        answer: qa.answer,
        answeredBy: doctorId,
        answeredAt,
        publishedEntryId: entryId,
      }),
    )
    entries.push({
      _id: entryId,
      kind: 'qa',
      title: qa.edited ?? qa.question,
      body: qa.answer,
      tags: [],
      tagText: '',
      category: qa.category,
      authorId: doctorId,
      publishedAt: answeredAt,
    })
  }
  for (const [i, w] of WAITING.entries()) {
    const askerId = pick(i + 20)
    questions.push(
      questionDoc({
        _id: deps.ids.next('hq'),
        askerId,
        alias: await aliasFor(deps, askerId),
        question: w.question,
        category: w.category,
        allowPublish: w.allowPublish,
        createdAt: now - w.hoursAgo * HOUR,
      }),
    )
  }
  const wang = context.personas.get('demo-resident-5')
  if (wang) {
    const alias = await aliasFor(deps, wang)
    const a = PERSONA_QUESTIONS.answered
    const answeredAt = Math.round(now - a.daysAgo * DAY)
    questions.push(
      questionDoc({
        _id: deps.ids.next('hq'),
        askerId: wang,
        alias,
        question: a.question,
        category: a.category,
        allowPublish: false,
        createdAt: answeredAt - 5 * HOUR,
        status: 'answered',
        answer: a.answer,
        answeredBy: doctorId,
        answeredAt,
      }),
    )
    const w = PERSONA_QUESTIONS.waiting
    questions.push(
      questionDoc({
        _id: deps.ids.next('hq'),
        askerId: wang,
        alias,
        question: w.question,
        category: w.category,
        allowPublish: true,
        createdAt: now - w.hoursAgo * HOUR,
      }),
    )
  }

  const followers: FollowerDoc[] = [context.personas.get('demo-resident-11'), ...pool.slice(0, 12)]
    .filter((id): id is string => !!id)
    .map((id, i) => ({ _id: id, followedAt: now - (i + 1) * 5 * DAY }))

  await insertAll(deps, 'health_tips', tips)
  await insertAll(deps, 'health_entries', entries)
  await insertAll(deps, 'health_questions', questions)
  await insertAll(deps, 'health_followers', followers)

  if (context.scale === 'pilot') await seedColumnArchive(deps, { doctorId, askers: pool, now, count: PILOT_ARCHIVE_QA })
}

/** A column that has run for years: the size the search is measured at (docs/BENCHMARKS.md). */
export const PILOT_ARCHIVE_QA = 2000

interface Topic {
  category: HealthCategory
  subject: string
  worry: string
  advice: string
}

const TOPICS: Topic[] = [
  {
    category: '慢病',
    subject: '高血压',
    worry: '血压忽高忽低',
    advice: '每天固定时间测量血压并记录，按时服药，少盐饮食',
  },
  {
    category: '慢病',
    subject: '糖尿病',
    worry: '空腹血糖总在8左右',
    advice: '规律监测血糖，主食定量，饭后散步二三十分钟',
  },
  {
    category: '慢病',
    subject: '血脂高',
    worry: '体检胆固醇偏高',
    advice: '少吃肥肉和油炸食品，复查血脂，由医生评估是否用药',
  },
  {
    category: '慢病',
    subject: '痛风',
    worry: '脚趾关节又红又肿',
    advice: '多喝水，少吃海鲜、动物内脏和浓肉汤，不喝啤酒',
  },
  {
    category: '慢病',
    subject: '慢性支气管炎',
    worry: '一到冬天就咳嗽咳痰',
    advice: '注意保暖，戒烟，接种流感和肺炎疫苗',
  },
  { category: '慢病', subject: '骨质疏松', worry: '腰背酸痛个子变矮了', advice: '补充钙和维生素D，多晒太阳，防止跌倒' },
  { category: '慢病', subject: '前列腺增生', worry: '夜里起来好几次小便', advice: '晚上少喝水，不憋尿，到泌尿科评估' },
  {
    category: '用药',
    subject: '降压药',
    worry: '吃了降压药有点头晕',
    advice: '起身动作放慢，记录血压，复诊时请医生调整',
  },
  {
    category: '用药',
    subject: '二甲双胍',
    worry: '吃二甲双胍胃不舒服',
    advice: '随餐或饭后服用，从小剂量开始，不适请告诉医生',
  },
  {
    category: '用药',
    subject: '他汀类药',
    worry: '吃他汀担心伤肝',
    advice: '定期复查肝功能和肌酶，出现肌肉酸痛及时就医',
  },
  { category: '用药', subject: '安眠药', worry: '安眠药越吃越多', advice: '不要自行加量，在医生指导下慢慢减药' },
  {
    category: '用药',
    subject: '感冒药',
    worry: '感冒药和慢病药能不能一起吃',
    advice: '看清成分避免重复用药，有疑问请问药师',
  },
  {
    category: '用药',
    subject: '钙片',
    worry: '钙片什么时候吃比较好',
    advice: '分次随餐服用，注意多喝水，有结石史先问医生',
  },
  { category: '饮食', subject: '喝粥', worry: '血糖高还能不能喝粥', advice: '少喝白粥，可以加杂粮，搭配蔬菜和蛋白质' },
  {
    category: '饮食',
    subject: '吃盐',
    worry: '口味重，菜里盐放得多',
    advice: '每天盐不超过5克，用限盐勺，少吃咸菜酱菜',
  },
  {
    category: '饮食',
    subject: '吃鸡蛋',
    worry: '胆固醇高一天能吃几个鸡蛋',
    advice: '一般每天一个鸡蛋，整体饮食清淡更重要',
  },
  { category: '饮食', subject: '喝牛奶', worry: '喝牛奶就拉肚子', advice: '可以少量多次，或者换成酸奶' },
  {
    category: '饮食',
    subject: '保健品',
    worry: '推销的保健品要不要买',
    advice: '保健品不能代替药物，购买前先问医生，谨防上当',
  },
  {
    category: '饮食',
    subject: '便秘',
    worry: '大便干结好几天一次',
    advice: '多吃蔬菜粗粮，多喝水，养成定时排便的习惯',
  },
  { category: '运动', subject: '散步', worry: '每天走多少步合适', advice: '循序渐进，以不觉得累为度，六七千步就很好' },
  {
    category: '运动',
    subject: '太极拳',
    worry: '膝盖不好能不能打太极拳',
    advice: '降低架势，不要蹲得太低，疼痛时暂停',
  },
  {
    category: '运动',
    subject: '游泳',
    worry: '有高血压能不能游泳',
    advice: '血压控制平稳后可以，水温不要太低，不要独自游',
  },
  { category: '运动', subject: '爬楼梯', worry: '爬楼梯锻炼膝盖疼', advice: '膝关节不好的人少爬楼梯，改为平地快走' },
  { category: '运动', subject: '颈椎', worry: '低头看手机脖子酸', advice: '每半小时抬头活动颈部，枕头高低要合适' },
  { category: '睡眠', subject: '失眠', worry: '躺下一两个小时睡不着', advice: '固定作息，睡前少看手机，白天多活动' },
  { category: '睡眠', subject: '打鼾', worry: '睡觉打鼾有时憋醒', advice: '侧卧睡，控制体重，到医院做睡眠监测' },
  { category: '睡眠', subject: '午睡', worry: '午睡睡多久合适', advice: '半小时以内，午睡太久晚上容易睡不着' },
  { category: '睡眠', subject: '夜尿', worry: '夜里起夜影响睡眠', advice: '晚饭后少喝水，必要时查查血糖和前列腺' },
  { category: '儿童', subject: '发烧', worry: '孩子反复发烧', advice: '观察精神状态，按体重用退烧药，精神差及时就医' },
  { category: '儿童', subject: '近视', worry: '孩子看东西眯眼睛', advice: '每天户外活动两小时，定期查视力' },
  { category: '儿童', subject: '挑食', worry: '孩子不爱吃蔬菜', advice: '家长做榜样，换着花样做，不要强迫' },
  { category: '儿童', subject: '湿疹', worry: '宝宝脸上起红疹', advice: '保湿为主，衣物选纯棉，严重时看皮肤科' },
  { category: '儿童', subject: '疫苗', worry: '打完疫苗有点低烧', advice: '多喝水注意休息，高烧不退及时就医' },
  { category: '其他', subject: '头晕', worry: '早上起床时头晕', advice: '起身要慢，测量血压，反复头晕请就医检查' },
  { category: '其他', subject: '耳鸣', worry: '耳朵里嗡嗡响', advice: '避免噪音，到耳鼻喉科查听力' },
  { category: '其他', subject: '皮肤瘙痒', worry: '冬天皮肤痒得厉害', advice: '洗澡水别太烫，洗后涂润肤霜' },
  { category: '其他', subject: '白内障', worry: '看东西越来越模糊', advice: '到眼科检查，成熟后可以手术' },
  { category: '其他', subject: '牙齿', worry: '牙龈出血', advice: '用软毛牙刷，定期洗牙，看口腔科' },
  {
    category: '其他',
    subject: '带状疱疹',
    worry: '腰上一片水泡又疼',
    advice: '尽早就医抗病毒治疗，五十岁以上可以考虑接种疫苗',
  },
  { category: '其他', subject: '体检', worry: '体检报告看不懂', advice: '带着报告到社区全科门诊请医生解读' },
]

const WHO = ['我', '我老伴', '我妈妈', '我爸爸', '我家老头子', '隔壁阿姨说她', '我今年七十了，', '我六十五岁，']
const ASKING = ['怎么办？', '要紧吗？', '需要去医院吗？', '平时要注意什么？', '有什么好办法？']

/**
 * `count` answered and published Q&A, generated from topic templates: deterministic, varied in
 * wording and length, spread over the past years. For the pilot database the benchmarks use.
 */
export async function seedColumnArchive(
  deps: Deps,
  options: { doctorId: string; askers: readonly string[]; now: number; count: number },
): Promise<void> {
  const { doctorId, askers: pool, now, count } = options
  const questions: QuestionDoc[] = []
  const entries: EntryDoc[] = []
  const aliases = new Map<string, string>()
  for (let i = 0; i < count; i++) {
    const topic = cycle(TOPICS, i)
    const who = cycle(WHO, Math.floor(i / TOPICS.length))
    const asking = cycle(ASKING, Math.floor(i / (TOPICS.length * WHO.length)))
    const question = `${who}${topic.subject}，最近${topic.worry}，${asking}`
    const answer = `${topic.worry}的情况比较常见。建议：${topic.advice}。每个人情况不同，如果症状加重或者持续不好，请到医院就诊，把平时的记录带给医生看。（第 ${i + 1} 期答疑）`
    const askerId = cycle(pool, i * 7919)
    let alias = aliases.get(askerId)
    if (!alias) {
      alias = await aliasFor(deps, askerId)
      aliases.set(askerId, alias)
    }
    // Older than the demo content: roughly one a day going back.
    const answeredAt = now - (90 + i) * DAY - (i % 24) * HOUR
    const entryId = deps.ids.next('qa')
    questions.push(
      questionDoc({
        _id: deps.ids.next('hq'),
        askerId,
        alias,
        question,
        category: topic.category,
        allowPublish: true,
        createdAt: answeredAt - 30 * HOUR,
        status: 'answered',
        answer,
        answeredBy: doctorId,
        answeredAt,
        publishedEntryId: entryId,
      }),
    )
    entries.push({
      _id: entryId,
      kind: 'qa',
      title: question,
      body: answer,
      tags: [],
      tagText: '',
      category: topic.category,
      authorId: doctorId,
      publishedAt: answeredAt,
    })
  }
  await insertAll(deps, 'health_questions', questions)
  await insertAll(deps, 'health_entries', entries)
}
