// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:
// run `KETALOG_WRITE_BINDINGS=1 cargo test -p ketalog-app bindings` instead.

export type ErrorCode = "wrong_passphrase" | "locked" | "no_journal" | "already_exists" | "invalid" | "corrupt" | "damaged_file" | "too_new" | "not_found" | "disk_full" | "in_use" | "unsafe" | "io" | "cancelled";

export type CommandError = { 
/**
 * What kind of failure.
 */
code: ErrorCode, 
/**
 * What happened, in words fit to show.
 */
message: string, 
/**
 * The field at fault (`dose_mg`, `bp_pre.diastolic`), for `invalid`.
 */
field: string | null, };

export type AppStatus = { 
/**
 * Whether a journal exists at the vault path (else: first-run setup).
 */
journal_exists: boolean, 
/**
 * Whether it is open.
 */
unlocked: boolean, 
/**
 * The journal file, for the Settings screen.
 */
vault_path: string, 
/**
 * True when files are named in the UI instead of a native dialog
 * (end-to-end tests only).
 */
files_by_name: boolean, 
/**
 * The shortest passphrase accepted.
 */
min_passphrase_chars: number, };

export type Overview = { 
/**
 * The moment this was taken, in the machine's UTC offset.
 */
now: string, 
/**
 * The profile (clinician, crisis line, settings).
 */
profile: Profile, 
/**
 * Reminders due now.
 */
reminders: Array<Reminder>, 
/**
 * Every alert that holds now, most severe first (acknowledged ones
 * included, marked).
 */
alerts: Array<Alert>, 
/**
 * The first local day holding a record (`YYYY-MM-DD`), if any.
 */
first_day: string | null, 
/**
 * The last local day holding a record, if any.
 */
last_day: string | null, 
/**
 * Records per kind, with their words.
 */
counts: Array<KindCount>, 
/**
 * Today's records, oldest first.
 */
today: Array<Entry>, };

export type Saved = { 
/**
 * The record as stored (a new record has its id now).
 */
record: AnyRecord, 
/**
 * The crisis and urgent alerts this record raised, not yet acknowledged.
 */
prompts: Array<Alert>, 
/**
 * What is due and what holds now.
 */
overview: Overview, };

export type Deleted = { 
/**
 * The record that was deleted.
 */
record: AnyRecord, 
/**
 * What is due and what holds now.
 */
overview: Overview, };

export type AnyRecord = { "kind": "session", "record": Session } | { "kind": "checkin", "record": CheckIn } | { "kind": "phq9", "record": PhqNine } | { "kind": "gad7", "record": GadSeven } | { "kind": "icsi_icpi", "record": BladderIndices } | { "kind": "bladder", "record": BladderDay };

export type RecordKind = "session" | "checkin" | "phq9" | "gad7" | "icsi_icpi" | "bladder";

export type Entry = { 
/**
 * The record's id.
 */
id: string, 
/**
 * Its kind.
 */
kind: RecordKind, 
/**
 * When it happened; `None` for a diary day.
 */
at: string | null, 
/**
 * Its local day, `YYYY-MM-DD`.
 */
day: string, 
/**
 * The kind in words ("Check-in").
 */
title: string, 
/**
 * What it holds, in one line of words.
 */
summary: string, 
/**
 * Its tags, as written.
 */
tags: Array<string>, };

export type HistoryQuery = { 
/**
 * Only these kinds; every kind when empty.
 */
kinds: Array<RecordKind>, 
/**
 * Only records whose words or notes contain this (any case); all when empty.
 */
text: string, 
/**
 * Only records carrying every one of these tags (any case): each tag
 * narrows the list. All records when empty; when not empty, only kinds
 * that have tags (sessions, check-ins) can match.
 */
tags: Array<string>, 
/**
 * From this local day (`YYYY-MM-DD`), included.
 */
from: string | null, 
/**
 * To this local day, included.
 */
to: string | null, 
/**
 * Which page, from 0.
 */
page: number, };

