import type { uxZhCN } from './ux.zh-CN.ts';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for finding one's way; the type keeps its keys in step with ux.zh-CN.ts. */
export const uxEn: Strings<typeof uxZhCN> = {
  ux: {
    scope: { mine: 'My leads', pool: 'Public pool', all: 'All leads' },
    total: '{{count}} in all',
    totalOver: '{{count}}+',
    totalHelp: 'Counted exactly up to {{count}}',
    columns: { button: 'Columns', title: 'Shown columns', reset: 'Reset' },
    col: { createdAt: 'Registered', updatedAt: 'Updated' },
    views: {
      placeholder: 'Saved views',
      save: 'Save view',
      saveTitle: 'Save the current filters as a view',
      name: 'View name',
      namePlaceholder: 'e.g. Major projects this month',
      share: 'Share with everyone',
      shareHelp: 'Everyone can use a shared view; each still sees only the leads they may read.',
      mine: 'My views',
      shared: 'Shared views',
      sharedBy: 'shared by {{name}}',
      delete: 'Delete view',
      deleteConfirm: 'Delete the view “{{name}}”?',
      deleted: 'View deleted',
      saved: 'View saved',
      update: 'Update with current filters',
      updated: 'View updated',
    },
    search: {
      open: 'Search',
      placeholder: 'Search leads, projects, agents, people: name, credit code or contact',
      leads: 'Leads',
      projects: 'Projects',
      agents: 'Agents',
      people: 'People',
      empty: 'Nothing found',
      tooShort: 'Type at least 2 characters',
      hint: '↑↓ select · Enter open · Esc close',
    },
    crumbs: { home: 'Home' },
    mobile: { menu: 'Menu', filters: 'Filters', filtersCount: 'Filters ({{count}})', done: 'Done' },
  },
};
