import { type BridgeActivity, postToBridge, streamUrl } from './api';
import { Observable, Subject } from './observable';

/** botframework-directlinejs' ConnectionStatus, which Web Chat reads by number. */
export const ConnectionStatus = { Uninitialized: 0, Connecting: 1, Online: 2, FailedToConnect: 4, Ended: 5 } as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

type Activity = Record<string, unknown> & { id?: string; type: string };

/**
 * A DirectLine-compatible object for Web Chat over the playground bridge: `activity$`
 * carries the chat's transcript (Server-Sent Events), `postActivity` sends what the user
 * types. Card taps do not go through Web Chat (it cannot send Action.Execute); the page
 * calls `tap` instead.
 */
export class PlaygroundDirectLine {
  readonly connectionStatus$ = new Subject<ConnectionStatus>(1, ConnectionStatus.Uninitialized);
  readonly activity$: Observable<Activity>;
  // Web Chat subscribes twice (to connect, then to read); whoever comes later still gets everything.
  private readonly activities = new Subject<Activity>(Infinity);
  private readonly shown = new Set<string>();
  private source: EventSource | null = null;

  constructor(
    readonly conversationId: string,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {
    // Like DirectLineJS, connect when Web Chat first subscribes to activities.
    this.activity$ = new Observable<Activity>((sink) => {
      const subscription = this.activities.subscribe(sink);
      this.connect();
      return () => subscription.unsubscribe();
    });
  }

  postActivity(activity: Activity): Observable<string> {
    return new Observable<string>((sink) => {
      const clientActivityId = (activity.channelData as { clientActivityID?: string } | undefined)?.clientActivityID;
      const text = typeof activity.text === 'string' ? activity.text.trim() : '';
      if (activity.type !== 'message' || !text) {
        // Typing indicators and events have no Teams counterpart from a user; accept and drop them.
        sink.next(clientActivityId ?? `local-${Date.now()}`);
        sink.complete();
        return;
      }
      this.send({ type: 'message', text, clientActivityId }).then(
        (id) => {
          sink.next(id);
          sink.complete();
        },
        (err: unknown) => sink.error(err),
      );
    });
  }

  /** A card button: Action.Execute (invoke; the bridge replaces the card) or Action.Submit (a message with value). */
  tap(activity: BridgeActivity): Promise<string> {
    return this.send(activity);
  }

  end(): void {
    this.source?.close();
    this.source = null;
    this.connectionStatus$.next(ConnectionStatus.Ended);
  }

  private async send(activity: BridgeActivity): Promise<string> {
    const delivery = await postToBridge(this.conversationId, activity);
    if (delivery.botStatus >= 400)
      this.onProblem(`De bot antwoordde met HTTP ${delivery.botStatus} / the bot answered HTTP ${delivery.botStatus}`);
    const answer = delivery.invokeResponse as { statusCode?: number; type?: string; value?: unknown } | undefined;
    if (answer && answer.type !== 'application/vnd.microsoft.card.adaptive') {
      this.onProblem(
        `Antwoord op de knop / invoke answer: ${answer.statusCode ?? '?'} ${typeof answer.value === 'string' ? answer.value : (answer.type ?? '')}`,
      );
    }
    return delivery.id;
  }

  private connect(): void {
    if (this.source) return;
    this.connectionStatus$.next(ConnectionStatus.Connecting);
    const source = new EventSource(streamUrl(this.conversationId));
    this.source = source;
    source.onopen = () => this.connectionStatus$.next(ConnectionStatus.Online);
    source.onmessage = (e: MessageEvent<string>) => this.receive(JSON.parse(e.data) as Activity);
    source.onerror = () => {
      // EventSource retries by itself (sending Last-Event-ID); CLOSED means it gave up.
      if (source.readyState === EventSource.CLOSED) {
        this.connectionStatus$.next(ConnectionStatus.FailedToConnect);
        this.onProblem('De verbinding met de speeltuin is verbroken / lost the connection to the playground');
      } else if (this.connectionStatus$.value === ConnectionStatus.Online) {
        this.connectionStatus$.next(ConnectionStatus.Connecting);
      }
    };
  }

  private receive(activity: Activity): void {
    // Web Chat holds a reply back (up to 5 s) until the activity it answers is shown. Replies to
    // what the user never sees (install events, card taps) must not wait for it.
    const replyToId = activity.replyToId as string | undefined;
    const patched = replyToId && !this.shown.has(replyToId) ? { ...activity, replyToId: undefined } : activity;
    if (activity.id) this.shown.add(activity.id);
    this.activities.next(patched);
  }
}