export type HistoryPage = { 
/**
 * The entries on this page.
 */
entries: Array<Entry>, 
/**
 * How many records match in all.
 */
total: number, 
/**
 * This page, from 0.
 */
page: number, 
/**
 * How many pages there are (at least 1).
 */
pages: number, };

export type TagsInUse = { 
/**
 * The tags the journal's records carry, most used first (then in
 * alphabetical order, ignoring case), each once: tags differing only in
 * case are one, spelled as on its latest record. At most
 * [`MAX_TAGS_IN_USE`].
 */
tags: Array<string>, 
/**
 * How many different tags the journal holds: more than `tags` holds
 * when the list was cut short.
 */
total: number, 
/**
 * Most tags on one record ([`crate::model::MAX_TAGS`]).
 */
max_per_record: number, 
/**
 * Most characters in one tag ([`crate::model::MAX_TAG_CHARS`]).
 */
max_chars: number, };

export type Month = { 
/**
 * The year.
 */
year: number, 
/**
 * The month, 1–12.
 */
month: number, 
/**
 * "March 2026".
 */
title: string, 
/**
 * The weekday of the first day, 0 = Monday.
 */
first_weekday: number, 
/**
 * Every day of the month, in order.
 */
days: Array<CalendarDay>, };

export type CalendarDay = { 
/**
 * The local day, `YYYY-MM-DD`.
 */
day: string, 
/**
 * The mean of the day's check-in moods (0–10), if any.
 */
mood: number | null, 
/**
 * Sessions that day.
 */
sessions: number, 
/**
 * Whether the day's bladder diary shows a warning sign.
 */
bladder_warning: boolean, 
/**
 * Records of every kind that day.
 */
entries: number, };

export type FileWritten = { 
/**
 * Where it went.
 */
path: string, };

export type About = { 
/**
 * The release, `0.1.0`.
 */
version: string, 
/**
 * The git commit it was built from (12 hex digits), or `source`
 * (named at build time by ketalog-build-id).
 */
build: string, };

export type DocumentPreview = { 
/**
 * The file it came from.
 */
path: string, 
/**
 * Whether it was an encrypted backup (else a plain export).
 */
encrypted: boolean, 
/**
 * When it was exported, if it says.
 */
exported_at: string | null, 
/**
 * Record counts by kind, with their words.
 */
counts: Array<KindCount>, 
/**
 * The first local day with a record (YYYY-MM-DD), if any.
 */
first_day: string | null, 
/**
 * The last local day with a record (YYYY-MM-DD), if any.
 */
last_day: string | null, 
/**
 * The profile settings a merge would change if the user also takes the
 * file's profile (a merge keeps the journal's profile otherwise).
 */
profile_if_merged: Array<ProfileChange>, 
/**
 * The profile settings a replace (or a restore as a new journal) installs.
 */
profile_if_replaced: Array<ProfileChange>, };

export type FreshRestore = { 
/**
 * The new journal, open.
 */
overview: Overview, 
/**
 * What the restore wrote.
 */
summary: ImportSummary, 
/**
 * The folder the earlier journal's files were moved to, if any.
 */
set_aside: string | null, };

export type BackupWritten = { 
/**
 * Where it went.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: bigint, 
/**
 * How many records (and acknowledgements) it holds.
 */
records: number, };

export type KindCount = { 
/**
 * The kind's name in the data document (`checkins`), or
 * `acknowledgements`.
 */
list: string, 
/**
 * How many.
 */
count: number, 
/**
 * "12 check-ins".
 */
text: string, };

export type RestoreMode = "merge" | "replace";

export type ImportSummary = { 
/**
 * Records (and acknowledgements) that were new.
 */
added: number, 
/**
 * Records whose stored content changed.
 */
updated: number, 
/**
 * Records already stored exactly so (or, adding only new records,
 * already stored and left as they are).
 */
unchanged: number, 
/**
 * Records removed (replace only).
 */
removed: number, 
/**
 * The profile settings that changed.
 */
profile_changes: Array<ProfileChange>, };

