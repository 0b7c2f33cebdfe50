import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { PAGE_SIZES } from './catalogViewState';

export interface CursorPagerProps {
  /** 1-based number of the shown page. */
  page: number;
  pageSize: number;
  /** Rows on the shown page. */
  shown: number;
  total: number;
  /** What the rows are, plural: "components". */
  noun: string;
  onPrevious?: () => void;
  onNext?: () => void;
  onPageSizeChange: (size: number) => void;
}

/** Previous/next paging over cursors (no page numbers: jumping needs offsets, which do not scale). */
export function CursorPager({ page, pageSize, shown, total, noun, onPrevious, onNext, onPageSizeChange }: CursorPagerProps) {
  const first = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, first + shown - 1);
  return (
    <Group justify="space-between" gap="sm" mt="sm" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="catalog-summary">
        {total === 0 ? `No ${noun}` : `${first}–${last} of ${total} ${noun}`}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <NativeSelect
          aria-label="Rows per page" size="xs" value={String(pageSize)}
          data={PAGE_SIZES.map(s => ({ value: String(s), label: `${s} per page` }))}
          onChange={e => onPageSizeChange(Number(e.currentTarget.value))}
        />
        <Button
          size="xs" variant="default" leftSection={<IconChevronLeft size={14} aria-hidden />}
          disabled={!onPrevious} onClick={onPrevious} aria-label="Previous page"
        >
          Previous
        </Button>
        <Button
          size="xs" variant="default" rightSection={<IconChevronRight size={14} aria-hidden />}
          disabled={!onNext} onClick={onNext} aria-label="Next page"
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
