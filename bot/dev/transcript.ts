/** One activity as the playground chat shows it (Direct Line shape, `from.role` set). */
export type ChatActivity = Record<string, unknown> & { id: string; type: string; timestamp: string };

export interface TranscriptEvent {
  seq: number;
  activity: ChatActivity;
}

/**
 * What one playground conversation has shown so far, as an append-only list of events:
 * a new activity, or a new version of an earlier one (same id). A client that
 * (re)connects replays the events after the last one it saw; Web Chat replaces an
 * activity whose id it already shows, so updates land in place.
 */
export class Transcript {
  private readonly events: TranscriptEvent[] = [];
  private readonly latest = new Map<string, ChatActivity>();
  private readonly listeners = new Set<(e: TranscriptEvent) => void>();
  private seq = 0;

  /** Keeps at most `maxEvents` (a long dev session must not grow without bound). */
  constructor(private readonly maxEvents = 2000) {}

  push(activity: ChatActivity): TranscriptEvent {
    const event = { seq: ++this.seq, activity };
    this.events.push(event);
    if (this.events.length > this.maxEvents) this.events.splice(0, this.events.length - this.maxEvents);
    this.latest.set(activity.id, activity);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** The current version of an activity shown in this conversation. */
  get(id: string): ChatActivity | undefined {
    return this.latest.get(id);
  }

  since(seq: number): TranscriptEvent[] {
    return this.events.filter((e) => e.seq > seq);
  }

  subscribe(listener: (e: TranscriptEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
