import { PasswordInput, TagsInput, TextInput } from '@mantine/core';
import { useTagOptions } from '../api';
import { fieldError, type ScaffolderFieldProps } from './fieldProps';

/** Backstage's entity name rule (`metadata.name`). */
export const ENTITY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

export function EntityNamePicker(props: ScaffolderFieldProps) {
  const value = typeof props.value === 'string' ? props.value : '';
  const invalid = value && (!ENTITY_NAME.test(value) || value.length > 63)
    ? 'Use up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit' : undefined;
  return (
    <TextInput id={props.id} label={props.label} description={props.description} required={props.required} disabled={props.disabled}
      autoFocus={props.autofocus} placeholder={props.placeholder ?? 'my-service'} value={value}
      error={fieldError(props) ?? invalid} onChange={(e) => props.onChange(e.currentTarget.value)} />
  );
}

export function EntityTagsPicker(props: ScaffolderFieldProps) {
  const tags = useTagOptions();
  const value = Array.isArray(props.value) ? (props.value as string[]) : [];
  const bad = value.filter((t) => !TAG.test(t) || t.length > 63);
  return (
    <TagsInput id={props.id} label={props.label} description={props.description ?? 'Press Enter after each tag'} required={props.required}
      disabled={props.disabled} data={(props.uiOptions.kinds ? [] : tags.data) ?? []} value={value} clearable
      error={fieldError(props) ?? (bad.length ? `Not valid tags: ${bad.join(', ')} (lowercase letters, digits and "-")` : undefined)}
      onChange={(v) => props.onChange(v.map((t) => t.trim().toLowerCase()).filter(Boolean))} />
  );
}

export function SecretField(props: ScaffolderFieldProps) {
  return (
    <PasswordInput id={props.id} label={props.label} description={props.description ?? 'Sent to the task as a secret: never stored in clear or shown in logs'}
      required={props.required} disabled={props.disabled} autoFocus={props.autofocus} autoComplete="off"
      value={typeof props.value === 'string' ? props.value : ''} error={fieldError(props)} onChange={(e) => props.onChange(e.currentTarget.value)} />
  );
}
