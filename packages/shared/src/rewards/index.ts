// The reward engine's public surface (README.md in this folder). `worked-example.ts` is for tests and seeds:
// import it as '@crm/shared/rewards/worked-example'.
export * from './types.ts';
export * from './engine.ts';
export * from './split.ts';
export { formatFactorBp, formatRateBp, formatShareBp } from './format.ts';
export * from './ledger.ts';
export { computeServiceFee } from './service-fee.ts';
export * from './trace.ts';
