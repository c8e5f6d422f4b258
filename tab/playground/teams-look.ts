/**
 * Roughly how Teams (light theme) shows a chat and its Adaptive Cards, so what looks
 * wrong here likely looks wrong there. System fonts only: nothing is loaded from outside.
 */
const FONT = "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Roboto, Arial, sans-serif";
const PURPLE = '#5B5FC7';
const TEXT = '#242424';
const SUBTLE = '#616161';

export const styleOptions = {
  accent: PURPLE,
  primaryFont: FONT,
  backgroundColor: '#F5F5F5',
  subtle: SUBTLE,
  bubbleBackground: '#FFFFFF',
  bubbleBorderRadius: 6,
  bubbleBorderWidth: 0,
  bubbleTextColor: TEXT,
  bubbleFromUserBackground: '#E8EBFA',
  bubbleFromUserBorderRadius: 6,
  bubbleFromUserBorderWidth: 0,
  bubbleFromUserTextColor: TEXT,
  bubbleMaxWidth: 520,
  bubbleMinWidth: 200,
  botAvatarInitials: 'DV',
  botAvatarBackgroundColor: PURPLE,
  avatarSize: 32,
  hideUploadButton: true,
  sendBoxButtonColor: PURPLE,
  sendBoxButtonColorOnHover: PURPLE,
  sendBoxBorderTop: '1px solid #E0E0E0',
  suggestedActionBorderColor: PURPLE,
  suggestedActionTextColor: PURPLE,
  timestampColor: SUBTLE,
  // Teams renders Adaptive Cards up to 1.5 (mobile); newer elements fall back as they would there.
  adaptiveCardsParserMaxVersion: '1.5',
  cardEmphasisBackgroundColor: '#F5F5F5',
  richCardWrapTitle: true,
};

const foreground = (normal: string, subtle: string) => ({ default: normal, subtle });

export const adaptiveCardsHostConfig = {
  fontFamily: FONT,
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: foreground(TEXT, SUBTLE),
        dark: foreground('#000000', '#424242'),
        light: foreground('#FFFFFF', '#F5F5F5'),
        accent: foreground(PURPLE, '#4F52B2'),
        good: foreground('#237B4B', '#13A10E'),
        warning: foreground('#835C00', '#8A3707'),
        attention: foreground('#C4314B', '#A72037'),
      },
    },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: { default: foreground(TEXT, SUBTLE) } },
    accent: { backgroundColor: '#E8EBFA', foregroundColors: { default: foreground(TEXT, SUBTLE) } },
    good: { backgroundColor: '#E7F2DA', foregroundColors: { default: foreground(TEXT, SUBTLE) } },
    attention: { backgroundColor: '#FCF4F6', foregroundColors: { default: foreground(TEXT, SUBTLE) } },
    warning: { backgroundColor: '#FBF6D9', foregroundColors: { default: foreground(TEXT, SUBTLE) } },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
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

/** Up to this width Teams mobile shows a card's buttons one under the other; a row would run off the screen. */
export const NARROW_QUERY = '(max-width: 480px)';

/** The host config for a narrow screen: card actions stacked and as wide as the card, as Teams mobile does. */
export const narrowAdaptiveCardsHostConfig = {
  ...adaptiveCardsHostConfig,
  actions: {
    ...adaptiveCardsHostConfig.actions,
    actionsOrientation: 'vertical' as const,
    actionAlignment: 'stretch' as const,
  },
};
