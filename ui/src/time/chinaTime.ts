/**
 * China has one time zone, UTC+8, without daylight saving. All dates the
 * officer types are China civil dates/times; instants are sent as RFC 3339
 * with an explicit +08:00 offset.
 */
export const CHINA_OFFSET = "+08:00";
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** The China wall clock for an instant (ms since epoch). */
export function chinaWallClock(epochMs: number): WallClock {
  const shifted = new Date(epochMs + CHINA_OFFSET_MS);
  const date = `${String(shifted.getUTCFullYear()).padStart(4, "0")}-${pad2(shifted.getUTCMonth() + 1)}-${pad2(shifted.getUTCDate())}`;
  return { date, time: `${pad2(shifted.getUTCHours())}:${pad2(shifted.getUTCMinutes())}` };
}

export function nowInChina(now: number = Date.now()): WallClock {
  return chinaWallClock(now);
}

/** Parses YYYY-MM-DD into its parts, rejecting impossible dates (2026-02-30). */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isValidTime(value: string): boolean {
  const m = TIME_RE.exec(value.trim());
  if (!m) return false;
  return Number(m[1]) <= 23 && Number(m[2]) <= 59 && (m[3] === undefined || Number(m[3]) <= 59);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Monday … 7 = Sunday, for a civil date. */
export function isoWeekday(date: string): number {
  const parts = parseIsoDate(date);
  if (!parts) return 0;
  const js = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** A China date + time (HH:MM) as an RFC 3339 instant with +08:00. */
export function toRfc3339(date: string, time: string): string | null {
  if (!parseIsoDate(date) || !isValidTime(time)) return null;
  const t = time.trim();
  const hhmmss = t.length === 5 ? `${t}:00` : t;
  return `${date.trim()}T${hhmmss}${CHINA_OFFSET}`;
}

/** The China wall clock of an RFC 3339 instant (any offset), or null. */
export function rfc3339ToChina(instant: string): WallClock | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(instant.trim())) {
    return null;
  }
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : chinaWallClock(ms);
}

/** The previous civil day of a YYYY-MM-DD date. */
export function previousDay(date: string): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  return chinaWallClock(Date.UTC(p.year, p.month - 1, p.day - 1) - CHINA_OFFSET_MS).date;
}
