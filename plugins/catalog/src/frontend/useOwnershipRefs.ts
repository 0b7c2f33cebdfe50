import { useIdentity } from '@atrium/frontend';
import { useMemo } from 'react';
import { useEntitiesByRefs } from './api';
import { relationTargets } from './entityFields';

const USER_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'relations'];

/**
 * What "owned by me" means: the signed-in user's ownership refs plus the groups their catalog entity is a
 * member of, so things owned by the user's teams count too. `ready` is false until that is known.
 */
export function useOwnershipRefs(enabled = true): { refs: string[]; userEntityRef?: string; ready: boolean } {
  const { identity } = useIdentity();
  const userRef = identity?.userEntityRef;
  const user = useEntitiesByRefs(userRef && enabled ? [userRef] : [], USER_FIELDS);
  return useMemo(() => {
    const own = identity?.ownershipEntityRefs ?? [];
    const entity = user.data?.[0];
    const teams = entity ? relationTargets(entity, 'memberOf') : [];
    return { refs: [...new Set([...own, ...teams].map(r => r.toLocaleLowerCase('en-US')))], userEntityRef: userRef, ready: !user.isPending || user.isError };
  }, [identity, user.data, user.isPending, user.isError, userRef]);
}
