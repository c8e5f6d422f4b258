import type { Config } from '../config';
import type { Locale } from '../domain/org';

/**
 * The links that cards put in front of users (privacy page, "Mijn gegevens", the leadership
 * scan). With `PUBLIC_BASE_URL` they are fixed; without it they point at the address the
 * server listens on, which is known only after it started: `listening()` is that explicit step.
 */
export class PublicLinks {
  private base: string;

  constructor(private readonly config: Pick<Config, 'publicBaseUrl' | 'teamsAppId' | 'port'>) {
    this.base = config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`;
  }

  listening(url: string): void {
    this.base = this.config.publicBaseUrl ?? url;
  }

  privacy(locale: Locale): string {
    return `${this.base}/privacy${locale === 'en' ? '?lang=en' : ''}`;
  }

  /** "Mijn gegevens" in the tab (the manifest's static tab `mijn-gegevens`), where the export is downloaded. */
  myData(): string {
    return this.config.teamsAppId
      ? `https://teams.microsoft.com/l/entity/${this.config.teamsAppId}/mijn-gegevens`
      : `${this.base}/tab/#my-data`;
  }

  leadership(): string {
    const subEntity = encodeURIComponent(JSON.stringify({ subEntityId: 'leadership' }));
    return this.config.teamsAppId
      ? `https://teams.microsoft.com/l/entity/${this.config.teamsAppId}/dashboard?context=${subEntity}`
      : `${this.base}/tab/#leadership`;
  }
}
