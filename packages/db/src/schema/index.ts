export * from './users.ts';
export * from './zones.ts';
export * from './agents.ts';
export * from './leads.ts';
export * from './audit.ts';
export * from './projects.ts';
export * from './rewards.ts';
export * from './performance.ts';
