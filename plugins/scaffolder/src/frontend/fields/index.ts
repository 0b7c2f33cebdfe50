import type { FieldProps } from '@rjsf/utils';
import type { ComponentType } from 'react';
import { EntityPicker, OwnedEntityPicker, OwnerPicker } from './EntityPicker';
import { asRjsfField } from './fieldProps';
import { RepoUrlPicker } from './RepoUrlPicker';
import { EntityNamePicker, EntityTagsPicker, SecretField } from './SimpleFields';

export { ENTITY_NAME } from './SimpleFields';
export { asRjsfField, type ScaffolderFieldProps } from './fieldProps';

/** The field extensions every template can use with `ui:field`. */
export const builtinFields: Record<string, ComponentType<FieldProps>> = {
  EntityPicker: asRjsfField(EntityPicker),
  OwnerPicker: asRjsfField(OwnerPicker),
  OwnedEntityPicker: asRjsfField(OwnedEntityPicker),
  EntityNamePicker: asRjsfField(EntityNamePicker),
  EntityTagsPicker: asRjsfField(EntityTagsPicker),
  RepoUrlPicker: asRjsfField(RepoUrlPicker),
  Secret: asRjsfField(SecretField),
};
