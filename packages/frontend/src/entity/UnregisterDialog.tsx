import { Alert, Button, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { stringifyEntityRef } from '@atrium/model';
import type { Entity } from '@atrium/model';
import { useNavigate } from 'react-router';
import { useAppContext } from '../app/AppContext';
import { ErrorState } from '../ui/ErrorState';
import { LoadingState } from '../ui/LoadingState';
import type { UnregisterPlan } from './entitySource';

const MAX_LISTED = 12;

function PlanSummary({ plan }: { plan: UnregisterPlan }) {
  const listed = plan.entityRefs.slice(0, MAX_LISTED);
  return (
    <Stack gap="xs">
      {plan.location ? (
        <Text size="sm">
          This removes the registered location <Code style={{ overflowWrap: 'anywhere' }}>{plan.location.target}</Code> and
          the {plan.entityRefs.length === 1 ? 'entity' : `${plan.entityRefs.length} entities`} read from it:
        </Text>
      ) : (
        <Text size="sm">This deletes the entity from the catalog. Its source no longer lists it, so it will not come back.</Text>
      )}
      <List size="sm" spacing={2} data-testid="unregister-entities">
        {listed.map(r => <List.Item key={r}><Code>{r}</Code></List.Item>)}
      </List>
      {plan.entityRefs.length > MAX_LISTED && <Text size="sm" c="dimmed">…and {plan.entityRefs.length - MAX_LISTED} more.</Text>}
    </Stack>
  );
}

/** Shows what unregistering would remove, and removes it once confirmed. */
export function UnregisterDialog({ entity, onClose }: { entity: Entity; onClose: () => void }) {
  const { entitySource } = useAppContext();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const ref = stringifyEntityRef(entity);
  const plan = useQuery({ queryKey: ['atrium', 'unregister-plan', ref], queryFn: () => entitySource!.planUnregister!(entity), staleTime: 0 });
  const remove = useMutation({
    mutationFn: (p: UnregisterPlan) => entitySource!.unregister!(p),
    onSuccess: async (_, p) => {
      notifications.show({ color: 'teal', message: p.location ? `Unregistered ${p.location.target}` : `Deleted ${ref}` });
      onClose();
      await queryClient.invalidateQueries();
      void navigate('/catalog');
    },
  });

  let body;
  if (plan.isPending) body = <LoadingState lines={3} label="Working out what would be removed" />;
  else if (plan.isError) body = <ErrorState title="Could not work out what to remove" error={plan.error} onRetry={() => void plan.refetch()} />;
  else if (plan.data.blockedReason) {
    body = (
      <Alert color="yellow" variant="light" title="This entity cannot be unregistered here">
        <Text size="sm">{plan.data.blockedReason}</Text>
        {plan.data.origin && <Text size="xs" ff="monospace" mt={4} style={{ overflowWrap: 'anywhere' }}>{plan.data.origin}</Text>}
      </Alert>
    );
  } else body = <PlanSummary plan={plan.data} />;

  const canRemove = plan.data && !plan.data.blockedReason;
  return (
    <Modal opened onClose={onClose} title={`Unregister ${entity.metadata.title ?? entity.metadata.name}?`} size="lg">
      <Stack gap="md">
        {body}
        {remove.isError && <ErrorState title="Could not unregister" error={remove.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          {canRemove && (
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(plan.data)}>
              {plan.data.location ? 'Unregister location' : 'Delete entity'}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
