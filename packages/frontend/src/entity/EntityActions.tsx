import { ActionIcon, Button, Menu, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCopy, IconDots, IconExternalLink, IconPencil, IconRefresh, IconStar, IconStarFilled, IconTrash,
} from '@tabler/icons-react';
import { stringifyEntityRef } from '@atrium/model';
import type { Entity } from '@atrium/model';
import { useState } from 'react';
import { useAppContext } from '../app/AppContext';
import { useStarredEntities } from '../api/starredEntities';
import { entitySourceLinks } from './entityLinks';
import { UnregisterDialog } from './UnregisterDialog';

async function copyText(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    notifications.show({ message: `Copied ${text}`, color: 'teal' });
  } catch {
    // Clipboard access needs a secure context and permission; show the ref so it can be copied by hand.
    notifications.show({ title: 'Could not copy to the clipboard', message: text, color: 'yellow' });
  }
}

/** The entity header's buttons: star, refresh, and a menu with source links, copy ref and unregister. */
export function EntityActions({ entity }: { entity: Entity }) {
  const { entitySource } = useAppContext();
  const { isStarred, toggleStarred } = useStarredEntities();
  const [refreshing, setRefreshing] = useState(false);
  const [unregisterOpen, setUnregisterOpen] = useState(false);
  const ref = stringifyEntityRef(entity);
  const starred = isStarred(ref);
  const { viewUrl, editUrl } = entitySourceLinks(entity);

  const refresh = async () => {
    if (!entitySource?.refreshEntity) return;
    setRefreshing(true);
    try {
      await entitySource.refreshEntity(ref);
      notifications.show({ message: 'Refresh scheduled: the catalog is reading the source again. The page updates when it is done.', color: 'blue' });
    } catch (error) {
      notifications.show({ title: 'Could not refresh', message: error instanceof Error ? error.message : String(error), color: 'red' });
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <>
      <Tooltip label={starred ? 'Remove from starred' : 'Add to starred'}>
        <ActionIcon
          variant={starred ? 'light' : 'default'} color={starred ? 'yellow' : undefined} size="lg"
          aria-label={starred ? 'Unstar' : 'Star'} aria-pressed={starred} onClick={() => toggleStarred(ref)}
        >
          {starred ? <IconStarFilled size={18} aria-hidden /> : <IconStar size={18} aria-hidden />}
        </ActionIcon>
      </Tooltip>
      {entitySource?.refreshEntity && (
        <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} loading={refreshing} onClick={() => void refresh()}>
          Refresh
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label="More actions"><IconDots size={18} aria-hidden /></ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {viewUrl && (
            <Menu.Item component="a" href={viewUrl} target="_blank" rel="noreferrer" leftSection={<IconExternalLink size={16} aria-hidden />}>
              View source
            </Menu.Item>
          )}
          {editUrl && (
            <Menu.Item component="a" href={editUrl} target="_blank" rel="noreferrer" leftSection={<IconPencil size={16} aria-hidden />}>
              Edit source
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconCopy size={16} aria-hidden />} onClick={() => void copyText(ref)}>Copy entity ref</Menu.Item>
          {entitySource?.planUnregister && (
            <>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setUnregisterOpen(true)}>
                Unregister entity…
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {unregisterOpen && <UnregisterDialog entity={entity} onClose={() => setUnregisterOpen(false)} />}
    </>
  );
}
