// Times as the user lived them: RFC 3339 strings with their UTC offset,
// shown in the wall-clock time they were recorded in.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function offsetText(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The value of a datetime-local input for `date` (default: now). */
export function localInputValue(date = new Date()): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Today's local date as YYYY-MM-DD. */
export function today(date = new Date()): string {
  return localInputValue(date).slice(0, 10);
}

/** RFC 3339 with this machine's offset at that moment, from a datetime-local value. */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError("Enter a date and time.");
  return `${value.length === 16 ? `${value}:00` : value}${offsetText(date)}`;
}

/** The datetime-local value of an RFC 3339 time, in its own wall clock. */
export function toLocalInput(timestamp: string): string {
  return timestamp.slice(0, 16);
}

/** "21 Nov 2026" from YYYY-MM-DD (or the day part of a timestamp). */
export function formatDay(day: string): string {
  const [y, m, d] = day.slice(0, 10).split("-").map(Number);
  // A year under 1000 keeps its four digits: "0026" is not read as 2026 at a glance.
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${String(y).padStart(4, "0")}`;
}

/**
 * Midnight UTC of a calendar day (month 1–12). Not `Date.UTC`, which takes
 * the years 0–99 as 1900–1999: a mistyped year 0026 would read as 1926.
 */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * "Tuesday, 1 Dec 2026" from YYYY-MM-DD, or "Tuesday, 1 Dec 2026, 09:30"
 * from a datetime-local value: the words shown beside date fields, whose
 * own format is the system's. Empty for an empty or partial value.
 */
export function formatLongDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(value);
  if (!match) return "";
  const [, y, m, d, clock] = match;
  const weekday = WEEKDAYS[utcDay(Number(y), Number(m), Number(d)).getUTCDay()];
  return `${weekday}, ${formatDay(value)}${clock ? `, ${clock}` : ""}`;
}

/** "21 Nov 2026, 09:30" in the time's own wall clock. */
export function formatMoment(timestamp: string): string {
  return `${formatDay(timestamp)}, ${timestamp.slice(11, 16)}`;
}

/** The local day (YYYY-MM-DD) of a timestamp, as recorded. */
export function dayOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/** The day `n` days before `day` (YYYY-MM-DD). */
export function daysBefore(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const date = utcDay(y ?? 1970, m ?? 1, d ?? 1);
  date.setUTCDate(date.getUTCDate() - n);
  return date.toISOString().slice(0, 10);
}
