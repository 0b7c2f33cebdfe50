import { Skeleton, Stack } from '@mantine/core';

export interface LoadingStateProps {
  /** How many skeleton lines to draw; roughly the shape of what is coming. */
  lines?: number;
  /** Announced to screen readers. */
  label?: string;
}

/** Skeleton lines standing in for content that is loading. */
export function LoadingState({ lines = 4, label = 'Loading' }: LoadingStateProps) {
  return (
    <Stack gap="sm" role="status" aria-live="polite" aria-label={label} aria-busy>
      <Skeleton height={22} width="40%" radius="sm" />
      {Array.from({ length: Math.max(0, lines - 1) }, (_, i) => (
        <Skeleton key={i} height={14} width={`${90 - ((i * 17) % 35)}%`} radius="sm" />
      ))}
    </Stack>
  );
}
