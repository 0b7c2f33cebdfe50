/** A card on the entity page listing the targets of one relation type. Plain data: the shell reads it without loading UI code. */
export interface RelationCardDefinition {
  id: string;
  title: string;
  /** Kinds of entity page the card appears on. */
  onKinds: string[];
  /** Relation type whose targets are listed (`providesApi`, `hasPart`, …). */
  relation: string;
  /** Only targets of this kind (e.g. a system's `hasPart` split into components, APIs and resources). */
  targetKind?: string;
  /** What it means that the list is empty, and how to fill it. */
  empty: string;
  order: number;
}

/** The relation cards of each kind, in the order they appear under the About card. */
export const relationCards: readonly RelationCardDefinition[] = [
  { id: 'provided-apis', title: 'Provided APIs', onKinds: ['component'], relation: 'providesApi', order: 10,
    empty: 'This component provides no APIs. List them under spec.providesApis in its descriptor.' },
  { id: 'consumed-apis', title: 'Consumed APIs', onKinds: ['component'], relation: 'consumesApi', order: 20,
    empty: 'This component consumes no APIs. List them under spec.consumesApis in its descriptor.' },
  { id: 'depends-on', title: 'Depends on', onKinds: ['component', 'resource'], relation: 'dependsOn', order: 30,
    empty: 'No dependencies declared. List components and resources under spec.dependsOn.' },
  { id: 'dependents', title: 'Dependents', onKinds: ['component', 'resource'], relation: 'dependencyOf', order: 40,
    empty: 'Nothing declares a dependency on this yet.' },
  { id: 'subcomponents', title: 'Subcomponents', onKinds: ['component'], relation: 'hasPart', targetKind: 'component', order: 50,
    empty: 'No subcomponents. A component becomes one by naming this one in spec.subcomponentOf.' },
  { id: 'system-components', title: 'Components', onKinds: ['system'], relation: 'hasPart', targetKind: 'component', order: 10,
    empty: 'No components belong to this system. Set spec.system on a component to add it.' },
  { id: 'system-apis', title: 'APIs', onKinds: ['system'], relation: 'hasPart', targetKind: 'api', order: 20,
    empty: 'No APIs belong to this system. Set spec.system on an API to add it.' },
  { id: 'system-resources', title: 'Resources', onKinds: ['system'], relation: 'hasPart', targetKind: 'resource', order: 30,
    empty: 'No resources belong to this system. Set spec.system on a resource to add it.' },
  { id: 'domain-systems', title: 'Systems', onKinds: ['domain'], relation: 'hasPart', targetKind: 'system', order: 10,
    empty: 'No systems belong to this domain. Set spec.domain on a system to add it.' },
  { id: 'api-providers', title: 'Providers', onKinds: ['api'], relation: 'apiProvidedBy', order: 10,
    empty: 'No component provides this API. Add it to a component’s spec.providesApis.' },
  { id: 'api-consumers', title: 'Consumers', onKinds: ['api'], relation: 'apiConsumedBy', order: 20,
    empty: 'No component consumes this API yet.' },
  { id: 'group-members', title: 'Members', onKinds: ['group'], relation: 'hasMember', order: 10,
    empty: 'This group has no members. Add the group to a user’s spec.memberOf or list users in spec.members.' },
  { id: 'group-children', title: 'Child groups', onKinds: ['group'], relation: 'parentOf', order: 20,
    empty: 'No child groups.' },
  { id: 'user-groups', title: 'Groups', onKinds: ['user'], relation: 'memberOf', order: 10,
    empty: 'This user belongs to no group. Add groups to spec.memberOf.' },
];
