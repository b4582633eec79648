import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';

/** At most this many hits of each kind: the header search is for finding one thing, not for listing. */
export const SEARCH_LIMIT_PER_KIND = 5;

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, fe('MIN_CHARS', { min: 2 }))
    .max(64, fe('TOO_LONG', { max: 64 })),
});

export const SearchHit = z.object({
  id: z.string(),
  /** The name shown (company, project, agent or person). */
  title: z.string(),
  /** A second line: credit code, owner, contact, username… */
  detail: z.string().nullable(),
});

export const SearchResult = z.object({
  leads: z.array(SearchHit),
  projects: z.array(SearchHit),
  agents: z.array(SearchHit),
  people: z.array(SearchHit),
});
export type SearchResult = z.infer<typeof SearchResult>;
