import { customFieldColumn, customFieldKeyOf } from '@clockwork/server-custom-fields';
import { IMPORT_FIELDS, ImportKindName } from '@clockwork/shared-dto';

/** "E-mail Address " -> "emailaddress": case, spacing, punctuation and accents do not matter. */
export const normalizeHeader = (header: string): string =>
  header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Header spellings (normalized) each field is recognised by, per kind. */
const SYNONYMS: Record<ImportKindName, Record<string, string[]>> = {
  accounts: {
    name: ['name', 'company', 'companyname', 'account', 'accountname', 'organization', 'organisation', 'organizationname', 'organisationname', 'business', 'businessname'],
    industry: ['industry', 'sector', 'vertical'],
    address: ['address', 'streetaddress', 'street', 'billingaddress', 'mailingaddress', 'postaladdress'],
    phone: ['phone', 'tel', 'telephone', 'phonenumber', 'telephonenumber', 'mainphone', 'companyphone', 'officephone'],
    website: ['website', 'url', 'web', 'homepage', 'site', 'websiteurl', 'webaddress', 'www'],
    domain: ['domain', 'domainname', 'webdomain', 'companydomain', 'emaildomain'],
  },
  contacts: {
    first_name: ['firstname', 'givenname', 'forename', 'first', 'fname'],
    last_name: ['lastname', 'surname', 'familyname', 'last', 'lname'],
    full_name: ['name', 'fullname', 'contactname', 'contact', 'person'],
    email: ['email', 'emailaddress', 'mail', 'workemail', 'businessemail', 'primaryemail', 'emailid'],
    phone: ['phone', 'tel', 'telephone', 'phonenumber', 'mobile', 'mobilephone', 'mobilenumber', 'cell', 'cellphone', 'workphone', 'directphone'],
    job_title: ['jobtitle', 'title', 'position', 'role', 'jobrole', 'designation'],
    tags: ['tags', 'tag', 'labels', 'label'],
    account: ['company', 'companyname', 'account', 'accountname', 'organization', 'organisation', 'organizationname', 'organisationname', 'employer', 'business'],
  },
};

const LOOKUP: Record<ImportKindName, Map<string, string>> = {
  accounts: index(SYNONYMS.accounts),
  contacts: index(SYNONYMS.contacts),
};

function index(synonyms: Record<string, string[]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [field, spellings] of Object.entries(synonyms)) for (const s of spellings) map.set(s, field);
  return map;
}

export interface ColumnMapping {
  /** CSV header -> field, in the order of the file's columns. */
  mapping: Record<string, string>;
  /** Headers whose columns are ignored. */
  unmapped: string[];
}

/** A mapping the import cannot run with; each problem names what is wrong. */
export class MappingError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** A live custom field of the import's record type: its column maps to `cf.<key>`. */
export interface ImportCustomField {
  key: string;
  label: string;
}

const fieldsOf = (kind: ImportKindName, custom: ImportCustomField[]): readonly string[] => [...IMPORT_FIELDS[kind], ...custom.map((f) => customFieldColumn(f.key))];

/**
 * The custom field a header names: `cf.<key>` (our exports' columns), else the field's key or
 * label spelled any way (`Budget code`, `budget_code`). Standard fields' spellings come first.
 */
function customFieldOf(header: string, custom: ImportCustomField[]): string | undefined {
  const key = customFieldKeyOf(header.trim());
  if (key !== null) return custom.some((f) => f.key === key) ? customFieldColumn(key) : undefined;
  const normalized = normalizeHeader(header);
  const field = custom.find((f) => normalizeHeader(f.key) === normalized) ?? custom.find((f) => normalizeHeader(f.label) === normalized);
  return field ? customFieldColumn(field.key) : undefined;
}

/**
 * Guesses each header's field from its spelling (a custom field's from `cf.<key>`, its key or
 * its label); the first column that claims a field keeps it
 * (a second "Company" column is reported as unmapped, not merged). Blank headers are skipped.
 */
export function guessMapping(kind: ImportKindName, headers: string[], custom: ImportCustomField[] = []): ColumnMapping {
  const mapping = new Map<string, string>();
  const unmapped = new Set<string>();
  const taken = new Set<string>();
  for (const header of headers) {
    if (header.trim() === '' || mapping.has(header)) continue;
    const field = (customFieldKeyOf(header.trim()) === null ? LOOKUP[kind].get(normalizeHeader(header)) : undefined) ?? customFieldOf(header, custom);
    if (field && !taken.has(field)) {
      mapping.set(header, field);
      taken.add(field);
    } else {
      unmapped.add(header);
    }
  }
  return { mapping: Object.fromEntries(mapping), unmapped: [...unmapped] };
}

/**
 * The guess with the caller's overrides applied (header -> field, or null/"" to ignore the
 * column; a custom field is `cf.<key>`). An override takes its field away from a guessed column. Refuses headers that are
 * not in the file, unknown fields, a field claimed twice, and a mapping without the field a
 * record cannot do without.
 */
export function resolveMapping(kind: ImportKindName, headers: string[], overrides: Record<string, unknown> = {}, custom: ImportCustomField[] = []): ColumnMapping {
  const problems: string[] = [];
  const guess = guessMapping(kind, headers, custom);
  const chosen = new Map<string, string | null>();
  const claimed = new Map<string, string>();
  for (const [header, field] of Object.entries(overrides)) {
    if (!headers.includes(header)) {
      problems.push(`mapping: "${header}" is not a column of the file (columns: ${headers.join(', ')})`);
      continue;
    }
    if (field === null || field === '') {
      chosen.set(header, null);
      continue;
    }
    if (typeof field !== 'string' || !fieldsOf(kind, custom).includes(field)) {
      problems.push(`mapping: "${String(field)}" is not a field of ${kind} (fields: ${fieldsOf(kind, custom).join(', ')})`);
      continue;
    }
    if (claimed.has(field)) {
      problems.push(`mapping: "${claimed.get(field)}" and "${header}" both map to ${field}`);
      continue;
    }
    claimed.set(field, header);
    chosen.set(header, field);
  }
  const guessed = new Map(Object.entries(guess.mapping));
  const mapping = new Map<string, string>();
  const unmapped = new Set<string>();
  for (const header of headers) {
    if (header.trim() === '' || mapping.has(header) || unmapped.has(header)) continue;
    const field = chosen.has(header) ? chosen.get(header) : guessed.get(header);
    if (field && (chosen.has(header) || !claimed.has(field))) mapping.set(header, field);
    else unmapped.add(header);
  }
  const fields = new Set(mapping.values());
  if (kind === 'accounts' && !fields.has('name')) problems.push('mapping: no column maps to name (an account needs one)');
  if (kind === 'contacts' && !fields.has('first_name') && !fields.has('full_name')) {
    problems.push('mapping: no column maps to first_name (or full_name); a contact needs one');
  }
  if (problems.length) throw new MappingError(problems);
  return { mapping: Object.fromEntries(mapping), unmapped: [...unmapped] };
}
