import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_COMMANDS, type AppCommand } from '../../shared/contract';
import { menuTemplate } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('the desktop menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`on ${platform}: every app command has an item that sends exactly it; no developer tools or reload`, () => {
      const sent: AppCommand[] = [];
      const items = flatten(menuTemplate((c) => sent.push(c), platform));
      for (const i of items) if (i.click) (i.click as () => void)();
      expect([...sent].sort()).toEqual([...APP_COMMANDS].sort());
      const roles = items.map((i) => i.role).filter(Boolean);
      for (const banned of ['toggleDevTools', 'reload', 'forceReload']) expect(roles).not.toContain(banned);
      const accelerators = items.map((i) => i.accelerator).filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    });
  }
});
