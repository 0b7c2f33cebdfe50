import { Loader } from '@mantine/core';
import { useExtensions } from '@atrium/frontend';
import type { FieldProps } from '@rjsf/utils';
import { lazy, Suspense, useMemo, type ComponentType } from 'react';
import { builtinFields } from '../fields';
import { asRjsfField, type ScaffolderFieldProps } from '../fields';

/**
 * The field extensions a form can use: the built-in pickers, then every plugin's `formFields`
 * contribution (`ui:field: <name>`), each loaded only when a form first shows it.
 */
export function useFormFields(): Record<string, ComponentType<FieldProps>> {
  const registry = useExtensions();
  return useMemo(() => {
    const fields: Record<string, ComponentType<FieldProps>> = { ...builtinFields };
    for (const contribution of registry.formFields) {
      const Lazy = lazy(contribution.load);
      const Loaded = (p: ScaffolderFieldProps) => (
        <Suspense fallback={<Loader size="sm" aria-label={`Loading the ${contribution.name} field`} />}>
          <Lazy {...p} />
        </Suspense>
      );
      fields[contribution.name] = asRjsfField(Loaded);
    }
    return fields;
  }, [registry.formFields]);
}
