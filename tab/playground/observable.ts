/**
 * The smallest Observable Web Chat accepts from a DirectLine object: `subscribe` with an
 * observer (or a next function) returning `{ unsubscribe }`. No RxJS in the bundle.
 */
export interface Observer<T> {
  next?(value: T): void;
  error?(err: unknown): void;
  complete?(): void;
}

export interface Subscription {
  unsubscribe(): void;
}

type Sink<T> = Required<Observer<T>>;

export class Observable<T> {
  constructor(private readonly start: (sink: Sink<T>) => (() => void) | void) {}

  subscribe(observer: Observer<T> | ((value: T) => void)): Subscription {
    const o: Observer<T> = typeof observer === 'function' ? { next: observer } : observer;
    let closed = false;
    const sink: Sink<T> = {
      next: (v) => !closed && o.next?.(v),
      error: (e) => {
        if (closed) return;
        closed = true;
        o.error?.(e);
      },
      complete: () => {
        if (closed) return;
        closed = true;
        o.complete?.();
      },
    };
    const teardown = this.start(sink);
    return {
      unsubscribe: () => {
        closed = true;
        teardown?.();
      },
    };
  }
}

/**
 * Many subscribers, values pushed from outside. A new subscriber first gets the last
 * `replay` values: 1 makes a BehaviorSubject (give it an initial value), Infinity the
 * whole history.
 */
export class Subject<T> extends Observable<T> {
  private readonly sinks = new Set<Sink<T>>();
  private readonly kept: T[] = [];

  constructor(
    private readonly replay = 0,
    ...initial: T[]
  ) {
    super((sink) => {
      this.sinks.add(sink);
      for (const v of [...this.kept]) sink.next(v);
      return () => this.sinks.delete(sink);
    });
    for (const v of initial) this.keep(v);
  }

  /** The latest value (what a BehaviorSubject holds). */
  get value(): T | undefined {
    return this.kept[this.kept.length - 1];
  }

  next(value: T): void {
    this.keep(value);
    for (const sink of [...this.sinks]) sink.next(value);
  }

  private keep(value: T): void {
    if (this.replay <= 0) return;
    this.kept.push(value);
    if (this.kept.length > this.replay) this.kept.shift();
  }
}
