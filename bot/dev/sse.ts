import type { Request, Response } from 'restify';
import type { Transcript, TranscriptEvent } from './transcript';

const HEARTBEAT_MS = 15_000;

/**
 * Streams a transcript as Server-Sent Events: first what the client has not seen yet
 * (after `Last-Event-ID`, which EventSource sends on reconnect), then every new event.
 * Each event's id is its sequence number, so a reconnect never loses or repeats one.
 */
export function streamTranscript(req: Request, res: Response, transcript: Transcript): void {
  const lastSeen = Number(
    req.header('last-event-id') || new URL(req.url ?? '/', 'http://local').searchParams.get('since') || 0,
  );
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache, no-transform');
  res.setHeader('x-accel-buffering', 'no');
  res.writeHead(200);
  res.write('retry: 1000\n\n');

  const write = (e: TranscriptEvent) => res.write(`id: ${e.seq}\ndata: ${JSON.stringify(e.activity)}\n\n`);
  for (const e of transcript.since(Number.isFinite(lastSeen) ? lastSeen : 0)) write(e);
  const unsubscribe = transcript.subscribe(write);
  // A comment line now and then keeps proxies and idle timeouts from closing a quiet chat.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  // The response closes when the client goes away (or the server stops); the request closes earlier, once read.
  res.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
