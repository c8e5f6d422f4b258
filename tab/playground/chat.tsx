import { useEffect, useMemo, useState } from 'react';
import ReactWebChat from 'botframework-webchat';
import { ACTIVITY_ATTRIBUTE, onCardTap } from './card-actions';
import type { PlaygroundDirectLine } from './directline';
import { hostConfigFor, NARROW_QUERY, type PlaygroundTheme, styleOptionsFor } from './teams-look';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

interface AttachmentProps {
  activity: { id?: string };
  attachment: { contentType: string };
}
type Render = (props?: AttachmentProps) => unknown;

/**
 * Web Chat for one conversation. Cards are wrapped in an element carrying their message
 * id, so a tapped button knows which message it belongs to; taps go to the bridge,
 * which answers like Teams (the card is replaced in place).
 */
export function Chat(props: {
  directLine: PlaygroundDirectLine;
  userId: string;
  name: string;
  locale: string;
  theme: PlaygroundTheme;
  onProblem: (message: string) => void;
}) {
  const { directLine, onProblem, theme } = props;
  const narrow = useNarrow();
  const styleOptions = useMemo(() => styleOptionsFor(theme), [theme]);
  const hostConfig = useMemo(() => hostConfigFor(theme, narrow), [theme, narrow]);

  useEffect(
    () =>
      onCardTap((tap) => {
        tap.card.setAttribute('aria-busy', 'true');
        const request =
          tap.kind === 'execute'
            ? directLine.tap({ type: 'execute', replyToId: tap.activityId, verb: tap.verb, data: tap.data })
            : directLine.tap({ type: 'submit', replyToId: tap.activityId, value: tap.value });
        request
          .catch((err: unknown) => onProblem(`Knop mislukt / tap failed: ${String(err)}`))
          .finally(() => tap.card.removeAttribute('aria-busy'));
      }),
    [directLine, onProblem],
  );

  const attachmentMiddleware = useMemo(
    () => () => (next: Render) => (p?: AttachmentProps) => {
      const rendered = next(p);
      if (!p || p.attachment.contentType !== ADAPTIVE_CARD || !p.activity.id) return rendered;
      return (
        <div className="pg-card" {...{ [ACTIVITY_ATTRIBUTE]: p.activity.id }}>
          {rendered as never}
        </div>
      );
    },
    [],
  );

  return (
    <ReactWebChat
      directLine={directLine}
      userID={props.userId}
      username={props.name}
      locale={props.locale.toLowerCase().startsWith('en') ? 'en-US' : 'nl-NL'}
      styleOptions={styleOptions}
      adaptiveCardsHostConfig={hostConfig}
      overrideLocalizedStrings={OWN_WORDS}
      attachmentMiddleware={attachmentMiddleware as never}
    />
  );
}

/** Web Chat's Dutch says "uw"; the bot and Teams say "je". */
const OWN_WORDS = <T extends Record<string, unknown>>(strings: T, language: string): T =>
  language.startsWith('nl') ? { ...strings, TEXT_INPUT_PLACEHOLDER: 'Typ je bericht' } : strings;

/** Whether the window is phone-narrow, following it when it is resized or turned. */
function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW_QUERY);
    const follow = () => setNarrow(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return narrow;
}
