import { Button, Group, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { GREETING_MAX_LENGTH } from '@atrium/plugin-example/common';
import { useCreateGreeting } from './api';

function validate(message: string): string | undefined {
  const trimmed = message.trim();
  if (!trimmed) return 'Write a message before posting.';
  if (trimmed.length > GREETING_MAX_LENGTH) return `Keep it to ${GREETING_MAX_LENGTH} characters (now ${trimmed.length}).`;
  return undefined;
}

/** Posts a greeting, on the portal or on one entity. */
export function GreetingForm({ entityRef }: { entityRef?: string }) {
  const [message, setMessage] = useState('');
  const [touched, setTouched] = useState(false);
  const create = useCreateGreeting();
  const problem = validate(message);
  const shownError = touched ? problem : undefined;
  const serverError = create.error?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    create.mutate(
      { message: message.trim(), ...(entityRef ? { entityRef } : {}) },
      { onSuccess: () => { setMessage(''); setTouched(false); } },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Post a greeting">
      <Textarea
        label="Your greeting" placeholder={entityRef ? 'Say something nice about this component' : 'Say hello to everyone'}
        description={`${message.trim().length}/${GREETING_MAX_LENGTH} characters`}
        value={message} onChange={e => { setMessage(e.currentTarget.value); if (create.isError) create.reset(); }}
        onBlur={() => message && setTouched(true)} error={shownError ?? (serverError && `Could not post: ${serverError}`)}
        autosize minRows={2} maxRows={6}
        onKeyDown={e => { if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e); }}
      />
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={create.isPending} leftSection={<IconSend size={16} aria-hidden />}>Post greeting</Button>
      </Group>
    </form>
  );
}
