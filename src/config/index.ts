export * from './clusters';
export * from './environment';
export * from './errors';
export * from './kcp';
export * from './load';
export * from './operator';
export * from './primitives';
export * from './tekton-config';