export type Reminder = { 
/**
 * Which reminder.
 */
kind: ReminderKind, 
/**
 * A short heading.
 */
title: string, 
/**
 * One or two plain sentences.
 */
message: string, 
/**
 * The record it is about (the session to reflect on), if any.
 */
record: string | null, };

export type Alert = { 
/**
 * Stable id of this occurrence (see the module documentation);
 * acknowledgements refer to it.
 */
id: string, 
/**
 * Which rule raised it.
 */
rule: Rule, 
/**
 * How soon to act.
 */
severity: Severity, 
/**
 * A short heading.
 */
title: string, 
/**
 * The logged data that raised it, with dates and values, and why
 * clinicians want to know. Never a diagnosis.
 */
message: string, 
/**
 * What to do, with the clinician's contact when known and, for a
 * crisis, the crisis line and emergency number.
 */
action: string, 
/**
 * The ids of the records it rests on.
 */
evidence: Array<string>, 
/**
 * When this occurrence first held.
 */
first_seen: string, 
/**
 * The user's acknowledgement, if they made one at or before T.
 */
acknowledged: Acknowledged | null, };

export type Rule = "mood.self_harm" | "mood.severe" | "bladder.blood" | "bp.post_dose_high" | "session.psychotic" | "mood.worsening" | "anxiety.severe" | "bladder.persistent" | "dose.high_daily" | "bp.pre_dose_high" | "session.co_medication" | "response.not_yet" | "mood.response" | "mood.remission" | "driving.wait";

export type Acknowledged = { 
/**
 * When they acknowledged it.
 */
at: string, 
/**
 * Their note ("called the clinic, appointment Friday").
 */
note: string, 
/**
 * Whether the note may appear in the clinician's PDF.
 */
share_note: boolean, };

export type Severity = "crisis" | "urgent" | "advise" | "info";

export type Questionnaire = { 
/**
 * Which one.
 */
kind: QuestionnaireKind, 
/**
 * Short name ("PHQ-9").
 */
name: string, 
/**
 * The instruction above the items.
 */
stem: string, 
/**
 * The items; stored answers follow this order.
 */
items: Array<Question>, 
/**
 * An optional closing question that is not part of the total (the
 * PHQ-9's difficulty question).
 */
closing: Question | null, 
/**
 * Highest possible total.
 */
max_total: number, 
/**
 * Where the wording and scoring come from.
 */
source: string, };

export type QuestionnaireKind = "phq9" | "gad7" | "icsi" | "icpi";

export type Question = { 
/**
 * The published wording.
 */
question: string, 
/**
 * The answers offered.
 */
choices: Array<Answer>, };

export type Answer = { 
/**
 * Points scored.
 */
score: number, 
/**
 * The published wording.
 */
label: string, };

export type ChartView = { 
/**
 * Stable identifier (`phq9`, `doses`, …).
 */
id: string, 
/**
 * Heading.
 */
title: string, 
/**
 * A standalone SVG document.
 */
svg: string, 
/**
 * Width in CSS pixels.
 */
width: number, 
/**
 * Height in CSS pixels.
 */
height: number, 
/**
 * One sentence saying what the chart shows.
 */
alt_text: string, 
/**
 * How many rows the data table holds.
 */
table_rows: number, 
/**
 * The data table itself; `None` for a trend chart, whose table
 * `chart_table` sends on demand.
 */
table: TableView | null, };

export type TableView = { 
/**
 * Column headings.
 */
columns: Array<string>, 
/**
 * The values drawn, one row per point, as text.
 */
rows: Array<Array<string>>, };

export type Theme = "light" | "dark";

export type InsightsView = { 
/**
 * Mood on the days around each session day, the median bold.
 */
chart: ChartView, 
/**
 * The summaries by route (and medication), mood, anxiety, then sleep.
 */
sentences: Array<string>, 
/**
 * What the figures do not say.
 */
note: string, 
/**
 * Every session day of the period, newest first.
 */
session_days: Array<SessionDayLine>, 
/**
 * The mood on days with a tag beside the other days, for the most used
 * tags with days enough on both sides (at most [`TAG_SENTENCES`]).
 */
tag_sentences: Array<string>, 
/**
 * Which tags are compared: the core's rule in words.
 */
tag_note: string, };

