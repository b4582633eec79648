import type { Agent, Industry, UserSummary, Zone } from '../../../lib/types.ts';

/**
 * What the lead screens pick from. Zones, industries, agents and colleagues belong to other features, so the
 * route that composes the page fetches them and passes them in (features never import each other).
 */
export type LeadChoices = {
  zones: Zone[];
  industries: Industry[];
  agents: Pick<Agent, 'id' | 'name' | 'kind' | 'status'>[];
  users: UserSummary[];
  /** Promotion events a lead may come from (issue 13). */
  events?: { id: string; name: string; heldOn: string }[];
};
