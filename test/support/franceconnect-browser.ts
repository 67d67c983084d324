/**
 * A browser for FranceConnect journeys: real HTTP with fetch, redirects followed one by one, a
 * cookie jar per host, and the provider's pages submitted as a person would. Hosts that stand for
 * our API in the configuration (`api.test`) are sent to the test app's port.
 */
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Page {
  url: URL;
  status: number;
  body: string;
}

export class FranceConnectBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** `hosts`: a configured host → the test server that answers it. */
  constructor(private readonly hosts: Record<string, Server>) {}

  /** Follows redirects until a page answers, or the web app (`app.test`) is reached, or a redirect `until` picks (not followed). */
  async open(
    address: string | URL,
    init: { method?: string; form?: Record<string, string>; until?: (url: URL) => boolean } = {},
  ): Promise<Page> {
    let url = new URL(address);
    let method = init.method ?? 'GET';
    let body = init.form && new URLSearchParams(init.form).toString();
    for (let hop = 0; hop < 20; hop++) {
      if (url.host === 'app.test' || init.until?.(url)) return { url, status: 0, body: '' };
      const response = await fetch(this.realUrl(url), {
        method,
        body,
        redirect: 'manual',
        headers: { cookie: this.cookiesFor(url.host), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      });
      this.keep(url.host, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location)
        return { url, status: response.status, body: await response.text() };
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
    }
    throw new Error('too many redirects');
  }

  /** On the local provider's login page, signs in as the test identity `sub`. */
  async signInAs(page: Page, sub: string, until?: (url: URL) => boolean): Promise<Page> {
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
    if (!action || !page.body.includes(`value="${sub}"`)) throw new Error(`not a login page offering ${sub}: ${page.status} ${page.body}`);
    return this.open(new URL(action, page.url), { method: 'POST', form: { sub }, until });
  }

  /** On the provider's logout page, confirms. */
  async confirmLogout(page: Page): Promise<Page> {
    const action = /<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"|<form[^>]*action="([^"]+)"[^>]*id="op.logoutForm"/.exec(page.body);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!action || !xsrf) throw new Error(`not a logout page: ${page.status} ${page.body}`);
    return this.open(new URL(action[1] ?? action[2], page.url), { method: 'POST', form: { xsrf, logout: 'yes' } });
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  private realUrl(url: URL): URL {
    const server = this.hosts[url.host];
    if (!server) return url;
    const real = new URL(url);
    real.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    real.protocol = 'http:';
    return real;
  }

  private cookiesFor(host: string): string {
    return [...(this.jar.get(host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(host: string, setCookies: string[]): void {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const setCookie of setCookies) {
      const [pair, ...attributes] = setCookie.split(';');
      const [name, ...value] = pair.trim().split('=');
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute));
      if (expired) cookies.delete(name);
      else cookies.set(name, value.join('='));
    }
    this.jar.set(host, cookies);
  }
}

/** The code or error the web app received at `<PUBLIC_APP_URL>/franceconnect`. */
export function appLanding(page: Page): { code?: string; error?: string } {
  if (page.url.host !== 'app.test')
    throw new Error(`did not come back to the web app: ${page.url} ${page.status} ${page.body.slice(0, 500)}`);
  return { code: page.url.searchParams.get('code') ?? undefined, error: page.url.searchParams.get('error') ?? undefined };
}
