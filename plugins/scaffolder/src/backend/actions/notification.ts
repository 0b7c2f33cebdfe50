import type { EventsService } from '@atrium/backend';
import { createTemplateAction } from './types.js';

/** The events topic `notification:send` publishes to; a notifications plugin delivers what arrives there. */
export const SCAFFOLDER_NOTIFICATION_TOPIC = 'scaffolder.notification';

/**
 * `notification:send`, so templates written for Backstage (create-app's example ends with it) run
 * unchanged. Atrium has no notifications plugin yet: the notification is published on the events bus
 * for whichever plugin delivers them, and written to the task log.
 */
export function createNotificationAction(events: EventsService) {
  return createTemplateAction<{ recipients: 'broadcast' | 'entity'; entityRefs?: string[]; title: string; info?: string; link?: string; severity?: string; scope?: string; optional?: boolean }>({
    id: 'notification:send',
    description: 'Sends a notification to entities (users, groups) or to everyone, through the events bus.',
    schema: {
      input: {
        type: 'object', required: ['recipients', 'title'],
        properties: {
          recipients: { type: 'string', enum: ['broadcast', 'entity'] }, entityRefs: { type: 'array', items: { type: 'string' } },
          title: { type: 'string' }, info: { type: 'string' }, link: { type: 'string' },
          severity: { type: 'string', enum: ['critical', 'high', 'normal', 'low'] }, scope: { type: 'string' }, optional: { type: 'boolean' },
        },
      },
    },
    async handler(ctx) {
      const { recipients, entityRefs = [], title, info, link, severity = 'normal', scope } = ctx.input;
      await events.publish(SCAFFOLDER_NOTIFICATION_TOPIC, {
        recipients, entityRefs, title, info: info ?? null, link: link ?? null, severity, scope: scope ?? null, taskId: ctx.taskId,
      });
      ctx.logger.info(`Notification "${title}" sent to ${recipients === 'broadcast' ? 'everyone' : entityRefs.join(', ')}`);
    },
  });
}
