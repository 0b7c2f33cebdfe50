import type { FieldProps } from '@rjsf/utils';
import type { ComponentType } from 'react';

/** What a scaffolder field extension gets: RJSF's field props narrowed to what pickers need. */
export interface ScaffolderFieldProps {
  id: string;
  label: string;
  description?: string;
  value: unknown;
  onChange(value: unknown): void;
  required: boolean;
  /** `ui:options` of the field. */
  uiOptions: Record<string, any>;
  schema: Record<string, any>;
  rawErrors: string[];
  disabled: boolean;
  autofocus: boolean;
  placeholder?: string;
}

/** Wraps a field extension so RJSF can render it for `ui:field: <name>`. */
export function asRjsfField(Component: ComponentType<ScaffolderFieldProps>): ComponentType<FieldProps> {
  function RjsfField(props: FieldProps) {
    const ui = (props.uiSchema ?? {}) as Record<string, any>;
    return (
      <Component
        id={props.fieldPathId.$id}
        label={String(props.schema.title ?? props.name)}
        description={typeof props.schema.description === 'string' ? props.schema.description : undefined}
        value={props.formData}
        onChange={(value) => props.onChange(value === '' ? undefined : value, props.fieldPathId.path)}
        required={props.required ?? false}
        uiOptions={(ui['ui:options'] ?? {}) as Record<string, any>}
        schema={props.schema as Record<string, any>}
        rawErrors={props.rawErrors ?? []}
        disabled={props.disabled ?? false}
        autofocus={props.autofocus ?? ui['ui:autofocus'] === true}
        placeholder={typeof ui['ui:placeholder'] === 'string' ? ui['ui:placeholder'] : undefined}
      />
    );
  }
  RjsfField.displayName = `ScaffolderField(${Component.displayName ?? Component.name})`;
  return RjsfField;
}

export const fieldError = (p: ScaffolderFieldProps) => (p.rawErrors.length ? p.rawErrors.join('; ') : undefined);
