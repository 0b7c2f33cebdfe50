import { Center, SegmentedControl } from '@mantine/core';
import { IconList, IconStar, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { CatalogScope } from './catalogViewState';

const label = (icon: ReactNode, text: string) => (
  <Center style={{ gap: 6 }} component="span">{icon}<span>{text}</span></Center>
);

/** The quick filters above the catalog table: all, owned by me and my teams, starred. */
export function CatalogScopeControl({ value, onChange }: { value: CatalogScope; onChange: (scope: CatalogScope) => void }) {
  return (
    <SegmentedControl
      aria-label="Show" value={value} onChange={v => onChange(v as CatalogScope)} size="sm"
      data={[
        { value: 'all', label: label(<IconList size={16} aria-hidden />, 'All') },
        { value: 'owned', label: label(<IconUsers size={16} aria-hidden />, 'Owned by me & my teams') },
        { value: 'starred', label: label(<IconStar size={16} aria-hidden />, 'Starred') },
      ]}
      style={{ maxWidth: '100%', overflowX: 'auto' }}
    />
  );
}
