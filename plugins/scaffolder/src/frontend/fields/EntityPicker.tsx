import { Autocomplete, Select } from '@mantine/core';
import { useIdentity } from '@atrium/frontend';
import { useMemo } from 'react';
import { useEntityOptions } from '../api';
import { catalogFilterParams, refOf } from './catalogFilter';
import { fieldError, type ScaffolderFieldProps } from './fieldProps';

interface PickerMode { defaultFilter?: Record<string, unknown>; owned?: boolean }

function Picker(props: ScaffolderFieldProps & { mode: PickerMode }) {
  const { uiOptions, mode } = props;
  const { identity } = useIdentity();
  let filter = catalogFilterParams(uiOptions.catalogFilter ?? mode.defaultFilter, uiOptions.allowedKinds);
  if (mode.owned) {
    const owners = identity?.ownershipEntityRefs ?? [];
    const ownedBy = owners.map((o) => `relations.ownedBy=${o}`).join(',');
    filter = filter ? filter.map((f) => `${f},${ownedBy}`) : [ownedBy];
  }
  const options = useEntityOptions(filter);
  const data = useMemo(() => (options.data ?? []).map((e) => ({
    value: refOf(e), label: `${e.metadata.title ?? (e.spec?.profile as { displayName?: string } | undefined)?.displayName ?? e.metadata.name} (${refOf(e)})`,
  })), [options.data]);
  const value = typeof props.value === 'string' ? props.value : '';
  const common = {
    id: props.id, label: props.label, description: props.description, required: props.required, disabled: props.disabled,
    autoFocus: props.autofocus, error: fieldError(props) ?? (options.isError ? 'Could not load entities from the catalog; type a reference instead' : undefined),
    placeholder: props.placeholder ?? (options.isLoading ? 'Loading entities…' : 'Search by name'),
    nothingFoundMessage: 'No matching entities in the catalog',
  };
  // allowArbitraryValues defaults to true in Backstage: a ref typed by hand is accepted.
  if (uiOptions.allowArbitraryValues !== false) {
    return <Autocomplete {...common} data={data} value={value} onChange={(v) => props.onChange(resolveTyped(v, data, uiOptions))} limit={50} />;
  }
  return <Select {...common} data={data} value={value || null} onChange={(v) => props.onChange(v ?? undefined)} searchable clearable limit={50} />;
}

/** A label picked from the list becomes its ref; a bare name gets the default kind and namespace. */
function resolveTyped(typed: string, data: Array<{ value: string; label: string }>, uiOptions: Record<string, any>): string {
  const hit = data.find((d) => d.label === typed);
  if (hit) return hit.value;
  if (!typed || typed.includes(':') || !uiOptions.defaultKind) return typed;
  const ns = uiOptions.defaultNamespace ?? 'default';
  return `${String(uiOptions.defaultKind).toLowerCase()}:${typed.includes('/') ? typed : `${ns}/${typed}`}`;
}

export function EntityPicker(props: ScaffolderFieldProps) {
  return <Picker {...props} mode={{}} />;
}

export function OwnerPicker(props: ScaffolderFieldProps) {
  return <Picker {...props} mode={{ defaultFilter: { kind: ['Group', 'User'] } }} />;
}

export function OwnedEntityPicker(props: ScaffolderFieldProps) {
  return <Picker {...props} mode={{ owned: true }} />;
}