export type SessionDayLine = { 
/**
 * The local day (YYYY-MM-DD).
 */
day: string, 
/**
 * The day and its routes, as shown ("12 Mar 2026 · IV").
 */
label: string, 
/**
 * What followed, from the core ("mood 1.8 points higher over the next
 * three days; the gain lasted 9 days").
 */
text: string, };

export type ComparisonView = { 
/**
 * A dot per paired day.
 */
chart: ChartView, 
/**
 * Days paired.
 */
n: number, 
/**
 * Spearman's rho to 2 decimals, when there is one.
 */
rho: number | null, 
/**
 * What it says, as an association, from the core.
 */
sentence: string, };

export type Series = "mood" | "anxiety" | "sleep" | "energy" | "dose_mg_per_kg" | "dissociation" | "bladder_pain";

export type Lag = "same_day" | "next_day";

export type Section = "summary" | "charts" | "sessions" | "questionnaires" | "bladder" | "alerts" | "notes";

export type Paper = "a4" | "letter";

export type ReminderKind = "reflection" | "phq9" | "bladder_diary" | "driving";

export type NoticeKind = "check_in" | "reflection" | "questionnaire" | "diary" | "driving" | "follow_up";

export type SnoozeLength = "hour" | "tomorrow";

export type Profile = { 
/**
 * Name to print on the PDF, if the user wants one.
 */
display_name: string | null, 
/**
 * Body weight, kg (shown in `weight_unit`).
 */
weight_kg: number | null, 
/**
 * The treating clinician.
 */
clinician: Clinician | null, 
/**
 * The crisis line; the US line when absent.
 */
crisis_line: CrisisLine | null, 
/**
 * Unit for showing and typing weight.
 */
weight_unit?: WeightUnit | null, 
/**
 * The plan in the user's words ("6 infusions over 3 weeks, then boosters every 4 weeks").
 */
treatment_plan?: string | null, 
/**
 * Lock after this many idle minutes (1–240).
 */
auto_lock_minutes?: number | null, 
/**
 * Reminder preferences.
 */
reminders?: Reminders | null, };

export type ProfileChange = { 
/**
 * The setting, for code (`crisis_line.phone`).
 */
field: string, 
/**
 * The setting in words ("Crisis line: number to call").
 */
label: string, 
/**
 * What the journal has now, as shown ("" when not set).
 */
current: string, 
/**
 * What it would become ("" when not set).
 */
incoming: string, };

export type Clinician = { 
/**
 * Name as the user wants it shown ("Dr Rivera").
 */
name: string, 
/**
 * Phone number.
 */
phone: string, 
/**
 * Email address.
 */
email: string, };

export type CrisisLine = { 
/**
 * What it is called ("988 Suicide & Crisis Lifeline").
 */
label: string, 
/**
 * Number to call.
 */
phone: string, 
/**
 * Number to text.
 */
text: string, 
/**
 * Emergency number (911, 112, 999, …).
 */
emergency?: string, };

export type WeightUnit = "kg" | "lb";

export type Reminders = { 
/**
 * A reflection the day after a session.
 */
reflection: boolean, 
/**
 * A PHQ-9 every `questionnaire_days` days.
 */
phq9: boolean, 
/**
 * The bladder diary daily during active treatment.
 */
bladder_diary: boolean, 
/**
 * "Don't drive until tomorrow" after a session.
 */
driving: boolean, 
/**
 * A daily check-in, at `checkin_time` (notifications only).
 */
checkin: boolean, 
/**
 * The local wall time (`HH:MM`) at which the check-in, and every other
 * reminder that is due on a day rather than at a moment, is notified.
 */
checkin_time: string, 
/**
 * Days between PHQ-9s, and between GAD-7s: 7 (weekly) or 14.
 */
questionnaire_days: number, 
/**
 * A GAD-7 every `questionnaire_days` days (notifications only).
 */
gad7: boolean, 
/**
 * The ICSI/ICPI monthly while the bladder diary is in use
 * (notifications only).
 */
icsi_icpi: boolean, 
/**
 * A follow-up while a crisis or urgent alert is unacknowledged
 * (notifications only).
 */
follow_up: boolean, 
/**
 * Desktop notifications. Off unless the user turns them on; while off,
 * nothing about reminders is kept outside the encrypted journal.
 */
notifications: boolean, 
/**
 * Notifications say only "Ketalog has something for you", never which
 * reminder is due.
 */
hide_kind: boolean, 
/**
 * Whether closing the window keeps Ketalog running in the tray while
 * notifications are on; `None`: ask the first time.
 */
close_to_tray: boolean | null, 
/**
 * Start Ketalog in the tray when the user logs in.
 */
start_at_login: boolean, };

