import { App as AntApp } from 'antd';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '../i18n/I18n';
import { stubApi } from '../test/render';
import { SessionProvider, useSession } from './Session';
import { SignIn } from './SignIn';

function Gate() {
  const { principal } = useSession();
  return principal ? <p>signed in as {principal.name} ({principal.role})</p> : <SignIn />;
}

function renderSignIn(language: 'en' | 'zh-CN' = 'en') {
  render(
    <I18nProvider language={language}>
      <AntApp>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </AntApp>
    </I18nProvider>,
  );
}

describe('SignIn', () => {
  beforeEach(() => sessionStorage.clear());

  it('asks for a key before calling the gateway', async () => {
    const calls = stubApi({});
    renderSignIn();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter an API key')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('opens the console with the principal the gateway names, and keeps the key for the tab', async () => {
    const calls = stubApi({ 'GET /api/v1/me': { body: { name: 'ops', role: 'viewer' } } });
    renderSignIn();
    await userEvent.type(screen.getByLabelText('API key'), '  uh_secret ');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('signed in as ops (viewer)')).toBeInTheDocument();
    expect(calls[0].url.pathname).toBe('/api/v1/me');
    expect(sessionStorage.getItem('upgradehub.apiKey')).toBe('uh_secret');
  });

  it('says in words that a refused key is not valid, in Chinese too', async () => {
    stubApi({
      'GET /api/v1/me': { status: 401, body: { code: 'INVALID_API_KEY', title: 'Unauthorized', status: 401 } },
    });
    renderSignIn('zh-CN');
    await userEvent.type(screen.getByLabelText('API 密钥'), 'uh_wrong');
    await userEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('API 密钥无效')).toBeInTheDocument();
    await waitFor(() => expect(sessionStorage.getItem('upgradehub.apiKey')).toBeNull());
  });
});
