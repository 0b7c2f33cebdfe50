import { Avatar, Menu, Text, UnstyledButton, useMantineColorScheme } from '@mantine/core';
import { IconDeviceDesktop, IconLogout } from '@tabler/icons-react';
import { parseEntityRef } from '@atrium/model';
import { useIdentity } from './AppContext';

function displayName(userEntityRef: string | undefined): string {
  if (!userEntityRef) return 'Signed out';
  try {
    const { name } = parseEntityRef(userEntityRef, { defaultKind: 'user' });
    return name.charAt(0).toUpperCase() + name.slice(1);
  } catch {
    return userEntityRef;
  }
}

/** The signed-in identity, with sign-out and "follow system theme". */
export function UserMenu() {
  const { identity, manager } = useIdentity();
  const { setColorScheme, colorScheme } = useMantineColorScheme();
  const name = displayName(identity?.userEntityRef);
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`User menu: ${name}`} className="atrium-user-button">
          <Avatar radius="xl" size={34} color="indigo" aria-hidden>{name.charAt(0)}</Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <div style={{ padding: '0 12px 8px' }}>
          <Text size="sm" fw={600}>{name}</Text>
          <Text size="xs" c="dimmed">{identity?.userEntityRef}</Text>
        </div>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconDeviceDesktop size={16} aria-hidden />} disabled={colorScheme === 'auto'}
          onClick={() => setColorScheme('auto')}
        >
          {colorScheme === 'auto' ? 'Theme follows your system' : 'Follow system theme'}
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconLogout size={16} aria-hidden />} onClick={() => manager.signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
