/** A learning catalogue as a municipality would export it from Excel: `;`-separated, Dutch column names. */
export const CSV_HEADER = 'id;titel_nl;titel_en;beschrijving_nl;link;duur;vorm;taal;domein;niveau;profielen';

const DOMAINS = ['information', 'communication', 'content', 'safety', 'problem-solving', 'devices', 'hr-self-service'];
const FORMATS = ['e-learning', 'video', 'workshop', 'sessie met een digicoach'];

/** `count` good rows: every domain, every level, every format, each with a real-looking link of the municipality. */
export function catalogueRows(count: number, prefix = 'wk'): string[] {
  return Array.from({ length: count }, (_, i) => {
    const domain = DOMAINS[i % DOMAINS.length];
    const level = (Math.floor(i / DOMAINS.length) % 4) + 1;
    const format = FORMATS[Math.floor(i / (DOMAINS.length * 4)) % FORMATS.length];
    const session = format.startsWith('sessie');
    const link = session ? '' : `https://leren.westerkwartier.nl/aanbod/${prefix}-${i + 1}`;
    const minutes = session ? 45 : format === 'workshop' ? 120 : 15 + (i % 4) * 5;
    return [
      `${prefix}-${i + 1}`,
      `Westerkwartier module ${i + 1}`,
      `Westerkwartier module ${i + 1} (en)`,
      `Wat je leert in module ${i + 1}; kort en praktisch.`,
      link,
      String(minutes),
      format,
      i % 3 === 0 ? 'nl,en' : 'nl',
      domain,
      String(level),
      '',
    ]
      .map((v) => (v.includes(';') ? `"${v}"` : v))
      .join(';');
  });
}

export function catalogueCsv(rows: string[]): string {
  return [CSV_HEADER, ...rows].join('\r\n') + '\r\n';
}
