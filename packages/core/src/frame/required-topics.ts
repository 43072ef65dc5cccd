import {
  BASE_TOPICS,
  CHILD_TOPICS,
  SETTING_TOPICS,
  YOUNG_PEOPLE_TOPICS,
  type Audience,
  type Setting,
  type Topic,
} from './frame.js';

/**
 * The topics a contract must cover before it can be offered.
 *
 * Every contract covers the ground UK contracting guidance expects (time,
 * fees, confidentiality and its limits, records, contact, supervision,
 * endings, complaints: BACP Ethical Framework 2018, GPiA 014). Remote
 * settings add what keeps the work safe at a distance (BACP GPiA 047), and
 * work with young people adds consent, what carers are told and safeguarding
 * (BACP GPiA 002). A child's contract also needs the carer's part.
 */
export function requiredTopics(settings: readonly Setting[], audience: Audience): Topic[] {
  const topics = new Set<Topic>(BASE_TOPICS);
  for (const s of settings) for (const t of SETTING_TOPICS[s]) topics.add(t);
  if (audience !== 'adult') for (const t of YOUNG_PEOPLE_TOPICS) topics.add(t);
  if (audience === 'child') for (const t of CHILD_TOPICS) topics.add(t);
  return [...topics];
}
