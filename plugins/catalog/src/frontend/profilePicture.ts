import type { Entity } from '@atrium/model';
import { stringField } from './entityFields';

/** `spec.profile.picture` of a user or group, when it is set. */
export function pictureOf(entity: Entity): string | undefined {
  const p = entity.spec?.profile;
  return p && typeof p === 'object' ? stringField((p as Record<string, unknown>).picture) : undefined;
}
