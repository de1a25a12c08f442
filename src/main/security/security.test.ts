import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAllowedNavigation, isAppUrl } from './app-origin';
import { contentTypeOf } from './content-type';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './csp';
import { isAllowedExternalUrl } from './external-url';
import { isTrustedSender } from './sender-check';
import { pickStaticFile, resolveInside } from './static-files';
import { secureWebPreferences } from './web-preferences';

describe('CSP', () => {
  it('allows only self and forbids inline script, objects, framing and forms', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toMatch(/form-action 'none'$/);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(Object.isFrozen(SECURITY_HEADERS)).toBe(true);
  });
});

describe('isAllowedExternalUrl', () => {
  const list = ['docs.example.com'];
  it('accepts https links to allowlisted hosts', () => {
    expect(isAllowedExternalUrl('https://docs.example.com/runbooks/x', list)).toBe(true);
    expect(isAllowedExternalUrl('https://DOCS.example.com/', list)).toBe(true);
  });
  it.each([
    'http://docs.example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://evil.com/',
    'https://docs.example.com.evil.com/',
    'https://user:pw@docs.example.com/',
    'https://docs.example.com:8443/',
    'smb://docs.example.com/share',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url, list)).toBe(false);
  });
  it('refuses non-strings and everything with an empty allowlist', () => {
    expect(isAllowedExternalUrl(42, list)).toBe(false);
    expect(isAllowedExternalUrl('https://docs.example.com/', [])).toBe(false);
  });
});

describe('app origin and navigation', () => {
  it('recognises the app origin only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://sitrep/incidents/1')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://sitrep.evil/index.html')).toBe(false);
    expect(isAppUrl('https://sitrep/')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('app://sitrep/')).toBe(true);
  });
});

describe('isTrustedSender', () => {
  const good = { hasFrame: true, isMainWindowTopFrame: true, url: 'app://sitrep/index.html' };
  it('trusts the main window top frame on the app origin', () => {
    expect(isTrustedSender(good)).toBe(true);
  });
  it('refuses sub-frames, other windows, foreign URLs and missing frames', () => {
    expect(isTrustedSender({ ...good, isMainWindowTopFrame: false })).toBe(false);
    expect(isTrustedSender({ ...good, hasFrame: false })).toBe(false);
    expect(isTrustedSender({ ...good, url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender({ ...good, url: '' })).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('turns every isolation on and node off', () => {
    const p = secureWebPreferences('/x/preload/index.cjs');
    expect(p).toMatchObject({
      preload: '/x/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      allowRunningInsecureContent: false,
    });
  });
});

describe('static files', () => {
  const root = resolve('/srv/renderer');
  const files = new Set([join(root, 'index.html'), join(root, 'assets', 'app.js'), join(root, 'assets', '..weird.txt')]);
  const isFile = (p: string) => files.has(p);

  it('serves files inside the root with their content type', () => {
    expect(pickStaticFile(root, '/assets/app.js', isFile)).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'app.js'),
      contentType: 'text/javascript; charset=utf-8',
      isIndex: false,
    });
    expect(pickStaticFile(root, '/assets/..weird.txt', isFile)).toMatchObject({ kind: 'file' });
  });

  it('answers index.html for / and for client-side routes, 404 for missing assets', () => {
    expect(pickStaticFile(root, '/', isFile)).toMatchObject({ kind: 'file', isIndex: true });
    expect(pickStaticFile(root, '/incidents/inc-1', isFile)).toMatchObject({ kind: 'file', isIndex: true });
    expect(pickStaticFile(root, '/assets/missing.js', isFile)).toEqual({ kind: 'not_found' });
  });

  it.each(['/../secret', '/..%2f..%2fetc%2fpasswd', '/assets/%2e%2e/%2e%2e/x', '/%2e%2e%5c..%5cx', '/a%00b', '/%E0%A4%A'])(
    'refuses traversal or malformed path %s',
    (p) => {
      const r = pickStaticFile(root, p, () => true);
      if (r.kind === 'file') expect(r.path.startsWith(root)).toBe(true);
      else expect(r.kind).toBe('forbidden');
    },
  );

  it('resolveInside keeps paths inside the root', () => {
    expect(resolveInside(root, '/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveInside(root, '/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('knows the content types it serves', () => {
    expect(contentTypeOf('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/a/x.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/a.b/noext')).toBe('application/octet-stream');
  });
});
