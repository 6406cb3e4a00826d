import { App as AntApp, ConfigProvider } from 'antd';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { I18nProvider } from '../i18n/I18n';
import type { Language } from '../i18n/dictionary';
import { SessionContext, type Role } from '../session/Session';

/**
 * Renders `ui` as the console would: in a language, for a role, at a route. `path` is the route
 * pattern (e.g. `/ota/packages/:id`), `at` the URL shown.
 */
export function renderPage(
  ui: ReactElement,
  {
    language = 'en',
    role = 'operator',
    path = '/',
    at = '/',
  }: { language?: Language; role?: Role; path?: string; at?: string } = {},
) {
  return render(
    <I18nProvider language={language}>
      {/* no motion: dialogs and popups appear at once, so tests wait less */}
      <ConfigProvider theme={{ token: { motion: false } }}>
        <AntApp>
          <SessionContext.Provider
            value={{
              principal: { name: 'tester', role },
              canWrite: role !== 'viewer',
              signIn: async () => ({ name: 'tester', role }),
              signOut: () => {},
            }}
          >
            <MemoryRouter initialEntries={[at]}>
              <Routes>
                <Route path={path} element={ui} />
              </Routes>
            </MemoryRouter>
          </SessionContext.Provider>
        </AntApp>
      </ConfigProvider>
    </I18nProvider>,
  );
}

type Handler = (request: { url: URL; method: string; body: any }) => { status?: number; body?: unknown } | undefined;

/**
 * Stubs `fetch` at the network edge: each call goes to the first route whose method and path
 * match (path with `*` for one segment); an unmatched call answers 404 NOT_FOUND. Answers the
 * calls made, for assertions on what was sent.
 */
export function stubApi(routes: Record<string, Handler | { status?: number; body?: unknown }>) {
  const calls: { method: string; url: URL; body: any }[] = [];
  const compiled = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ');
    const regex = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+') + '$');
    return { method, regex, handler };
  });
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    calls.push({ method, url, body });
    const route = compiled.find((r) => r.method === method && r.regex.test(url.pathname));
    const answer = !route
      ? { status: 404, body: { code: 'NOT_FOUND', title: 'Not Found', status: 404 } }
      : typeof route.handler === 'function'
        ? (route.handler({ url, method, body }) ?? { status: 204 })
        : route.handler;
    const status = answer.status ?? 200;
    const problem = status >= 400;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status,
      headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchStub);
  return calls;
}

/** A page of items, as the platform's list endpoints answer. */
export function page<T>(items: T[], total = items.length, pageNumber = 0, size = 10) {
  return { items, total, page: pageNumber, size };
}
