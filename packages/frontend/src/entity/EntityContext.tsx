import { createContext, useContext } from 'react';
import type { Entity } from '@atrium/model';

export const EntityContext = createContext<Entity | undefined>(undefined);

/** When the page last received the entity from the catalog (ms since epoch); 0 when unknown. */
export const EntityLoadedAtContext = createContext<number>(0);

/** The entity of the entity page the calling tab or card is on. */
export function useEntity(): Entity {
  const entity = useContext(EntityContext);
  if (!entity) throw new Error('useEntity() must be used inside an entity page tab or card');
  return entity;
}
