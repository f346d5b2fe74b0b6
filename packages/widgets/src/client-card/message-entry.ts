import type { HistoryEntry } from '@crmkit/core';
import { channelName, replyBoxStrings } from './reply-box-strings.js';

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * How a channel message reads on the timeline: the channel's name, and the
 * detail lines (email subject, the text, a call's outcome, duration and
 * recording). Returned as plain text. @internal
 */
export function describeMessage(entry: HistoryEntry, locale: string): { channel: string; lines: string[] } {
  const s = replyBoxStrings(locale);
  const d = entry.data as Record<string, unknown>;
  const channel = typeof d['channel'] === 'string' ? channelName(d['channel'], locale) : '';
  const lines: string[] = [];
  if (typeof d['subject'] === 'string' && d['subject']) lines.push(`${s.subject}: ${d['subject']}`);
  const call = d['call'] as { outcome?: string; duration?: number; recordingUrl?: string } | undefined;
  if (call && typeof call === 'object') {
    lines.push(s.call(call.outcome === 'missed' ? 'missed' : 'answered', typeof call.duration === 'number' ? clock(call.duration) : undefined));
    if (typeof call.recordingUrl === 'string') lines.push(`${s.recording}: ${call.recordingUrl}`);
  } else if (typeof d['text'] === 'string' && d['text']) lines.push(d['text']);
  return { channel, lines };
}
