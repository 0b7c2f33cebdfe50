import type { Entity } from '@atrium/model';
import { stringifyEntityRef } from '@atrium/model';
import { displayTitle, relationTargets } from '../entityFields';

export interface OrgNode {
  ref: string;
  entity: Entity;
  title: string;
  children: OrgNode[];
  members: number;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * The group hierarchy from `childOf` relations: groups whose parent is missing from the catalog become
 * roots, so nothing disappears from the chart, and a parent cycle is broken at the group met first.
 */
export function buildOrgTree(groups: readonly Entity[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const entity of groups) {
    const ref = lower(stringifyEntityRef(entity));
    nodes.set(ref, { ref, entity, title: displayTitle(entity), children: [], members: relationTargets(entity, 'hasMember').length });
  }
  const parentOf = new Map<string, string>();
  for (const node of nodes.values()) {
    const parent = relationTargets(node.entity, 'childOf').map(lower).find(p => nodes.has(p) && p !== node.ref);
    if (parent) parentOf.set(node.ref, parent);
  }
  // A group whose ancestor chain comes back to itself is cut loose from its parent.
  for (const ref of nodes.keys()) {
    const seen = new Set([ref]);
    for (let p = parentOf.get(ref); p; p = parentOf.get(p)) {
      if (seen.has(p)) { parentOf.delete(ref); break; }
      seen.add(p);
    }
  }
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = parentOf.get(node.ref);
    if (parent) nodes.get(parent)!.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => { list.sort((a, b) => a.title.localeCompare(b.title)); list.forEach(n => sort(n.children)); };
  sort(roots);
  return roots;
}

/** Refs of the groups on the way to `ref` (not including it), to open the chart down to a group. */
export function ancestorsOf(roots: readonly OrgNode[], ref: string): string[] {
  const walk = (list: readonly OrgNode[], path: string[]): string[] | undefined => {
    for (const n of list) {
      if (n.ref === ref) return path;
      const found = walk(n.children, [...path, n.ref]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(roots, []) ?? [];
}

/** Groups matching the text (title, name, email), with their ancestors kept so matches stay in context. */
export function filterOrgTree(roots: readonly OrgNode[], text: string): OrgNode[] {
  const q = lower(text.trim());
  if (!q) return [...roots];
  const matches = (n: OrgNode) => lower(`${n.title} ${n.entity.metadata.name} ${JSON.stringify(n.entity.spec?.profile ?? '')}`).includes(q);
  const keep = (list: readonly OrgNode[]): OrgNode[] => list.flatMap(n => {
    const children = keep(n.children);
    return matches(n) || children.length ? [{ ...n, children }] : [];
  });
  return keep(roots);
}
