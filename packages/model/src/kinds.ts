/**
 * Types of Backstage's built-in kinds. A kind's entity type narrows `kind`, `apiVersion` and `spec`,
 * so code that has checked `entity.kind` (see `isEntityOfKind`) reads spec fields without casts.
 */
import type { Entity, EntityMeta } from './entity.js';

/** apiVersion of the core kinds. */
export const CATALOG_API_VERSION = 'backstage.io/v1alpha1';
/** apiVersion of Software Templates. */
export const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';

/** Names of the built-in kinds, as spelled in descriptors. */
export const BUILTIN_KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] as const;
/** One of the built-in kind names. */
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];

/** An entity whose kind, apiVersion and spec are known. */
interface KindEntity<K extends string, S extends Record<string, unknown>> extends Entity {
  kind: K;
  metadata: EntityMeta;
  spec: S;
}

/** Profile of a User or Group. */
export interface EntityProfile {
  displayName?: string;
  email?: string;
  picture?: string;
}

export interface ComponentSpec {
  type: string;
  lifecycle: string;
  owner: string;
  system?: string;
  subcomponentOf?: string;
  providesApis?: string[];
  consumesApis?: string[];
  dependsOn?: string[];
  dependencyOf?: string[];
  [key: string]: unknown;
}
export type ComponentEntity = KindEntity<'Component', ComponentSpec>;

export interface ApiSpec {
  type: string;
  lifecycle: string;
  owner: string;
  definition: string;
  system?: string;
  [key: string]: unknown;
}
export type ApiEntity = KindEntity<'API', ApiSpec>;

export interface ResourceSpec {
  type: string;
  owner: string;
  system?: string;
  dependsOn?: string[];
  dependencyOf?: string[];
  [key: string]: unknown;
}
export type ResourceEntity = KindEntity<'Resource', ResourceSpec>;

export interface SystemSpec {
  owner: string;
  domain?: string;
  type?: string;
  [key: string]: unknown;
}
export type SystemEntity = KindEntity<'System', SystemSpec>;

export interface DomainSpec {
  owner: string;
  subdomainOf?: string;
  type?: string;
  [key: string]: unknown;
}
export type DomainEntity = KindEntity<'Domain', DomainSpec>;

export interface GroupSpec {
  type: string;
  profile?: EntityProfile;
  parent?: string;
  /** Required, may be empty. */
  children: string[];
  members?: string[];
  [key: string]: unknown;
}
export type GroupEntity = KindEntity<'Group', GroupSpec>;

export interface UserSpec {
  profile?: EntityProfile;
  /** Required, may be empty; direct memberships only. */
  memberOf: string[];
  [key: string]: unknown;
}
export type UserEntity = KindEntity<'User', UserSpec>;

export interface LocationSpec {
  /** Inherited from the location that read this entity when absent. */
  type?: string;
  target?: string;
  targets?: string[];
  presence?: 'required' | 'optional';
  [key: string]: unknown;
}
export type LocationEntity = KindEntity<'Location', LocationSpec>;

/** One step of a Template; the scaffolder fills `id` (`step-<n>`) and `name` (= action) when absent. */
export interface TemplateStep {
  id?: string;
  name?: string;
  action: string;
  input?: Record<string, unknown>;
  if?: string | boolean;
  each?: unknown;
  [key: string]: unknown;
}

export interface TemplateSpec {
  type: string;
  owner?: string;
  lifecycle?: string;
  /** One JSON Schema per wizard page, or a single one. */
  parameters?: Record<string, unknown> | Array<Record<string, unknown>>;
  steps: TemplateStep[];
  output?: {
    links?: Array<{ title?: string; url?: string; entityRef?: string; icon?: string; if?: string | boolean }>;
    text?: Array<{ title?: string; content?: string; icon?: string; default?: boolean; if?: string | boolean }>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
export type TemplateEntity = KindEntity<'Template', TemplateSpec>;

/** Maps each built-in kind name to its entity type. */
export interface BuiltinEntityByKind {
  Component: ComponentEntity;
  API: ApiEntity;
  Resource: ResourceEntity;
  System: SystemEntity;
  Domain: DomainEntity;
  Group: GroupEntity;
  User: UserEntity;
  Location: LocationEntity;
  Template: TemplateEntity;
}

/**
 * Narrows an entity to a built-in kind by its `kind` field (case-insensitive, as refs and filters are).
 * It does not validate the spec; validate first when the entity comes from outside.
 */
export function isEntityOfKind<K extends BuiltinKind>(entity: Entity, kind: K): entity is BuiltinEntityByKind[K] {
  return entity.kind.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US');
}
