// What tsc and jest see; Taro's build replaces it with realtime.h5.ts or realtime.weapp.ts.
export * from './realtime.h5'
