import { Card, SimpleGrid, Title } from '@mantine/core';
import { ExtensionRenderer } from '../plugin/ExtensionRenderer';
import { EmptyState } from '../ui/EmptyState';
import { LoadingState } from '../ui/LoadingState';
import { useExtensions } from './AppContext';

/** Plugins' home-page widgets in a responsive grid, each in its own card and error boundary. */
export function HomeWidgets() {
  const { homeWidgets } = useExtensions();
  if (homeWidgets.length === 0) {
    return <EmptyState title="No widgets yet" description="Install plugins that contribute home widgets (homeWidgets in defineFrontendPlugin) and they will appear here." />;
  }
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      {homeWidgets.map(widget => (
        <Card key={widget.extensionId} withBorder padding="lg" component="section" aria-labelledby={`${widget.extensionId}-title`}>
          <Title order={2} size="h4" mb="sm" id={`${widget.extensionId}-title`}>{widget.title}</Title>
          <ExtensionRenderer extension={widget} what={`the "${widget.title}" widget`} props={{}} fallback={<LoadingState lines={3} />} />
        </Card>
      ))}
    </SimpleGrid>
  );
}
