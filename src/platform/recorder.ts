// What tsc and jest see; Taro's build replaces it with recorder.h5.ts or recorder.weapp.ts.
export * from './recorder.h5'
