/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | string
    TARO_APP_ID?: string
    /** Build settings, written in by config/build-settings.ts (always defined; '' when unset). */
    TARO_APP_CLOUD_ENV?: string
    TARO_APP_JOIN_URL?: string
    TARO_APP_CHECKIN_URL?: string
    TARO_APP_CHARTER_URL?: string
    /** `{ templateKey: templateId }` JSON, from LOUZU_TEMPLATE_IDS (src/features/notifications/template-ids.ts). */
    LOUZU_BUILD_TEMPLATE_IDS?: string
  }
}
