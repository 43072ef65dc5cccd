import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('reading the environment', () => {
  it('emails links only when RAPPORT_SMTP_URL is set, from the public host unless told otherwise', () => {
    expect(readEnv({}).smtp).toBeNull();
    expect(readEnv({ RAPPORT_SMTP_URL: 'smtp://127.0.0.1:2525' }).smtp).toEqual({
      url: 'smtp://127.0.0.1:2525',
      from: 'Rapport <rapport@localhost>',
    });
    expect(
      readEnv({
        RAPPORT_SMTP_URL: 'smtps://u:p@mail.example.org',
        RAPPORT_PUBLIC_URL: 'https://rapport.example.org',
      }).smtp?.from,
    ).toBe('Rapport <rapport@rapport.example.org>');
    expect(readEnv({ RAPPORT_SMTP_URL: 'smtp://h:25', RAPPORT_MAIL_FROM: 'Clinic <c@example.org>' }).smtp?.from).toBe(
      'Clinic <c@example.org>',
    );
  });

  it('refuses an SMTP address that is not one, without repeating it (it may hold a password)', () => {
    expect(() => readEnv({ RAPPORT_SMTP_URL: 'http://user:secret@host' })).toThrow(/smtp:\/\/host:port/);
    try {
      readEnv({ RAPPORT_SMTP_URL: 'http://user:secret@host' });
    } catch (e) {
      expect(String(e)).not.toContain('secret');
    }
  });
});
