import { useMutation, useQuery } from '@tanstack/react-query';
import type { QueryKey, UseMutationOptions, UseQueryOptions } from '@tanstack/react-query';
import type { ApiError } from './ApiError';

/**
 * `useQuery` typed with `ApiError`, keyed by plugin so one plugin's cache never collides with another's.
 *
 * @example
 * const greetings = useApiQuery(['example', 'greetings'], () => api.get<GreetingList>('/greetings'));
 */
export function useApiQuery<T>(
  key: QueryKey, fetcher: (signal: AbortSignal) => Promise<T>,
  options: Omit<UseQueryOptions<T, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<T, ApiError>({ queryKey: key, queryFn: ({ signal }) => fetcher(signal), ...options });
}

/** `useMutation` typed with `ApiError`. */
export function useApiMutation<T, V>(mutate: (variables: V) => Promise<T>, options: Omit<UseMutationOptions<T, ApiError, V>, 'mutationFn'> = {}) {
  return useMutation<T, ApiError, V>({ mutationFn: mutate, ...options });
}
