/**
 * The desktop app's menu: the actions a desktop user looks for in a menu (open or export a review
 * bundle, the postmortem, presentation mode), sent to the renderer as `app.command` so they do
 * exactly what the in-app buttons and keys do. No developer tools and no reload: the default
 * Electron menu has both, and neither belongs in an incident cockpit.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/contract';

export function menuTemplate(send: (command: AppCommand) => void, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const item = (label: string, command: AppCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator !== undefined ? { accelerator } : {}),
    click: () => send(command),
  });
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      item('Open Review Bundle…', 'bundle.open', 'CmdOrCtrl+O'),
      item('Export Review Bundle…', 'bundle.export', 'CmdOrCtrl+Shift+E'),
      { type: 'separator' },
      item('Postmortem', 'postmortem', 'CmdOrCtrl+Shift+D'),
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [item('Presentation Mode (masking on)', 'presentation', 'CmdOrCtrl+Shift+P'), item('Journal', 'journal', 'CmdOrCtrl+Shift+J'), { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const help: MenuItemConstructorOptions = { label: 'Help', submenu: [item('Keyboard Shortcuts', 'help')] };
  const app: MenuItemConstructorOptions[] = platform === 'darwin' ? [{ role: 'appMenu' }] : [];
  return [...app, file, edit, view, help];
}
