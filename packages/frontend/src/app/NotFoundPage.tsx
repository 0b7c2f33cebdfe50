import { Button, Code, Group } from '@mantine/core';
import { IconHome, IconMapOff } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { EmptyState } from '../ui/EmptyState';
import { useDocumentTitle } from './useDocumentTitle';

/** Shown for any address no plugin handles. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  useDocumentTitle('Page not found');
  return (
    <EmptyState
      icon={<IconMapOff size={26} />}
      title="Page not found"
      description={<>Nothing lives at <Code>{pathname}</Code>. The link may be old, or the plugin that served it is not installed. Check the address, or start again from the home page.</>}
      action={<Group mt="sm"><Button component={Link} to="/" leftSection={<IconHome size={16} aria-hidden />}>Go to the home page</Button></Group>}
    />
  );
}
