// What tsc and jest see; Taro's build replaces it with photos.h5.ts or photos.weapp.ts.
export * from './photos.h5'
