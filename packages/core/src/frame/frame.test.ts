import { describe, expect, it } from 'vitest';
import { parseClause, placeholdersIn, type Clause } from './clause.js';
import { canonicalContract, composeContract, defaultClauses, type ContractDraft } from './contract.js';
import { diffContracts, diffWords } from './diff.js';
import { AUDIENCES, SETTINGS, SETTING_TOPICS, type Audience, type Setting, type Topic } from './frame.js';
import { requiredTopics } from './required-topics.js';

const clause = (
  topic: Topic,
  settings: readonly Setting[],
  audiences: readonly Audience[],
  text = `About ${topic}.`,
): Clause => ({
  id: `${topic}-${settings.join('-')}-${audiences.join('-')}`,
  topic,
  title: topic,
  settings,
  audiences,
  version: 1,
  optional: false,
  sources: [],
  text: { standard: text, plain: `Plainly: ${text}` },
});

/** A library with one broad clause per topic: enough to cover every combination. */
const everyTopic = (): Clause[] => {
  const topics = new Set<Topic>();
  for (const s of SETTINGS) for (const a of AUDIENCES) for (const t of requiredTopics([s], a)) topics.add(t);
  return [...topics].map((t) => clause(t, SETTINGS, AUDIENCES));
};

const combos = SETTINGS.flatMap((s) => AUDIENCES.map((a) => [s, a] as const));

describe('required topics', () => {
  it.each(combos)('for %s with %s include the base topics and the setting’s own', (setting, audience) => {
    const topics = requiredTopics([setting], audience);
    expect(topics).toEqual(
      expect.arrayContaining(['confidentiality-limits', 'endings', 'complaints', ...SETTING_TOPICS[setting]]),
    );
    expect(topics.includes('consent-young-people')).toBe(audience !== 'adult');
    expect(topics.includes('carer-acknowledgement')).toBe(audience === 'child');
  });

  it('adds every chosen setting’s topics, once each', () => {
    const topics = requiredTopics(['video', 'telephone', 'video'], 'adult');
    expect(topics).toEqual(expect.arrayContaining(['video-emergency-plan', 'telephone-call-drop']));
    expect(new Set(topics).size).toBe(topics.length);
  });

  it.each(combos)('refuses to offer a %s contract for %s while any required topic is missing', (setting, audience) => {
    const library = everyTopic();
    const full = defaultClauses(library, [setting], audience);
    expect(
      composeContract(library, { settings: [setting], audience, values: {}, clauseIds: full.map((c) => c.id) }).ok,
    ).toBe(true);
    for (const topic of requiredTopics([setting], audience)) {
      const without = full.filter((c) => c.topic !== topic).map((c) => c.id);
      const r = composeContract(library, { settings: [setting], audience, values: {}, clauseIds: without });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.missingTopics).toEqual([topic]);
    }
  });
});

