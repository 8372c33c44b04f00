import { describe, expect, it } from 'vitest';
import { parseTheme } from '../../src/ui/lib/theme';

describe('theme', () => {
  it('reads a stored theme and falls back to following the system', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('system')).toBe('system');
    expect(parseTheme(null)).toBe('system');
    expect(parseTheme('purple')).toBe('system');
  });
});