export type Session = { 
/**
 * Stable record id.
 */
id: string, 
/**
 * When the (first) dose was taken.
 */
started_at: string, 
/**
 * Which drug.
 */
medication: Medication, 
/**
 * How it was taken.
 */
route: Route, 
/**
 * Total milligrams over the session (the sum of `doses` when given).
 */
dose_mg: number, 
/**
 * The partial doses, when the dose was split; empty for a single dose.
 */
doses?: Array<PartialDose>, 
/**
 * Body weight for this session; the profile's weight when absent.
 */
weight_kg: number | null, 
/**
 * Length of the session in minutes.
 */
duration_min: number | null, 
/**
 * Where it took place.
 */
setting: Setting | null, 
/**
 * Blood pressure before the dose.
 */
bp_pre: BloodPressure | null, 
/**
 * Blood pressure after the dose (for esketamine, about 40 minutes after).
 */
bp_post: BloodPressure | null, 
/**
 * Heart rate before, beats per minute.
 */
heart_rate_pre: number | null, 
/**
 * Heart rate after, beats per minute.
 */
heart_rate_post: number | null, 
/**
 * The user's own 0–10 rating of dissociation (not a validated scale).
 */
dissociation: number | null, 
/**
 * Side effects noticed (nausea, headache, dizziness, …).
 */
side_effects: Array<string>, 
/**
 * Whether psychotic symptoms (hallucinations outside the session's
 * expected effects, paranoia) were noticed.
 */
psychotic_symptoms: boolean, 
/**
 * Other medicines taken that day (magnesium, ondansetron, …).
 */
co_medications: Array<string>, 
/**
 * The user's own free tags ("clinic B", "with music"); see [`validate_tags`].
 */
tags?: Array<string>, 
/**
 * Intention set before the session.
 */
intention?: string, 
/**
 * Reflection written afterwards.
 */
reflection?: string, 
/**
 * Free notes.
 */
notes: string, 
/**
 * Whether the notes, intention and reflection may appear in the
 * clinician's PDF. Off unless the user turns it on.
 */
share_notes: boolean, };

export type Medication = "racemic-ketamine" | "esketamine" | "other";

export type Route = "iv" | "im" | "intranasal" | "sublingual" | "oral" | "rectal" | "other";

export type Setting = "clinic" | "home" | "telehealth" | "other";

export type BloodPressure = { 
/**
 * Systolic pressure.
 */
systolic: number, 
/**
 * Diastolic pressure.
 */
diastolic: number, };

export type PartialDose = { 
/**
 * Minutes after the session started.
 */
after_min: number, 
/**
 * Milligrams taken at that moment.
 */
mg: number, };

export type CheckIn = { 
/**
 * Stable record id.
 */
id: string, 
/**
 * When it was written.
 */
at: string, 
/**
 * Mood, 0 (worst) to 10 (best).
 */
mood: number | null, 
/**
 * Anxiety, 0 (none) to 10 (worst).
 */
anxiety: number | null, 
/**
 * Hours slept last night.
 */
sleep_hours: number | null, 
/**
 * Energy, 0 (none) to 10 (full).
 */
energy: number | null, 
/**
 * The user's own free tags ("therapy", "exercise"); see [`validate_tags`].
 */
tags?: Array<string>, 
/**
 * Free notes, private unless shared.
 */
notes: string, 
/**
 * Whether the notes may appear in the clinician's PDF.
 */
share_notes: boolean, };