describe('composing a contract', () => {
  const library = [
    ...everyTopic(),
    clause('video-emergency-plan', ['video'], ['young-person'], 'Tell me where you are: {{emergencyContact}}.'),
  ];
  const draft = (over: Partial<ContractDraft> = {}): ContractDraft => {
    const settings = over.settings ?? ['video'];
    const audience = over.audience ?? 'young-person';
    return {
      settings,
      audience,
      values: {},
      clauseIds: defaultClauses(library, settings, audience).map((c) => c.id),
      ...over,
    };
  };

  it('prefers the clause written most specifically for the setting and audience', () => {
    const chosen = defaultClauses(library, ['video'], 'young-person').find((c) => c.topic === 'video-emergency-plan');
    expect(chosen?.settings).toEqual(['video']);
    expect(chosen?.audiences).toEqual(['young-person']);
  });

  it('will not offer a contract until every placeholder its clauses use is filled', () => {
    const r = composeContract(library, draft());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.unfilled).toEqual(['emergencyContact']);
      expect(r.error.message).toContain('fill in: emergencyContact');
    }
    const filled = composeContract(library, draft({ values: { emergencyContact: 'your aunt on 01234' } }));
    expect(filled.ok && filled.value.sections.find((s) => s.topic === 'video-emergency-plan')?.plain).toBe(
      'Plainly: Tell me where you are: your aunt on 01234.',
    );
  });

  it('lists no setting, unknown clauses and clauses for another audience as problems', () => {
    const none = composeContract(library, draft({ settings: [] }));
    expect(!none.ok && none.error.noSetting).toBe(true);
    const wrong = composeContract(library, { ...draft(), audience: 'adult' });
    expect(!wrong.ok && wrong.error.unknownClauses).toContain('video-emergency-plan-video-young-person');
  });

  it('gives the same canonical text for the same contract and a different one after any change', () => {
    const values = { emergencyContact: 'x' };
    const a = composeContract(library, draft({ values }));
    const b = composeContract(library, draft({ values }));
    const c = composeContract(library, draft({ values: { emergencyContact: 'y' } }));
    if (!a.ok || !b.ok || !c.ok) throw new Error('compose failed');
    expect(canonicalContract(a.value)).toBe(canonicalContract(b.value));
    expect(canonicalContract(a.value)).not.toBe(canonicalContract(c.value));
  });

  it('shows what changed between versions in the words the client reads', () => {
    const a = composeContract(library, draft({ values: { emergencyContact: 'your aunt' } }));
    const b = composeContract(library, draft({ values: { emergencyContact: 'your school nurse' } }));
    if (!a.ok || !b.ok) throw new Error('compose failed');
    const d = diffContracts(a.value, b.value);
    expect(d.sections).toHaveLength(1);
    const change = d.sections[0];
    expect(change?.kind).toBe('changed');
    if (change?.kind === 'changed') {
      expect(change.words.filter((w) => w.op === 'removed').map((w) => w.text.trim())).toEqual(['aunt.']);
      expect(change.words.filter((w) => w.op === 'added').map((w) => w.text.trim())).toEqual(['school nurse.']);
    }
  });
});

describe('word diff', () => {
  it('groups a changed stretch into one removal and one addition', () => {
    const d = diffWords('Call your mum on the number you gave.', 'Call the school nurse, Ms Okafor.');
    expect(d).toEqual([
      { op: 'same', text: 'Call ' },
      { op: 'removed', text: 'your mum on ' },
      { op: 'same', text: 'the ' },
      { op: 'removed', text: 'number you gave.' },
      { op: 'added', text: 'school nurse, Ms Okafor.' },
    ]);
  });

  it('reconstructs both texts from its parts', () => {
    const before = 'We meet weekly for fifty minutes.';
    const after = 'We meet every two weeks for fifty minutes, online.';
    const d = diffWords(before, after);
    expect(
      d
        .filter((w) => w.op !== 'added')
        .map((w) => w.text)
        .join(''),
    ).toBe(before);
    expect(
      d
        .filter((w) => w.op !== 'removed')
        .map((w) => w.text)
        .join(''),
    ).toBe(after);
  });
});

describe('parsing a clause', () => {
  const base = {
    id: 'x',
    topic: 'endings',
    title: 'Endings',
    settings: ['video'],
    audiences: ['adult'],
    version: 1,
    standard: 'Text {{fee}}.',
    plain: 'Plain.',
  };
  it('accepts a well-formed clause and finds its placeholders', () => {
    const r = parseClause(base);
    expect(r.ok).toBe(true);
    expect(placeholdersIn(base.standard)).toEqual(['fee']);
  });
  it.each([
    ['topic', { topic: 'nonsense' }],
    ['settings', { settings: ['radio'] }],
    ['audiences', { audiences: [] }],
    ['standard', { standard: 'Call {{mobile}}.' }],
    ['plain', { plain: '' }],
    ['id', { id: 'Bad Id' }],
  ])('names the field when %s is wrong', (field, change) => {
    const r = parseClause({ ...base, ...change });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty(field);
  });
});
