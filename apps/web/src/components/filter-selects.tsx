import { Select } from 'antd';
import type { Industry, UserSummary, Zone } from '../lib/types.ts';

/*
 * The zone, industry and owner pickers of the list filter bars (leads, projects, pipeline): clearable, a
 * popup as wide as its names need, the chosen id in and out (undefined once cleared).
 */

type FilterProps = {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  width: number;
  'data-testid'?: string;
};

type Option = { value: string; label: string };

function FilterSelect({ width, options, searchable = false, ...props }: FilterProps & { options: Option[]; searchable?: boolean }) {
  return (
    <Select
      allowClear
      showSearch={searchable ? { optionFilterProp: 'label' } : undefined}
      style={{ width }}
      popupMatchSelectWidth={false}
      options={options}
      {...props}
    />
  );
}

export function ZoneFilter({ zones, ...props }: FilterProps & { zones: Pick<Zone, 'id' | 'name'>[] }) {
  return <FilterSelect {...props} options={zones.map((z) => ({ value: z.id, label: z.name }))} />;
}

export function IndustryFilter({ industries, ...props }: FilterProps & { industries: Pick<Industry, 'id' | 'name'>[] }) {
  return <FilterSelect {...props} options={industries.map((i) => ({ value: i.id, label: i.name }))} />;
}

/** Searchable by name; `staffOnly` leaves out users without the staff role (those who own no projects). */
export function OwnerFilter({ users, staffOnly = false, ...props }: FilterProps & { users: UserSummary[]; staffOnly?: boolean }) {
  const owners = staffOnly ? users.filter((u) => u.roles.includes('staff')) : users;
  return <FilterSelect {...props} searchable options={owners.map((u) => ({ value: u.id, label: u.displayName }))} />;
}
