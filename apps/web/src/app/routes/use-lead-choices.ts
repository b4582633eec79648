import { useAgentChoices } from '../../features/agents/api/get-agents.ts';
import { useIndustries } from '../../features/industries/api/get-industries.ts';
import type { LeadChoices } from '../../features/leads/components/choices.ts';
import { useUserDirectory } from '../../features/users/api/get-user-directory.ts';
import { useZones } from '../../features/zones/api/get-zones.ts';
import { useEvents } from '../../features/events/api/events.ts';

/**
 * The pick-lists the lead screens need, fetched from their own features here at the app level
 * (bulletproof-react: features are composed by the app, never by each other).
 */
export function useLeadChoices(): LeadChoices & { loading: boolean } {
  const zones = useZones();
  const industries = useIndustries();
  const agents = useAgentChoices();
  const users = useUserDirectory();
  const events = useEvents();
  return {
    zones: zones.data ?? [],
    industries: industries.data ?? [],
    agents: agents.data ?? [],
    users: users.data ?? [],
    events: events.data?.items ?? [],
    loading: zones.isPending || industries.isPending || agents.isPending || users.isPending,
  };
}