export type PhqNine = { 
/**
 * Stable record id.
 */
id: string, 
/**
 * When it was answered.
 */
at: string, 
/**
 * The nine answers, each 0–3, in the published order.
 */
items: [number, number, number, number, number, number, number, number, number], 
/**
 * The closing "how difficult" question, 0–3, when answered.
 */
difficulty: number | null, };

export type GadSeven = { 
/**
 * Stable record id.
 */
id: string, 
/**
 * When it was answered.
 */
at: string, 
/**
 * The seven answers, each 0–3.
 */
items: [number, number, number, number, number, number, number], };

export type BladderIndices = { 
/**
 * Stable record id.
 */
id: string, 
/**
 * When they were answered.
 */
at: string, 
/**
 * Interstitial Cystitis Symptom Index: urgency, frequency, nocturia 0–5;
 * pain or burning 0, 2, 3, 4 or 5.
 */
icsi: [number, number, number, number], 
/**
 * Interstitial Cystitis Problem Index: four items 0–4.
 */
icpi: [number, number, number, number], };

export type BladderDay = { 
/**
 * Stable record id.
 */
id: string, 
/**
 * The local calendar day it describes (one entry per day).
 */
date: string, 
/**
 * Times the user urinated while awake.
 */
day_voids: number | null, 
/**
 * Times the user woke to urinate.
 */
night_voids: number | null, 
/**
 * Strongest urgency, 0 (none) to 4 (could not wait).
 */
urgency: number | null, 
/**
 * Worst bladder pain, 0–10.
 */
pain: number | null, 
/**
 * Burning on urination.
 */
burning: boolean, 
/**
 * Blood visible in the urine.
 */
visible_blood: boolean, 
/**
 * Cloudy urine.
 */
cloudy: boolean, 
/**
 * Leakage (urge incontinence).
 */
leakage: boolean, 
/**
 * Free notes.
 */
notes: string, 
/**
 * Whether the notes may appear in the clinician's PDF.
 */
share_notes?: boolean, };

export type Acknowledgement = { 
/**
 * The alert's stable id (rule id plus the evidence it rests on).
 */
alert_id: string, 
/**
 * When the user acknowledged it.
 */
at: string, 
/**
 * What they did ("called the clinic, appointment Friday").
 */
note: string, 
/**
 * Whether the note may appear in the clinician's PDF. Off unless the
 * user turns it on, as for every other note.
 */
share_note?: boolean, };

export type CrisisDirectory = { 
/**
 * Every country, by English name.
 */
countries: Array<CountryLine>, 
/**
 * The code of the country the locale names, when the directory has it.
 */
suggested: string | null, 
/**
 * What to do when the user's country is not in the list, in words.
 */
unknown_country: string, };

export type CountryLine = { 
/**
 * ISO 3166-1 alpha-2 code (`GB`).
 */
code: string, 
/**
 * The country's name in English.
 */
name: string, 
/**
 * What choosing it puts in the profile (still editable there).
 */
crisis_line: CrisisLine, 
/**
 * How to reach the line, in words ("call 116 123"), if it has a number.
 */
how_to_reach: string | null, 
/**
 * The page the line's numbers were checked against.
 */
source: string, 
/**
 * When they were checked (YYYY-MM-DD).
 */
checked: string, };

export type CoMedicationName = { 
/**
 * The name, as the list writes it ("Xanax").
 */
name: string, 
/**
 * What it is ("a benzodiazepine").
 */
what: string, };

export type Guides = { 
/**
 * Every fact, in the guides' order.
 */
facts: Array<GuideFact>, 
/**
 * The route fact for each medication and route that has one.
 */
routes: Array<RouteFact>, };

export type GuideFact = { 
/**
 * Stable id (`bladder.break`).
 */
id: string, 
/**
 * Where it is shown.
 */
place: Place, 
/**
 * The sentence(s), numbers filled in.
 */
text: string, 
/**
 * Where it comes from.
 */
source: string, 
/**
 * When it was checked against the source (YYYY-MM-DD).
 */
checked: string, };

