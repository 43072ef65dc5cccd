import type { FC } from 'hono/jsx';

/**
 * Faces for children's scales (6–10): five drawn faces from very sad to very happy, defined once
 * per page as SVG symbols and drawn beside each number with <use>, so eleven choices cost a few
 * bytes each. Lines only, in the text's colour (`currentColor`), so a chosen answer inverts with
 * it; no style attributes (the CSP forbids them). Every face sits beside its number, which is the
 * choice's text label; the face itself is hidden from screen readers.
 */

const MOUTHS = [
  'M12 29 Q20 20 28 29', // very sad
  'M13 28 Q20 24 27 28', // sad
  'M13 26 L27 26', // neither
  'M13 24 Q20 29 27 24', // happy
  'M11 22 Q20 33 29 22', // very happy
] as const;

/** The face for a value on a min…max scale: the scale cut into five equal bands, lowest the saddest. */
export function faceFor(value: number, min: number, max: number): number {
  if (max <= min) return 2;
  const share = (value - min) / (max - min);
  return Math.min(MOUTHS.length - 1, Math.max(0, Math.floor(share * MOUTHS.length)));
}

/** The five faces as symbols; put once on a page that draws faces. */
export const FaceSymbols: FC = () => (
  <svg class="face-symbols" aria-hidden="true" focusable="false" width="0" height="0">
    <defs>
      {MOUTHS.map((mouth, i) => (
        <symbol id={`face-${String(i)}`} viewBox="0 0 40 40">
          <circle cx="20" cy="20" r="17" fill="none" stroke="currentColor" stroke-width="2.5" />
          <circle cx="14" cy="16" r="2.2" fill="currentColor" />
          <circle cx="26" cy="16" r="2.2" fill="currentColor" />
          <path d={mouth} fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
        </symbol>
      ))}
    </defs>
  </svg>
);

/** One face, drawn from the symbols above. */
export const Face: FC<{ readonly face: number }> = ({ face }) => (
  <svg class="face" aria-hidden="true" focusable="false" width="36" height="36" viewBox="0 0 40 40">
    <use href={`#face-${String(face)}`} />
  </svg>
);
