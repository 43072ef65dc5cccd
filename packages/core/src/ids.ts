/**
 * Branded identifiers. A `ClientId` cannot be passed where a `PracticeId` is
 * expected, so a query can never be scoped by the wrong kind of id.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type PracticeId = Brand<string, 'PracticeId'>;
export type UserId = Brand<string, 'UserId'>;
export type ClientId = Brand<string, 'ClientId'>;
export type EpisodeId = Brand<string, 'EpisodeId'>;
export type CheckLinkId = Brand<string, 'CheckLinkId'>;
export type AdministrationId = Brand<string, 'AdministrationId'>;

/** Trust a string as an id. Only the storage layer and parsers at the edge call these. */
export const asPracticeId = (s: string): PracticeId => s as PracticeId;
export const asUserId = (s: string): UserId => s as UserId;
export const asClientId = (s: string): ClientId => s as ClientId;
export const asEpisodeId = (s: string): EpisodeId => s as EpisodeId;
export const asCheckLinkId = (s: string): CheckLinkId => s as CheckLinkId;
export const asAdministrationId = (s: string): AdministrationId => s as AdministrationId;
