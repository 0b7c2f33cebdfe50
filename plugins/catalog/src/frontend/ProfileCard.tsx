import { Anchor, Avatar, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { EntityRefLink } from '@atrium/frontend';
import type { EntityComponentProps } from '@atrium/frontend';
import { Link } from 'react-router';
import { IconBrandSlack, IconExternalLink, IconMail, IconMessageCircle } from '@tabler/icons-react';
import { displayTitle, profileOf, relationTargets, stringField } from './entityFields';
import { pictureOf } from './profilePicture';

const initials = (name: string) => name.split(/[\s._-]+/).filter(Boolean).slice(0, 2).map(p => p[0]!.toUpperCase()).join('');

/** A chat link gets a chat icon; Backstage's `icon: chat` and Slack URLs both count. */
function linkIcon(link: { url: string; icon?: string }) {
  if (/slack\.com/.test(link.url)) return <IconBrandSlack size={16} aria-hidden />;
  if (link.icon === 'chat' || /chat|channel/.test(link.url)) return <IconMessageCircle size={16} aria-hidden />;
  if (link.url.startsWith('mailto:')) return <IconMail size={16} aria-hidden />;
  return <IconExternalLink size={16} aria-hidden />;
}

/** A person's or team's card: picture, name, email, chat and other links, and where the team sits. */
export function ProfileCard({ entity }: EntityComponentProps) {
  const { email } = profileOf(entity);
  const name = displayTitle(entity);
  const isGroup = entity.kind.toLowerCase() === 'group';
  const parents = relationTargets(entity, 'childOf');
  const type = stringField(entity.spec?.type);
  const links = entity.metadata.links ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-label="Profile" data-testid="profile-card">
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Avatar src={pictureOf(entity)} alt="" size={72} radius={isGroup ? 'md' : 'xl'} color="indigo">{initials(name)}</Avatar>
        <Stack gap={6} miw={0} style={{ flex: 1 }}>
          <Group gap="xs">
            <Title order={2} size="h4">{name}</Title>
            {type && <Badge variant="light" size="sm" radius="sm" tt="none">{type}</Badge>}
          </Group>
          {entity.metadata.description && <Text size="sm">{entity.metadata.description}</Text>}
          {email && (
            <Anchor href={`mailto:${email}`} size="sm">
              <Group gap={6} wrap="nowrap" component="span"><IconMail size={16} aria-hidden />{email}</Group>
            </Anchor>
          )}
          {links.length > 0 && (
            <Group gap="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Contact and links">
              {links.map(link => (
                <li key={link.url}>
                  <Anchor href={link.url} target="_blank" rel="noreferrer" size="sm">
                    <Group gap={6} wrap="nowrap" component="span">{linkIcon(link)}{link.title ?? link.url}</Group>
                  </Anchor>
                </li>
              ))}
            </Group>
          )}
          {isGroup && (
            <Text size="sm" c="dimmed">
              {parents.length
                ? <>Part of {parents.map((p, i) => <span key={p}>{i > 0 && ', '}<EntityRefLink entityRef={p} defaultKind="group" /></span>)}</>
                : 'A top-level group.'}
              <br /><Anchor component={Link} to={`/org?group=${encodeURIComponent(entity.metadata.name)}`} size="sm">See it in the organisation chart</Anchor>
            </Text>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

export default ProfileCard;
