import { Anchor, Card, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconBox, IconFlask, IconMessage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { HomeWidgets, Page, useConfig, useIdentity } from '@atrium/frontend';
import { Link } from 'react-router';

interface QuickLink {
  title: string;
  description: string;
  to: string;
  icon: ReactNode;
}

const quickLinks: QuickLink[] = [
  { title: 'Try the example plugin', description: 'Post a greeting and watch the scheduled task tick.', to: '/example', icon: <IconFlask size={20} /> },
  { title: 'Open an entity page', description: 'See tabs contributed by plugins on a component.', to: '/catalog/default/component/playback-service', icon: <IconBox size={20} /> },
  { title: 'Greet a component', description: 'Plugins add tabs to entity pages, like this Greetings tab.', to: '/catalog/default/component/playback-service/greetings', icon: <IconMessage size={20} /> },
];

function greetingFor(userEntityRef: string | undefined): string {
  const name = userEntityRef?.split('/').pop();
  return name && name !== 'guest' ? `Welcome back, ${name}` : 'Welcome to Atrium';
}

/** `/`: a welcome, shortcuts, and the widgets plugins contribute. */
export function HomePage() {
  const { identity } = useIdentity();
  const orgName = useConfig().getString('organization.name');
  return (
    <Page
      title={greetingFor(identity?.userEntityRef)} documentTitle="Home"
      subtitle={`Your developer portal${orgName ? ` for ${orgName}` : ''}: services, docs and tools in one place.`}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        {quickLinks.map(link => (
          <Card key={link.title} withBorder padding="lg" component={Link} to={link.to} className="atrium-link-card">
            <Stack gap="xs">
              <ThemeIcon variant="light" size={36} radius="md" aria-hidden>{link.icon}</ThemeIcon>
              <Text fw={600}>
                {link.title} <IconArrowRight size={16} aria-hidden style={{ verticalAlign: 'middle' }} />
              </Text>
              <Text size="sm" c="dimmed">{link.description}</Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={2} size="h3" mt="md">At a glance</Title>
      <HomeWidgets />
      <Text size="sm" c="dimmed">
        New here? Read the <Anchor href="https://backstage.io/docs/features/software-catalog/descriptor-format" target="_blank" rel="noreferrer">descriptor format</Anchor> to
        add your service to the catalog.
      </Text>
    </Page>
  );
}

export default HomePage;
