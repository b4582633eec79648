import type { UseMutationOptions } from '@tanstack/react-query';

type AsyncFn = (...args: never[]) => Promise<unknown>;

/** Options a caller may add to a feature's mutation hook (bulletproof-react's MutationConfig). */
export type MutationConfig<Fn extends AsyncFn> = Omit<UseMutationOptions<Awaited<ReturnType<Fn>>, Error, Parameters<Fn>[0]>, 'mutationFn'>;
