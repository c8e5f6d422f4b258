/**
 * Roughly how Teams shows a chat and its Adaptive Cards in each of its three themes (light,
 * dark, high contrast), so what looks wrong here likely looks wrong there. Colours are Teams'
 * own (Fluent's Teams themes); system fonts only: nothing is loaded from outside.
 */
const FONT = "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Roboto, Arial, sans-serif";

/** Teams' themes, named as Teams names them (the tab's TeamsTheme). */
export const THEMES = ['default', 'dark', 'contrast'] as const;
export type PlaygroundTheme = (typeof THEMES)[number];

export const isTheme = (value: string | null | undefined): value is PlaygroundTheme =>
  (THEMES as readonly string[]).includes(value ?? '');

/** The colours one theme needs in Web Chat and the cards (playground.css has the page's, per theme). */
interface Palette {
  page: string;
  card: string;
  text: string;
  subtle: string;
  brand: string;
  stroke: string;
  userBubble: string;
  emphasis: string;
  good: string;
  warning: string;
  attention: string;
  /** Only the contrast theme draws borders around bubbles (it has no background tints). */
  bubbleBorder: number;
}

export const PALETTES: Record<PlaygroundTheme, Palette> = {
  default: {
    page: '#F5F5F5',
    card: '#FFFFFF',
    text: '#242424',
    subtle: '#616161',
    brand: '#5B5FC7',
    stroke: '#D1D1D1',
    userBubble: '#E8EBFA',
    emphasis: '#F5F5F5',
    good: '#237B4B',
    warning: '#835C00',
    attention: '#C4314B',
    bubbleBorder: 0,
  },
  dark: {
    page: '#1F1F1F',
    card: '#292929',
    text: '#FFFFFF',
    subtle: '#ADADAD',
    brand: '#7F85F5',
    stroke: '#666666',
    userBubble: '#2F2F4A',
    emphasis: '#1F1F1F',
    good: '#54B054',
    warning: '#F8D22A',
    attention: '#E37D80',
    bubbleBorder: 0,
  },
  contrast: {
    page: '#000000',
    card: '#000000',
    text: '#FFFFFF',
    subtle: '#FFFFFF',
    brand: '#1AEBFF',
    stroke: '#FFFFFF',
    userBubble: '#000000',
    emphasis: '#000000',
    good: '#3FF23F',
    warning: '#FFFF01',
    attention: '#FFFF01',
    bubbleBorder: 1,
  },
};

/** Web Chat's look in a theme: the transcript, the bubbles and the send box as Teams draws them. */
export function styleOptionsFor(theme: PlaygroundTheme) {
  const p = PALETTES[theme];
  // Web Chat writes the avatar's initials in white: in dark that needs the darker brand colour, in contrast black (with a border, playground.css).
  const fill = theme === 'dark' ? '#5B5FC7' : theme === 'contrast' ? '#000000' : p.brand;
  return {
    accent: p.brand,
    primaryFont: FONT,
    backgroundColor: p.page,
    subtle: p.subtle,
    bubbleBackground: p.card,
    bubbleBorderRadius: 6,
    bubbleBorderWidth: p.bubbleBorder,
    bubbleBorderColor: p.stroke,
    bubbleTextColor: p.text,
    bubbleFromUserBackground: p.userBubble,
    bubbleFromUserBorderRadius: 6,
    bubbleFromUserBorderWidth: p.bubbleBorder,
    bubbleFromUserBorderColor: p.stroke,
    bubbleFromUserTextColor: p.text,
    bubbleMaxWidth: 520,
    bubbleMinWidth: 200,
    botAvatarInitials: 'DV',
    botAvatarBackgroundColor: fill,
    avatarSize: 32,
    hideUploadButton: true,
    sendBoxBackground: p.card,
    sendBoxTextColor: p.text,
    sendBoxPlaceholderColor: p.subtle,
    sendBoxButtonColor: p.brand,
    sendBoxButtonColorOnHover: p.brand,
    sendBoxButtonColorOnFocus: p.brand,
    sendBoxBorderTop: `1px solid ${p.stroke}`,
    suggestedActionBackgroundColor: p.card,
    suggestedActionBorderColor: p.brand,
    suggestedActionTextColor: p.brand,
    timestampColor: p.subtle,
    transcriptActivityVisualKeyboardIndicatorColor: p.text,
    transcriptVisualKeyboardIndicatorColor: p.text,
    transcriptOverlayButtonBackground: fill,
    transcriptOverlayButtonColor: '#FFFFFF',
    transcriptTerminatorBackgroundColor: p.subtle,
    transcriptTerminatorColor: p.page,
    // Teams renders Adaptive Cards up to 1.5 (mobile); newer elements fall back as they would there.
    adaptiveCardsParserMaxVersion: '1.5',
    cardEmphasisBackgroundColor: p.emphasis,
    richCardWrapTitle: true,
  };
}

