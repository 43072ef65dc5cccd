import { CARER_NOTE, PREFERENCES_INSTRUMENT_ID, isOpenYet, linkState, type MeasureResponse } from '@rapport/core';
import type { ClientHome } from '@rapport/storage';
import type { HomeVoiceView } from '@rapport/web';
import type { Deps } from '../context.js';
import type { InstrumentLibrary } from '../instruments/library.js';

/** The home's voice: tomorrow's ratings waiting, what a young person's carer sees, changing preferences. */
export async function homeVoice(
  deps: Deps,
  library: InstrumentLibrary,
  home: ClientHome,
  base: string,
  responses: readonly MeasureResponse[],
): Promise<HomeVoiceView> {
  const now = deps.clock.now();
  const [deferred, links, audience, sharing] = await Promise.all([
    deps.store.voice.listDeferredLinks(home.practiceId, home.episodeId),
    deps.store.listCheckLinks(home.practiceId, home.clientId),
    deps.store.measures.getClientAudience(home.practiceId, home.clientId),
    deps.store.voice.getCarerSharing(home.practiceId, home.episodeId),
  ]);
  const later = deferred.flatMap((d) => {
    const link = links.find((l) => l.id === d.linkId);
    if (!link || linkState(link, now) !== 'usable' || isOpenYet(d.validFrom, now)) return [];
    const def = library.get(link.instrumentId, link.instrumentVersion)?.definition;
    return [{ title: `Rate your last session${def ? ` (${def.shortTitle})` : ''}`, opensAt: d.validFrom }];
  });
  const answered = responses.some((r) => r.instrumentId === PREFERENCES_INSTRUMENT_ID && r.status === 'complete');
  const waiting = links.some(
    (l) =>
      l.episodeId === home.episodeId && l.instrumentId === PREFERENCES_INSTRUMENT_ID && linkState(l, now) === 'usable',
  );
  const young = audience === 'young-person' || audience === 'child';
  return {
    later,
    carerNote: young ? CARER_NOTE[sharing] : null,
    preferences: answered && !waiting ? { action: `${base}/preferences` } : null,
  };
}
