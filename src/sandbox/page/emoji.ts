// A few emoji shortcodes as characters: the ones the app's messages use and some common ones; others stay as text.
import { own } from './json.ts';

const EMOJI: Readonly<Record<string, string>> = {
  arrow_down: '⬇️',
  arrow_up: '⬆️',
  ballot_box_with_ballot: '🗳️',
  ballot_box_with_check: '☑️',
  bar_chart: '📊',
  bell: '🔔',
  bug: '🐛',
  calendar: '📅',
  chart_with_downwards_trend: '📉',
  chart_with_upwards_trend: '📈',
  construction: '🚧',
  crystal_ball: '🔮',
  dart: '🎯',
  eyes: '👀',
  fire: '🔥',
  heavy_check_mark: '✔️',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  information_source: 'ℹ️',
  link: '🔗',
  lock: '🔒',
  mag: '🔍',
  memo: '📝',
  moneybag: '💰',
  new: '🆕',
  no_bell: '🔕',
  pushpin: '📌',
  rotating_light: '🚨',
  sparkles: '✨',
  speech_balloon: '💬',
  tada: '🎉',
  thumbsup: '👍',
  '+1': '👍',
  warning: '⚠️',
  wave: '👋',
  white_check_mark: '✅',
  wrench: '🔧',
  x: '❌',
  zap: '⚡',
};

/** Replaces known `:shortcode:`s; an unknown one is left as typed, as Slack shows a missing custom emoji. */
export function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => own(EMOJI, name) ?? whole);
}
