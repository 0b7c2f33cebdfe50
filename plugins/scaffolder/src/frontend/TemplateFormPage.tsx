import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { ErrorState, LoadingState, Page } from '@atrium/frontend';
import type { JsonObject } from '@atrium/plugin-scaffolder/common';
import { useCallback, useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useCreateTask, useParameterSchema } from './api';
import { MultiStepForm } from './form/MultiStepForm';

function readFormData(raw: string | null): JsonObject {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
  } catch {
    return {};
  }
}

/**
 * `/create/templates/:namespace/:templateName`: the template's form. Answers and the current page
 * live in the URL (`?formData=…&step=…`, as Backstage does), except secrets, which never do.
 */
export default function TemplateFormPage() {
  const { namespace = 'default', templateName = '' } = useParams();
  const schema = useParameterSchema(namespace, templateName);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const create = useCreateTask();
  const formData = useMemo(() => readFormData(params.get('formData')), [params]);
  const step = Number(params.get('step') ?? 0) || 0;
  const secretKeys = useMemo(() => new Set((schema.data?.steps ?? []).flatMap((s) =>
    Object.entries((s.schema.properties ?? {}) as Record<string, Record<string, unknown>>).filter(([, p]) => p['ui:field'] === 'Secret').map(([k]) => k))), [schema.data]);

  const onChange = useCallback((data: JsonObject, nextStep: number) => {
    const safe = Object.fromEntries(Object.entries(data).filter(([k]) => !secretKeys.has(k)));
    const next = new URLSearchParams(params);
    next.set('formData', JSON.stringify(safe));
    next.set('step', String(nextStep));
    setParams(next, { replace: nextStep === step });
  }, [params, setParams, secretKeys, step]);

  const crumbs = <Breadcrumbs mb={4}><Anchor component={Link} to="/create" size="sm">Create</Anchor><Text size="sm">{templateName}</Text></Breadcrumbs>;
  if (schema.isLoading) return <Page title="Loading the template…" eyebrow={crumbs}><LoadingState lines={8} label="Loading the form" /></Page>;
  if (schema.isError || !schema.data) {
    return <Page title={templateName} eyebrow={crumbs}><ErrorState title="Could not load this template" error={schema.error} onRetry={() => void schema.refetch()}
      hint={schema.error?.status === 404 ? 'There is no template with this name in the catalog. Pick one from the templates list.' : undefined} /></Page>;
  }
  return (
    <Page title={schema.data.title} subtitle={schema.data.description} eyebrow={crumbs}>
      <MultiStepForm
        steps={schema.data.steps}
        formData={formData}
        step={step}
        onChange={onChange}
        creating={create.isPending}
        createError={create.error?.message}
        onCreate={(values, secrets) => create.mutate(
          { templateRef: `template:${namespace}/${templateName}`, values, ...(Object.keys(secrets).length && { secrets }) },
          { onSuccess: ({ id }) => void navigate(`/create/tasks/${id}`) },
        )}
      />
    </Page>
  );
}
