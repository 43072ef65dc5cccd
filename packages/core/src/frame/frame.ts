/**
 * The therapeutic frame as data: the settings a contract covers, who it is
 * for, and the topics a clause can address. Rules about which topics a
 * contract must hold live in `required-topics.ts`.
 */
export const SETTINGS = ['in-person', 'telephone', 'video', 'text'] as const;
export type Setting = (typeof SETTINGS)[number];

/** Adult; young person 11–17; child 6–10 with a parent or carer. */
export const AUDIENCES = ['adult', 'young-person', 'child'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const BASE_TOPICS = [
  'session-arrangements',
  'fees-and-cancellations',
  'confidentiality',
  'confidentiality-limits',
  'records',
  'contact-between-sessions',
  'social-media',
  'supervision',
  'endings',
  'complaints',
] as const;

export const SETTING_TOPICS = {
  'in-person': [],
  telephone: ['telephone-location-privacy', 'telephone-call-drop'],
  video: ['video-platform', 'video-location-privacy', 'video-emergency-plan', 'video-technology-failure'],
  text: ['text-response-times', 'text-live-or-async', 'text-silences', 'text-emergency-plan'],
} as const satisfies Record<Setting, readonly string[]>;

export const YOUNG_PEOPLE_TOPICS = ['consent-young-people', 'carers-information', 'safeguarding-young-people'] as const;
export const CHILD_TOPICS = ['carer-acknowledgement'] as const;
/** Offered where it fits, never required. */
export const OPTIONAL_TOPICS = ['school-setting'] as const;

export type Topic =
  | (typeof BASE_TOPICS)[number]
  | (typeof SETTING_TOPICS)[Setting][number]
  | (typeof YOUNG_PEOPLE_TOPICS)[number]
  | (typeof CHILD_TOPICS)[number]
  | (typeof OPTIONAL_TOPICS)[number];

export const ALL_TOPICS: readonly Topic[] = [
  ...BASE_TOPICS,
  ...SETTINGS.flatMap((s) => SETTING_TOPICS[s]),
  ...YOUNG_PEOPLE_TOPICS,
  ...CHILD_TOPICS,
  ...OPTIONAL_TOPICS,
];

export const isSetting = (s: string): s is Setting => (SETTINGS as readonly string[]).includes(s);
export const isAudience = (s: string): s is Audience => (AUDIENCES as readonly string[]).includes(s);
export const isTopic = (s: string): s is Topic => (ALL_TOPICS as readonly string[]).includes(s);

export const SETTING_LABELS: Readonly<Record<Setting, string>> = {
  'in-person': 'In person',
  telephone: 'Telephone',
  video: 'Video',
  text: 'Text or chat',
};

export const AUDIENCE_LABELS: Readonly<Record<Audience, string>> = {
  adult: 'Adult',
  'young-person': 'Young person (11–17)',
  child: 'Child (6–10) with a parent or carer',
};

/** The values a practice fills into clause text. Every one a clause uses must be filled before offering. */
export const PLACEHOLDERS = [
  'practitionerName',
  'practiceName',
  'sessionLength',
  'sessionFrequency',
  'fee',
  'cancellationNotice',
  'contactMethod',
  'responseTime',
  'platform',
  'emergencyContact',
  'supervisorRole',
  'recordsRetention',
  'complaintsBody',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export const isPlaceholder = (s: string): s is Placeholder => (PLACEHOLDERS as readonly string[]).includes(s);

export const PLACEHOLDER_LABELS: Readonly<Record<Placeholder, string>> = {
  practitionerName: 'Your name as the client sees it',
  practiceName: 'Practice or service name',
  sessionLength: 'Session length (e.g. 50 minutes)',
  sessionFrequency: 'How often (e.g. weekly)',
  fee: 'Fee per session (or “no charge”)',
  cancellationNotice: 'Cancellation notice (e.g. 48 hours)',
  contactMethod: 'How to contact you between sessions',
  responseTime: 'How quickly you reply (e.g. within two working days)',
  platform: 'Video or chat platform',
  emergencyContact: 'Emergency contact arrangement',
  supervisorRole: 'Who supervises your work (role, not name)',
  recordsRetention: 'How long records are kept',
  complaintsBody: 'Where to complain (e.g. your professional body)',
};
