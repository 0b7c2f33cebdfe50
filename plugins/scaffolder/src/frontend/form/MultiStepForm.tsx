import { Alert, Button, Group, Paper, Stack, Stepper, Table, Text } from '@mantine/core';
import Form from '@rjsf/mantine';
import type { CustomValidator, FormValidation, RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { IconArrowLeft, IconArrowRight, IconRocket } from '@tabler/icons-react';
import type { JsonObject, TemplateParameterStep } from '@atrium/plugin-scaffolder/common';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ENTITY_NAME } from '../fields';
import { pageFieldNames, reviewRows, secretFields, splitSchema } from './schemaToUi';
import { useFormFields } from './usePluginFields';

export interface MultiStepFormProps {
  steps: TemplateParameterStep[];
  formData: JsonObject;
  /** 0-based; `steps.length` is the review step. */
  step: number;
  onChange(formData: JsonObject, step: number): void;
  onCreate(values: JsonObject, secrets: Record<string, string>): void;
  creating?: boolean;
  createLabel?: string;
  /** An error from creating, shown on the review step. */
  createError?: string;
}

/** Adds the entity-name rule to fields that use EntityNamePicker, so Next refuses a bad name. */
function nameRules(uiSchema: UiSchema): CustomValidator {
  const names = Object.entries(uiSchema).filter(([, ui]) => (ui as Record<string, unknown> | undefined)?.['ui:field'] === 'EntityNamePicker').map(([k]) => k);
  return (formData: Record<string, unknown> | undefined, errors: FormValidation) => {
    for (const name of names) {
      const v = formData?.[name];
      if (typeof v === 'string' && v && (!ENTITY_NAME.test(v) || v.length > 63)) {
        (errors as unknown as Record<string, FormValidation>)[name]?.addError('must be a valid entity name: letters, digits, "-", "_" and ".", at most 63');
      }
    }
    return errors;
  };
}

/**
 * A template's form: one page per `spec.parameters` entry with RJSF (validation, `ui:*`,
 * dependencies and if/then), then a review of every answer before creating. All pages share one
 * `formData`, kept by the caller (in the URL), so a page can be reloaded or shared half-filled.
 */
export function MultiStepForm(props: MultiStepFormProps) {
  const fields = useFormFields();
  const pages = useMemo(() => props.steps.map((s) => ({ ...s, ...splitSchema(s.schema), fields: pageFieldNames(s.schema) })), [props.steps]);
  const secrets = useMemo(() => secretFields(props.steps.map((s) => s.schema)), [props.steps]);
  const step = Math.min(Math.max(0, props.step), pages.length);
  const page = pages[step];
  // The form keeps its own copy of the answers: the caller's copy (the URL) arrives a render or two
  // later, and feeding that back would undo keystrokes typed in between. A value the caller sends
  // that this form did not produce (a reset, another template) replaces the copy.
  const [data, setData] = useState<JsonObject>(props.formData);
  const emitted = useRef(new Set<string>());
  // Secrets never travel in the caller's copy, so they are left out when comparing.
  const key = (d: JsonObject) => JSON.stringify(Object.entries(d).filter(([k]) => !secrets.has(k)));
  useEffect(() => {
    const json = key(props.formData);
    if (!emitted.current.has(json) && json !== key(data)) setData(props.formData);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.formData]);
  const emit = (next: JsonObject, nextStep: number) => {
    const json = key(next);
    if (emitted.current.size > 200) emitted.current.clear();
    emitted.current.add(json);
    setData(next);
    props.onChange(next, nextStep);
  };

  // The page's own answers replace what the shared data had for its fields; others stay as they were.
  const merge = (pageData: JsonObject) => {
    const next: JsonObject = { ...data };
    for (const f of page?.fields ?? []) delete next[f];
    return { ...next, ...pageData };
  };

  const create = () => {
    const values: JsonObject = {};
    const secretValues: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) {
      if (secrets.has(k)) { if (typeof v === 'string' && v) secretValues[k] = v; } else values[k] = v;
    }
    props.onCreate(values, secretValues);
  };

  return (
    <Stack gap="lg">
      <Stepper active={step} onStepClick={(i) => i < step && emit(data, i)} size="sm" allowNextStepsSelect={false} wrap>
        {pages.map((p, i) => <Stepper.Step key={i} label={p.title} description={p.description} />)}
        <Stepper.Step label="Review" description="Check and create" />
      </Stepper>
      <Paper withBorder p="lg" radius="md">
        {page ? (
          <Form
            key={step}
            schema={page.schema as RJSFSchema}
            uiSchema={page.uiSchema as UiSchema}
            formData={data}
            validator={validator}
            fields={fields}
            noHtml5Validate
            showErrorList="top"
            customValidate={nameRules(page.uiSchema as UiSchema)}
            onChange={(e) => emit(merge(e.formData as JsonObject), step)}
            // The errors are shown in the form; RJSF would otherwise also log them as a console error.
            onError={() => {}}
            onSubmit={(e) => emit(merge(e.formData as JsonObject), step + 1)}
          >
            <Group justify="space-between" mt="lg">
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} disabled={step === 0} onClick={() => emit(data, step - 1)}>Back</Button>
              <Button type="submit" rightSection={<IconArrowRight size={16} />}>{step === pages.length - 1 ? 'Review' : 'Next'}</Button>
            </Group>
          </Form>
        ) : (
          <Stack>
            <Text fw={500}>Review what will be created</Text>
            <Table withTableBorder striped aria-label="Your answers">
              <Table.Tbody>
                {reviewRows(props.steps.map((s) => s.schema), data).map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Th w="35%" scope="row">{row.label}</Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {props.createError && <Alert color="red" title="The task could not be created" role="alert">{props.createError}</Alert>}
            <Group justify="space-between">
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => emit(data, pages.length - 1)} disabled={pages.length === 0}>Back</Button>
              <Button onClick={create} loading={props.creating} leftSection={<IconRocket size={16} />}>{props.createLabel ?? 'Create'}</Button>
            </Group>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
