// What tsc and jest see; Taro's build replaces it with files.h5.ts or files.weapp.ts.
export * from './files.h5'
