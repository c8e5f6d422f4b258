/**
 * Web Chat's full bundle imports the Direct Line client and Direct Line Speech (with the
 * Speech SDK): about 900 KiB the playground never runs, since it brings its own
 * DirectLine object and no speech. They are swapped for this stub at build time.
 */
function unavailable(what: string): never {
  throw new Error(`${what} is not part of the playground bundle`);
}

export class DirectLine {
  constructor() {
    unavailable('DirectLine');
  }
}

export class DirectLineStreaming {
  constructor() {
    unavailable('DirectLineStreaming');
  }
}

export function createAdapters(): never {
  return unavailable('Direct Line Speech');
}
