// What tsc and jest see; Taro's build replaces it with transport.h5.ts or transport.weapp.ts.
export * from './transport.h5'
