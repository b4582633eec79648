import { leadChannels } from '@crm/shared';
import type { PipelineFilters } from '../../lib/types.ts';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const keys = ['zoneId', 'channel', 'industryId', 'ownerId', 'from', 'to'] as const;

/**
 * The pipeline board, the funnel and the lifecycle board share their filters through the address, so switching
 * between them keeps the selection, and a filtered view can be bookmarked or sent to a colleague.
 */
export function pipelineFilterFromParams(params: URLSearchParams): PipelineFilters {
  const channel = params.get('channel');
  const date = (key: string) => {
    const value = params.get(key);
    return value && DATE_PATTERN.test(value) ? value : undefined;
  };
  return {
    zoneId: params.get('zoneId') ?? undefined,
    channel: channel && (leadChannels as readonly string[]).includes(channel) ? (channel as PipelineFilters['channel']) : undefined,
    industryId: params.get('industryId') ?? undefined,
    ownerId: params.get('ownerId') ?? undefined,
    from: date('from'),
    to: date('to'),
  };
}

export function paramsFromPipelineFilter(filter: PipelineFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}