export type RouteFact = { 
/**
 * The session's medication.
 */
medication: Medication, 
/**
 * The session's route.
 */
route: Route, 
/**
 * The id of the fact to show.
 */
fact: string, };

export type Place = "route" | "after_session" | "bladder" | "spravato";

export type FhirWritten = { 
/**
 * Where it went.
 */
path: string, 
/**
 * How many resources the bundle holds.
 */
resources: number, };

export type ImportSource = { 
/**
 * Which app.
 */
app: ImportApp, 
/**
 * Its name as people write it ("PsychonautWiki Journal").
 */
name: string, 
/**
 * What file to choose, in words.
 */
file: string, };

export type ImportApp = "daylio" | "emoods" | "bearable" | "psychonautwiki";

export type ImportPreview = { 
/**
 * The file it came from.
 */
path: string, 
/**
 * The app.
 */
app: ImportApp, 
/**
 * Entries (rows, ingestions) read from the file.
 */
entries_read: number, 
/**
 * Records to import, by kind, with their words.
 */
counts: Array<KindCount>, 
/**
 * The first local day with a record (YYYY-MM-DD), if any.
 */
first_day: string | null, 
/**
 * The last local day with a record, if any.
 */
last_day: string | null, 
/**
 * Entries left out, with the reason.
 */
left_out: Array<LeftOutEntry>, 
/**
 * What the file holds that is not imported.
 */
not_mapped: Array<NotMappedEntry>, 
/**
 * Daylio mood names whose level is not known: the user may give each
 * its level and preview again.
 */
unknown_moods: Array<string>, 
/**
 * Records of the file the journal already holds: left as they are.
 */
already_in_journal: number, 
/**
 * The levels the user may give a Daylio mood named in their own words,
 * lowest first (empty for the other apps).
 */
daylio_levels: Array<DaylioChoice>, };

export type LeftOutEntry = { 
/**
 * Where it is in the file (`line 7`).
 */
at: string, 
/**
 * Why, in words.
 */
reason: string, };

export type NotMappedEntry = { 
/**
 * What it is ("activities").
 */
what: string, 
/**
 * In how many entries of the file.
 */
entries: number, 
/**
 * Why it is not imported.
 */
why: string, 
/**
 * A few examples.
 */
examples: Array<string>, };

export type DaylioChoice = { 
/**
 * 1 (awful) to 5 (rad): what `preview_import_again` takes.
 */
level: number, 
/**
 * "1 · awful (mood 0 of 10)".
 */
label: string, };

export type MoodLevel = { 
/**
 * The mood's name as the file writes it.
 */
name: string, 
/**
 * Daylio's level: 1 (awful) to 5 (rad).
 */
level: number, };

export type SyncStatus = { 
/**
 * The sync folder on this computer, once chosen.
 */
folder: string | null, 
/**
 * Whether the journal holds the sync key (no passphrase needed).
 */
joined: boolean, 
/**
 * When the journal last synced without error.
 */
synced_at: string | null, 
/**
 * The last sync since the app started (details only while unlocked).
 */
last: SyncOutcome | null, 
/**
 * When a sync last brought in a crisis line set on another computer,
 * if recently.
 */
crisis_line_changed: string | null, 
/**
 * Records recently replaced by an edit made on another computer.
 */
changed_elsewhere: Array<ChangedElsewhere>, };

export type SyncOutcome = { 
/**
 * When it ran.
 */
at: string, 
/**
 * Whether it finished (else nothing changed).
 */
ok: boolean, 
/**
 * What happened, in a sentence (counts only).
 */
sentence: string, 
/**
 * The failure's kind (`not_found`: the folder is not there).
 */
code: ErrorCode | null, 
/**
 * The passphrase the folder asks for, when that is why it stopped.
 */
needs: PassphraseNeed | null, 
/**
 * Whether the journal changed: the screens show it again.
 */
changed: boolean, 
/**
 * Files not read, each with its reason.
 */
skipped: Array<string>, 
/**
 * Settings changed by another computer (forgotten on lock).
 */
settings: Array<ProfileChange>, 
/**
 * Records edited here replaced by a later edit elsewhere (forgotten on lock).
 */
replaced_here: Array<string>, 
/**
 * Entries from elsewhere not taken, in sentences (forgotten on lock).
 */
refused: Array<string>, };