const foreground = (normal: string, subtle: string) => ({ default: normal, subtle });

/**
 * The Adaptive Card host config of a theme, as Teams gives one per theme; `narrow` stacks the
 * buttons as wide as the card, as Teams mobile does (a row would run off the screen).
 */
export function hostConfigFor(theme: PlaygroundTheme, narrow: boolean) {
  const p = PALETTES[theme];
  const colours = {
    default: foreground(p.text, p.subtle),
    dark: theme === 'default' ? foreground('#000000', '#424242') : foreground(p.text, p.subtle),
    light: theme === 'default' ? foreground('#FFFFFF', '#F5F5F5') : foreground(p.text, p.subtle),
    accent: foreground(p.brand, p.brand),
    good: foreground(p.good, p.good),
    warning: foreground(p.warning, p.warning),
    attention: foreground(p.attention, p.attention),
  };
  const tinted = (light: string, dark: string) => ({
    backgroundColor: theme === 'default' ? light : theme === 'dark' ? dark : p.card,
    foregroundColors: colours,
  });
  return {
    fontFamily: FONT,
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.stroke },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: {
      default: { backgroundColor: p.card, foregroundColors: colours },
      emphasis: { backgroundColor: p.emphasis, foregroundColors: colours },
      accent: tinted('#E8EBFA', '#2F2F4A'),
      good: tinted('#E7F2DA', '#0D2E0D'),
      attention: tinted('#FCF4F6', '#3E1F25'),
      warning: tinted('#FBF6D9', '#463100'),
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 8 },
      actionsOrientation: narrow ? ('vertical' as const) : ('horizontal' as const),
      actionAlignment: narrow ? ('stretch' as const) : ('left' as const),
    },
    adaptiveCard: { allowCustomStyle: true },
    imageSizes: { small: 32, medium: 52, large: 100 },
    imageSet: { imageSize: 'medium', maxImageHeight: 100 },
    factSet: {
      title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 8,
    },
    textBlock: { headingLevel: 2 },
  };
}

/** Up to this width Teams mobile shows a card's buttons one under the other. */
export const NARROW_QUERY = '(max-width: 480px)';

/**
 * The theme the page opens in: `?theme=default|dark|contrast` (for links and tests), else
 * the one picked before, else what the system asks for (forced colours, dark mode).
 */
export function initialTheme(): PlaygroundTheme {
  const asked = new URLSearchParams(location.search).get('theme');
  if (isTheme(asked)) return asked;
  const kept = safeStorage()?.getItem(STORAGE_KEY);
  if (isTheme(kept)) return kept;
  if (window.matchMedia('(forced-colors: active)').matches) return 'contrast';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

const STORAGE_KEY = 'digivaardig.playground.theme';

/** Shows the page in a theme and remembers it, also in the address (a reload keeps it). */
export function applyTheme(theme: PlaygroundTheme): void {
  const root = document.documentElement;
  // playground.css keys its colours (page, bar, card buttons) on this attribute.
  root.dataset.theme = theme;
  safeStorage()?.setItem(STORAGE_KEY, theme);
  const url = new URL(location.href);
  if (url.searchParams.get('theme') !== theme) {
    url.searchParams.set('theme', theme);
    history.replaceState(history.state, '', url);
  }
}

/** Local storage, unless the browser refuses it (private mode, blocked cookies). */
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
