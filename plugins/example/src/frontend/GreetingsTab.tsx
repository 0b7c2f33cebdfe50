import { Card, Stack, Text } from '@mantine/core';
import { stringifyEntityRef } from '@atrium/model';
import type { EntityComponentProps } from '@atrium/frontend';
import { GreetingForm } from './GreetingForm';
import { GreetingsTable } from './GreetingsTable';

/** The "Greetings" tab on component pages: greetings left on this entity. */
export function GreetingsTab({ entity }: EntityComponentProps) {
  const entityRef = stringifyEntityRef(entity);
  return (
    <Card withBorder padding="lg">
      <Stack gap="lg">
        <Text c="dimmed" size="sm">Greetings left on {entity.metadata.title ?? entity.metadata.name}. Anyone signed in can add one.</Text>
        <GreetingForm entityRef={entityRef} />
        <GreetingsTable entityRef={entityRef} />
      </Stack>
    </Card>
  );
}

export default GreetingsTab;