export type PassphraseNeed = "join" | "create";

export type ChangedElsewhere = { 
/**
 * The record's id.
 */
id: string, 
/**
 * Its kind.
 */
kind: RecordKind, 
/**
 * When the edit that replaced it was made (in the caller's offset).
 */
at: string, 
/**
 * The version made here, kept aside, in one line of words.
 */
kept: string, };

/** Each command's arguments (by name) and result. */
export interface Commands {
  status: { args: {  }; result: AppStatus };
  create_journal: { args: { passphrase: string; profile: Profile }; result: Overview };
  unlock: { args: { passphrase: string }; result: Overview };
  lock: { args: {  }; result: void };
  keep_alive: { args: {  }; result: void };
  load_overview: { args: {  }; result: Overview };
  save_record: { args: { record: AnyRecord }; result: Saved };
  delete_record: { args: { id: string }; result: Deleted };
  history: { args: { query: HistoryQuery }; result: HistoryPage };
  tags_in_use: { args: {  }; result: TagsInUse };
  record: { args: { id: string }; result: AnyRecord };
  diary_day: { args: { day: string }; result: BladderDay | null };
  month: { args: { year: number; month: number }; result: Month };
  period_counts: { args: { from: string; to: string }; result: Array<KindCount> };
  save_profile: { args: { profile: Profile }; result: Overview };
  change_passphrase: { args: { current: string; new: string; rekey: boolean }; result: void };
  export_json: { args: { name: string | null }; result: FileWritten };
  export_csv: { args: { name: string | null }; result: FileWritten };
  preview_document: { args: { name: string | null }; result: DocumentPreview };
  export_backup: { args: { name: string | null; passphrase: string }; result: BackupWritten };
  preview_backup: { args: { name: string | null; passphrase: string; identity: string | null }; result: DocumentPreview };
  restore: { args: { mode: RestoreMode; take_profile: boolean }; result: ImportSummary };
  restore_new_journal: { args: { passphrase: string }; result: FreshRestore };
  acknowledge_alert: { args: { alert_id: string; note: string; share_note: boolean }; result: Overview };
  snooze_reminder: { args: { kind: NoticeKind; length: SnoozeLength }; result: void };
  take_last_notice: { args: {  }; result: NoticeKind | null };
  questionnaires: { args: {  }; result: Array<Questionnaire> };
  charts: { args: { from: string; to: string; theme: Theme }; result: Array<ChartView> };
  chart_table: { args: { chart: string; from: string; to: string }; result: TableView };
  insights: { args: { from: string; to: string; theme: Theme }; result: InsightsView };
  compare_series: { args: { x: Series; y: Series; lag: Lag; from: string; to: string; theme: Theme }; result: ComparisonView };
  save_report: { args: { name: string | null; from: string; to: string; sections: Array<Section>; paper: Paper }; result: FileWritten };
  crisis_lines: { args: { locale: string }; result: CrisisDirectory };
  co_medication_names: { args: {  }; result: Array<CoMedicationName> };
  guides: { args: {  }; result: Guides };
  export_fhir: { args: { name: string | null; from: string | null; to: string | null }; result: FhirWritten };
  import_sources: { args: {  }; result: Array<ImportSource> };
  preview_import: { args: { from: ImportApp; name: string | null }; result: ImportPreview };
  preview_import_again: { args: { moods: Array<MoodLevel> }; result: ImportPreview };
  import_from_app: { args: {  }; result: ImportSummary };
  about: { args: {  }; result: About };
  sync_status: { args: {  }; result: SyncStatus };
  set_sync_folder: { args: { name: string | null }; result: SyncStatus };
  sync_now: { args: { passphrase: string | null }; result: SyncStatus };
  forget_sync_folder: { args: {  }; result: SyncStatus };
}
