// What tsc and jest see; Taro's build replaces it with audio.h5.ts or audio.weapp.ts.
export * from './audio.h5'
