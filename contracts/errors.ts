/**
 * Every error code the product can return, with its HTTP status and the default message a
 * person sees. Codes are stable: clients and tests branch on them, never on the message.
 */
export const ERROR_CATALOGUE = {
  'AUTH.UNAUTHENTICATED': { status: 401, message: '请先登录' },
  'AUTH.FORBIDDEN': { status: 403, message: '没有权限进行此操作' },
  'AUTH.NOT_VERIFIED': { status: 403, message: '请先加入您的楼组并通过认证' },
  'INPUT.INVALID': { status: 400, message: '填写的内容有误' },
  'PAYLOAD.TOO_LARGE': { status: 413, message: '提交的内容太大了' },
  NOT_FOUND: { status: 404, message: '内容不存在或已被删除' },
  'NOT_FOUND.FUNCTION': { status: 404, message: '没有这项服务' },
  'NOT_FOUND.ACTION': { status: 404, message: '没有这个操作' },
  'RATE.LIMITED': { status: 429, message: '操作太频繁了，请稍后再试' },
  'CONTENT.REJECTED': { status: 400, message: '内容含有不适宜发布的信息，请修改后再试' },
  CONFLICT: { status: 409, message: '操作冲突，请刷新后再试' },
  TIMEOUT: { status: 503, message: '服务繁忙，请稍后再试' },
  /** The request itself arrived too slowly (a stalled upload or a client holding the connection open). */
  'REQUEST.TIMEOUT': { status: 408, message: '网络太慢，请求没有按时送到，请稍后再试' },
  /** Addressed to a name this server does not serve (e.g. a DNS name rebound to this machine). */
  'REQUEST.HOST_NOT_ALLOWED': { status: 421, message: '这个网址不是本服务的地址' },
  /** A browser call to the service from a page that is not the app's own. */
  'REQUEST.CROSS_ORIGIN': { status: 403, message: '只有楼组一片天自己的页面可以调用这个服务' },

  'ACCOUNT.ALREADY_MEMBER': { status: 409, message: '您已经是这个楼组的成员了' },
  'ACCOUNT.ALREADY_REVIEWED': { status: 409, message: '这份申请已经处理过了' },
  'ACCOUNT.TOO_MANY_APPLICATIONS': { status: 409, message: '等待审核的申请太多了，请明天再试，或联系楼组长' },
  'ACCOUNT.DELETED': { status: 401, message: '这个账号已注销' },
  'ACCOUNT.CLAIM_INVALID': { status: 400, message: '认领码不对，请核对后再输入' },
  'ACCOUNT.CLAIM_EXPIRED': {
    status: 409,
    message: '认领码已失效（已使用、超过 24 小时或输错次数太多），请让管理系统的同事重新运行导入，生成新的认领码',
  },
  'AUTH.SIGNIN_CODE_INVALID': { status: 401, message: '登录码不对或已失效，请向居委会重新要一个' },

  'CHAT.NOT_MEMBER': { status: 403, message: '您还不是这个群的成员' },
  'CHAT.MUTED': { status: 403, message: '您已被暂时禁言' },
  'CHAT.RECALL_EXPIRED': { status: 409, message: '消息发出超过 2 分钟，不能撤回了' },
  'CHAT.REPORT_RESOLVED': { status: 409, message: '这条举报已经处理过了' },

  'MEDIA.TOO_LARGE': { status: 413, message: '图片太大了：压缩后不能超过 8 MB' },
  'MEDIA.UNSUPPORTED_TYPE': { status: 415, message: '只能发 JPEG、PNG 或 WebP 格式的图片' },
  'MEDIA.TOO_MANY_PIXELS': { status: 400, message: '图片像素太多了（最多 5000 万像素），请换一张或先裁小' },
  'MEDIA.UNREADABLE': { status: 400, message: '这张图片打不开，可能已损坏，请换一张' },
  'MEDIA.UPLOAD_MISSING': { status: 404, message: '图片没有上传成功或已过期，请重新选择' },
  'MEDIA.VOICE_UNREADABLE': { status: 400, message: '这段语音打不开：只能发 MP3 格式的录音，请重新录' },
  'MEDIA.VOICE_TOO_LONG': { status: 400, message: '语音最长 60 秒，请分成几段说' },
  'MEDIA.VOICE_TOO_SHORT': { status: 400, message: '说话时间太短' },
  'MEDIA.VOICE_TOO_LARGE': { status: 413, message: '语音文件太大了（最多 1 MB），请重新录' },
  'MEDIA.LINK_INVALID': { status: 403, message: '这个图片链接无效' },
  'MEDIA.LINK_EXPIRED': { status: 403, message: '这个图片链接已过期，请回到群里重新打开' },

  'EVENT.FULL': { status: 409, message: '名额已满' },
  'EVENT.CLOSED': { status: 409, message: '报名已截止' },
  'EVENT.ALREADY_RSVPED': { status: 409, message: '您已经报过名了' },
  'EVENT.NOT_CONFIRMED': { status: 409, message: '只有确认报名的人才能签到' },
  'EVENT.CHECKIN_CODE_INVALID': { status: 400, message: '签到码不对或已过期，请重新扫码' },
  'EVENT.CANCELLED': { status: 409, message: '活动已取消' },
  'EVENT.CHECKIN_NOT_OPEN': { status: 409, message: '现在不是签到时间：活动开始前 1 小时到结束后 1 小时可以签到' },

  'BUDDY.NOT_SIGNED_UP': { status: 403, message: '请先报名成为网络小伙伴' },
  'BUDDY.ALREADY_SIGNED_UP': { status: 409, message: '您已经是网络小伙伴了' },
  'BUDDY.ALREADY_REVIEWED': { status: 409, message: '这个小组申请已经处理过了' },
  'HELP.ALREADY_TAKEN': { status: 409, message: '这个求助已经有人接了' },
  'HELP.WRONG_STATE': { status: 409, message: '这个求助的情况已经变了，请刷新后再看' },

  'HEALTH.ALREADY_ANSWERED': { status: 409, message: '这个问题已经回复过了' },
  'HEALTH.PUBLISH_NOT_ALLOWED': { status: 409, message: '提问人没有同意公开这个问题' },

  'COUNCIL.VOTE_CLOSED': { status: 409, message: '这次表决已经结束了' },
  'COUNCIL.VOTE_ALREADY_OPEN': { status: 409, message: '这个议题正在表决中' },
  'COUNCIL.ALREADY_SUPPORTED': { status: 409, message: '您家已经附议过这个议题了' },
  'COUNCIL.MATTER_DECIDED': { status: 409, message: '这个议题已经表决过了，不用再附议' },
  'COUNCIL.MATTER_MERGED': { status: 409, message: '这个议题已经合并到另一个议题了，请到那里附议或讨论' },
  'COUNCIL.MATTER_NOT_OPEN': { status: 409, message: '只有待议的议题可以合并，已在表决或已表决的不行' },
  'COUNCIL.VOTED_IN_APP': { status: 409, message: '这户已经在手机上投过票了，不用代投' },

  'CHARTER.DRAFT_EXISTS': { status: 409, message: '本楼已经有一份公约草案了，请先改它或把它交付表决' },
  'CHARTER.VOTE_OPEN': { status: 409, message: '这份草案正在表决中，表决期间不能修改，也不能再发起表决' },
  'CHARTER.ADOPTED': { status: 409, message: '这个版本已经通过，不能再修改；要改请起草新版本' },
  'CHARTER.NOT_PASSED': { status: 409, message: '公约只有在三分之二以上同意的表决通过后才能生效' },
  'CHARTER.NOT_CURRENT': { status: 409, message: '这不是本楼现行的公约，请签现行版本' },
  'BUILDING.TAG_EXISTS': { status: 409, message: '已经有这个特色了' },
  'BUILDING.TAG_LIST_FULL': { status: 409, message: '特色清单已满，请先删去不用的' },
  'BUILDING.UNKNOWN_TAG': { status: 400, message: '这个特色不在居委会的清单里' },
  'CHARTER.ALREADY_SIGNED': { status: 409, message: '您家已经签过这一版公约了' },

  INTERNAL: { status: 500, message: '服务暂时出了点问题，请稍后再试' },

  /** Never sent by the server: the client's own code when a call did not get there or back. */
  NETWORK: { status: 503, message: '网络不太好，请检查网络后再试' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof ERROR_CATALOGUE

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value)
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status
}

export function defaultMessageOf(code: ErrorCode): string {
  return ERROR_CATALOGUE[code].message
}

/**
 * Failures that say nothing about the request itself, so the same request may simply be sent again
 * (the chat keeps such a message on screen as 发送失败 with 重发). Anything else is an answer.
 */
export const TRANSIENT_ERROR_CODES: readonly ErrorCode[] = ['NETWORK', 'TIMEOUT', 'REQUEST.TIMEOUT', 'INTERNAL']

export function isTransient(code: ErrorCode): boolean {
  return TRANSIENT_ERROR_CODES.includes(code)
}
