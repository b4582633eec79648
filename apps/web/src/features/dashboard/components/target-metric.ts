import { targetMetrics } from '@crm/shared';

export { targetMetrics };
export type TargetMetricKey = (typeof targetMetrics)[number];

/** new_projects is a count; the other targets are amounts in fen. */
export const isCountTarget = (metric: TargetMetricKey) => metric === 'new_projects';
