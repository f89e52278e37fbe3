// The time zones staff may choose: the runtime's own list of IANA names, under their current
// names. ICU lists some zones by names IANA has since replaced (Asia/Calcutta for Asia/Kolkata,
// Europe/Kiev for Europe/Kyiv); the runtime understands both, and people look for the current one.
// Pure: the server and the browser build the same list.

/** Names the runtime may list, and the current IANA name of each. */
const CURRENT_NAMES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current IANA name for a zone the runtime may give under an older one. */
export function currentZoneName(name: string): string {
  return CURRENT_NAMES[name] ?? name;
}

let choices: string[] | undefined;

/** Every zone staff may choose, UTC first, then by name. */
export function timeZoneChoices(): string[] {
  choices ??= [
    'UTC',
    ...[...new Set(Intl.supportedValuesOf('timeZone').map(currentZoneName))].filter((zone) => zone !== 'UTC').sort((a, b) => a.localeCompare(b)),
  ];
  return choices;
}

/** Whether a name is one of the choices: an IANA name from the runtime's list (never an offset such as "-23:59"). */
export function isTimeZoneChoice(name: string): boolean {
  return timeZoneChoices().includes(name);
}

/** The browser's (or any) zone as a choice, or UTC when the runtime does not list it. */
export function zoneChoiceOr(name: string | undefined, fallback = 'UTC'): string {
  const current = name ? currentZoneName(name) : undefined;
  return current && isTimeZoneChoice(current) ? current : fallback;
}
