import { Clock } from '@marketplace/common';
import { AppConfig, FranceConnectConfig, InjectConfig, LOCAL_FRANCECONNECT } from '@marketplace/config';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client, custom, CustomHttpOptionsProvider, errors, Issuer } from 'openid-client';
import { FranceConnectDisabledError, FranceConnectRefusal } from './franceconnect.errors';
import { LocalFranceConnect, startLocalFranceConnect } from './local/local-franceconnect';

/** The scopes asked: every claim the verified identity and the DAC7 data need, and the email for the account. */
export const FRANCECONNECT_SCOPES = 'openid given_name family_name birthdate birthplace birthcountry gender email preferred_username';

/**
 * Our OpenID Connect client at FranceConnect (openid-client), discovered on first use and kept;
 * with FRANCECONNECT_ISSUER=local, the local provider is started with the app and closed with it.
 */
@Injectable()
export class FranceConnectClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('FranceConnect');
  private local?: LocalFranceConnect;
  private discovered?: Promise<Client>;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get settings(): FranceConnectConfig {
    if (!this.config.franceConnect) throw new FranceConnectDisabledError();
    return this.config.franceConnect;
  }

  get enabled(): boolean {
    return !!this.config.franceConnect;
  }

  /** Where the web app lands after FranceConnect: `?code=` to exchange, or `?error=`; and after logout. */
  get appReturnUrl(): string {
    return `${this.config.email.publicAppUrl}/franceconnect`;
  }

  /** GET here sends a browser to FranceConnect. */
  get startUrl(): string {
    return `${this.config.email.publicApiUrl}/auth/franceconnect`;
  }

  async onModuleInit(): Promise<void> {
    if (this.config.franceConnect?.issuer !== LOCAL_FRANCECONNECT) return;
    this.local = await startLocalFranceConnect({
      client: this.config.franceConnect,
      postLogoutRedirectUri: this.appReturnUrl,
      today: this.clock.now(),
    });
    this.logger.log(`Local FranceConnect (test identities, no internet) at ${this.local.issuer}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.local?.close();
  }

  /** Our client, discovered on first use; PROVIDER_UNAVAILABLE while discovery fails (tried again on the next call). */
  client(): Promise<Client> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw this.unavailable('discovery', error);
    });
    return this.discovered;
  }

  /**
   * Runs a call to FranceConnect (`step` names it in the log): when FranceConnect does not answer
   * (no connection, no answer within FRANCECONNECT_TIMEOUT_MS, a server error), PROVIDER_UNAVAILABLE.
   */
  async reach<T>(step: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw didNotAnswer(error) ? this.unavailable(step, error) : error;
    }
  }

  private unavailable(step: string, error: unknown): FranceConnectRefusal {
    this.logger.warn({ msg: 'FranceConnect is unavailable', step, error: error instanceof Error ? error.message : String(error) });
    return new FranceConnectRefusal('PROVIDER_UNAVAILABLE', 'FranceConnect cannot be reached right now: try again in a few minutes.');
  }

  private async discover(): Promise<Client> {
    const settings = this.settings;
    // On the discovery, the issuer (its keys) and our client, not as openid-client's process-wide default: another app in the process has its own.
    const withTimeout: CustomHttpOptionsProvider = () => ({ timeout: settings.timeoutMs });
    const Discovery = class extends Issuer {};
    Discovery[custom.http_options] = withTimeout;
    const issuer = await Discovery.discover(this.local?.issuer ?? settings.issuer);
    issuer[custom.http_options] = withTimeout;
    const client = new issuer.Client({
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: [settings.redirectUri],
      post_logout_redirect_uris: [this.appReturnUrl],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
    });
    client[custom.http_options] = withTimeout;
    return client;
  }
}

/** FranceConnect did not answer: no connection (a system error's code), no answer in time (openid-client's timeout), or a 5xx. */
function didNotAnswer(error: unknown): boolean {
  if (error instanceof errors.OPError) return (error.response?.statusCode ?? 0) >= 500;
  if (error instanceof errors.RPError) return error.message.startsWith('outgoing request timed out');
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
