export * from './client.ts';
export * from './clock.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export * from './data-dir-lock.ts';
export * from './pg-errors.ts';
export * from './heavy.ts';
