import { Card, Grid, Stack, Title } from '@mantine/core';
import { Page } from '@atrium/frontend';
import { GreetingForm } from './GreetingForm';
import { GreetingsTable } from './GreetingsTable';
import { HeartbeatCard } from './HeartbeatCard';

/** `/example`: greetings for the whole portal and the scheduled task's heartbeat. */
export function ExamplePage() {
  return (
    <Page title="Example" subtitle="A small plugin that shows each part of the plugin API working: a page, routes, a database table and a scheduled task.">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder padding="lg" component="section" aria-labelledby="greetings-title">
            <Title order={2} size="h4" mb="md" id="greetings-title">Greetings</Title>
            <Stack gap="lg">
              <GreetingForm />
              <GreetingsTable />
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <HeartbeatCard />
        </Grid.Col>
      </Grid>
    </Page>
  );
}

export default ExamplePage;
