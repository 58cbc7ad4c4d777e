import type { ConnectorCreate } from '@plugboard/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeConsole, oauthApp } from '../test/fixtures.js';
import { ConnectorForm } from './connector-form.js';
import { emptyDraft } from './draft.js';

afterEach(cleanup);

function renderForm({
  takenSlugs = ['stripe'],
  onSubmit = vi.fn(async (_: ConnectorCreate) => {}),
  fake = fakeConsole(),
} = {}) {
  render(
    <ConnectorForm
      client={fake.client}
      initial={emptyDraft()}
      takenSlugs={takenSlugs}
      submitLabel="Create connector"
      onSubmit={onSubmit}
    />,
  );
  return { onSubmit, fake };
}

const input = (testId: string, value: string) => fireEvent.input(screen.getByTestId(testId), { target: { value } });
const slug = () => (screen.getByLabelText('Slug') as HTMLInputElement).value;

function addMethod(kind: string) {
  fireEvent.change(screen.getByLabelText('Auth method to add'), { target: { value: kind } });
  fireEvent.click(screen.getByRole('button', { name: '+ Add auth method' }));
}

describe('<ConnectorForm>', () => {
  it('generates the slug from the name as it is typed, until the slug is edited', () => {
    renderForm();
    input('connector-name', 'Salesforce CRM (EU)');
    expect(slug()).toBe('salesforce-crm-eu');
    input('connector-slug', 'sfdc');
    input('connector-name', 'Salesforce');
    expect(slug()).toBe('sfdc');
    input('connector-slug', '');
    expect(slug()).toBe('salesforce');
  });

  it('checks the slug as it is typed: its shape and whether another connector has it', () => {
    renderForm();
    input('connector-name', 'Stripe');
    expect(screen.getByTestId('error-slug').textContent).toBe('Another connector already uses the slug "stripe"');
    input('connector-slug', 'Bad slug!');
    expect(screen.getByTestId('error-slug').textContent).toContain('lowercase letters');
    input('connector-slug', 'stripe-eu');
    expect(screen.queryByTestId('error-slug')).toBeNull();
  });

  it('shows every problem beside its field and sends nothing while the form is invalid', async () => {
    const { onSubmit } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    expect(screen.getByTestId('error-name').textContent).toBe('Enter a name');
    expect(screen.getByTestId('error-authMethods').textContent).toBe('Add at least one auth method');
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));

    input('connector-name', 'Acme CRM');
    input('connector-domain', 'not a domain');
    addMethod('oauth2');
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    expect(screen.queryByTestId('error-name')).toBeNull();
    expect(screen.getByTestId('error-domain').textContent).toBe('Must be a domain like salesforce.com');
    expect(screen.getByTestId('error-authMethods.0.authorizationUrl')).toBeTruthy();
    expect(screen.getByTestId('error-authMethods.0.tokenUrl')).toBeTruthy();
    expect(screen.getByTestId('error-authMethods.0.clientId').textContent).toContain('Enter a client ID');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('accepts only an https icon URL and previews it live', () => {
    renderForm();
    input('connector-icon-url', 'http://cdn.example.com/acme.png');
    expect(screen.getByTestId('error-iconUrl').textContent).toBe('Must be an https:// URL');
    expect(screen.queryByTestId('icon-preview')).toBeNull();
    input('connector-icon-url', 'https://cdn.example.com/acme.png');
    expect(screen.queryByTestId('error-iconUrl')).toBeNull();
    expect(screen.getByRole('img', { name: 'Icon preview' }).getAttribute('src')).toBe(
      'https://cdn.example.com/acme.png',
    );
  });

  it('sends two auth methods with the one marked default, each with its own settings', async () => {
    const fake = fakeConsole({ apps: [oauthApp()] });
    const { onSubmit } = renderForm({ fake });
    input('connector-name', 'Acme CRM');
    input('connector-description', 'Customers and deals.');
    input('connector-domain', 'acme.example');
    fireEvent.click(screen.getByLabelText('Public', { exact: false }));
    addMethod('apiKey');
    addMethod('oauth2');
    const [apiKey, oauth] = [screen.getByTestId('auth-method-0'), screen.getByTestId('auth-method-1')];
    expect((within(apiKey).getByTestId('default-method-0') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(within(apiKey).getByLabelText('Sent in'), { target: { value: 'query' } });
    fireEvent.input(within(apiKey).getByLabelText('Parameter name'), { target: { value: 'api_key' } });
    fireEvent.input(within(oauth).getByLabelText('Authorization URL'), {
      target: { value: 'https://acme.example/authorize' },
    });
    fireEvent.input(within(oauth).getByLabelText('Token URL'), { target: { value: 'https://acme.example/token' } });
    fireEvent.input(within(oauth).getByLabelText('Scopes'), { target: { value: 'crm.read, crm.write' } });
    fireEvent.click(within(oauth).getByLabelText('A managed OAuth app'));
    const app = await within(oauth).findByRole('option', { name: 'hubspot (hub-client)' });
    fireEvent.change(within(oauth).getByLabelText('Managed OAuth app'), {
      target: { value: app.getAttribute('value') },
    });
    fireEvent.click(within(oauth).getByTestId('default-method-1'));
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      name: 'Acme CRM',
      slug: 'acme-crm',
      description: 'Customers and deals.',
      domain: 'acme.example',
      visibility: 'public',
      authMethods: [
        { kind: 'apiKey', isDefault: false, in: 'query', name: 'api_key' },
        {
          kind: 'oauth2',
          isDefault: true,
          authorizationUrl: 'https://acme.example/authorize',
          tokenUrl: 'https://acme.example/token',
          scopes: ['crm.read', 'crm.write'],
          managedAppId: 'oap_hubspot',
        },
      ],
    });
  });

  it('removes a method and makes the first remaining one the default', () => {
    renderForm();
    addMethod('bearer');
    addMethod('basic');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Bearer token (method 1 of 2)' }));
    expect(screen.queryByTestId('auth-method-1')).toBeNull();
    expect(within(screen.getByTestId('auth-method-0')).getByText('1. Username and password')).toBeTruthy();
    expect((screen.getByTestId('default-method-0') as HTMLInputElement).checked).toBe(true);
  });

  it('puts the server’s slug_taken and validation issues on their fields', async () => {
    const onSubmit = vi.fn(async () => {
      throw apiError('slug_taken', 'Another connector already uses the slug "acme"');
    });
    renderForm({ onSubmit });
    input('connector-name', 'Acme');
    addMethod('custom');
    input('method-0-handler', 'session-login');
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    expect((await screen.findByTestId('error-slug')).textContent).toContain('already uses the slug "acme"');

    onSubmit.mockImplementationOnce(async () => {
      throw apiError('validation_failed', 'Invalid', [
        { path: 'authMethods.0.handler', message: 'No custom auth handler "session-login" is registered' },
      ]);
    });
    input('connector-slug', 'acme-2');
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    expect((await screen.findByTestId('error-authMethods.0.handler')).textContent).toContain('No custom auth handler');
    expect(screen.getByLabelText('Handler name').getAttribute('aria-invalid')).toBe('true');
  });

  it('defines connection variables used in the base URL, and says where one is missing or unused', async () => {
    const { onSubmit } = renderForm({ takenSlugs: [] });
    input('connector-name', 'Shopify');
    input('connector-api-base-url', 'https://{shop}.myshopify.com/admin');
    addMethod('none');
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    expect(screen.getByTestId('error-apiBaseUrl').textContent).toBe('Uses {shop}: declare a variable named shop');
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('add-variable'));
    input('variable-0-name', 'shop');
    input('variable-0-label', 'Shop');
    input('variable-0-example', 'acme-store');
    input('variable-0-pattern', '[a-z0-9-]+');
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      apiBaseUrl: 'https://{shop}.myshopify.com/admin',
      variables: [{ name: 'shop', label: 'Shop', example: 'acme-store', pattern: '[a-z0-9-]+' }],
    });

    input('connector-api-base-url', 'https://api.shopify.com');
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    expect(screen.getByTestId('error-variables.0.name').textContent).toBe(
      '{shop} is not used in the API base URL or an OAuth URL',
    );
  });
});
