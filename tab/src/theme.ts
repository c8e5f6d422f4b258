import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { TeamsTheme } from './host';

export const fluentTheme = (t: TeamsTheme): Theme =>
  t === 'dark' ? teamsDarkTheme : t === 'contrast' ? teamsHighContrastTheme : teamsLightTheme;

/**
 * Chart colours per theme, chosen for at least 3:1 against the page (WCAG 1.4.11) and
 * to tell neighbours apart; the tables beside the charts carry the same numbers.
 */
export interface ChartPalette {
  levels: [string, string, string, string];
  series: string[];
  text: string;
  grid: string;
  goal: string;
}

export function chartPalette(t: TeamsTheme): ChartPalette {
  if (t === 'contrast')
    return {
      levels: ['#FF6666', '#FFFF00', '#00FFFF', '#3FF23F'],
      series: ['#FFFF00', '#00FFFF', '#3FF23F', '#FF6666'],
      text: '#FFFFFF',
      grid: '#FFFFFF',
      goal: '#FFFFFF',
    };
  if (t === 'dark')
    return {
      levels: ['#F1707B', '#E9C46A', '#9EA2FF', '#6CCB5F'],
      series: ['#9EA2FF', '#E9C46A', '#6CCB5F', '#F1707B'],
      text: '#FFFFFF',
      grid: '#5C5C5C',
      goal: '#FFFFFF',
    };
  return {
    levels: ['#A4262C', '#8A5300', '#4F52B2', '#0B6A0B'],
    series: ['#4F52B2', '#8A5300', '#0B6A0B', '#A4262C'],
    text: '#242424',
    grid: '#D1D1D1',
    goal: '#242424',
  };
}
