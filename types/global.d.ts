/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | string
    TARO_APP_ID?: string
    /** WeChat subscribe-message template ids, `key=id,key=id` (see src/features/notifications/subscribe.ts). */
    TARO_APP_TEMPLATE_IDS?: string
  }
}
