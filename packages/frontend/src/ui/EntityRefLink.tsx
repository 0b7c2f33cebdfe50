import { Anchor } from '@mantine/core';
import { parseEntityRef, stringifyEntityRef } from '@atrium/model';
import type { CompoundEntityRef, Entity } from '@atrium/model';
import { Link } from 'react-router';

/** The entity page path for a ref, e.g. `/catalog/default/component/my-service`. */
export function entityRoute(ref: string | CompoundEntityRef | Entity, context?: { defaultKind?: string }): string {
  const c = typeof ref === 'string' ? parseEntityRef(ref, context) : 'metadata' in ref ? parseEntityRef(stringifyEntityRef(ref)) : ref;
  const part = (s: string) => encodeURIComponent(s.toLocaleLowerCase('en-US'));
  return `/catalog/${part(c.namespace)}/${part(c.kind)}/${part(c.name)}`;
}

export interface EntityRefLinkProps {
  entityRef: string | CompoundEntityRef;
  /** Kind assumed when the ref has none, and hidden from the label when it matches (`group` for owners). */
  defaultKind?: string;
  /** Overrides the label. */
  title?: string;
}

/** A link to an entity's page; the label drops the default kind and namespace like Backstage does. */
export function EntityRefLink({ entityRef, defaultKind, title }: EntityRefLinkProps) {
  let ref: CompoundEntityRef;
  try {
    ref = typeof entityRef === 'string' ? parseEntityRef(entityRef, { defaultKind }) : entityRef;
  } catch {
    return <span>{String(entityRef)}</span>;
  }
  const full = stringifyEntityRef(ref);
  const showKind = !defaultKind || ref.kind.toLowerCase() !== defaultKind.toLowerCase();
  const label = title ?? `${showKind ? `${ref.kind.toLowerCase()}:` : ''}${ref.namespace === 'default' ? '' : `${ref.namespace}/`}${ref.name}`;
  return (
    <Anchor component={Link} to={entityRoute(ref)} title={full}>
      {label}
    </Anchor>
  );
}
