import { Clock } from '@marketplace/common';
import { AppConfig, FranceConnectConfig, InjectConfig, LOCAL_FRANCECONNECT } from '@marketplace/config';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client, Issuer } from 'openid-client';
import { FranceConnectDisabledError } from './franceconnect.errors';
import { LocalFranceConnect, startLocalFranceConnect } from './local/local-franceconnect';

/** The scopes asked: every claim the verified identity and the DAC7 data need, and the email for the account. */
export const FRANCECONNECT_SCOPES = 'openid given_name family_name birthdate birthplace birthcountry gender email preferred_username';

/**
 * Our OpenID Connect client at FranceConnect (openid-client), discovered on first use and kept;
 * with FRANCECONNECT_ISSUER=local, the local provider is started with the app and closed with it.
 */
@Injectable()
export class FranceConnectClient implements OnModuleInit, OnModuleDestroy {
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
    new Logger('FranceConnect').log(`Local FranceConnect (test identities, no internet) at ${this.local.issuer}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.local?.close();
  }

  client(): Promise<Client> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<Client> {
    const settings = this.settings;
    const issuer = await Issuer.discover(this.local?.issuer ?? settings.issuer);
    return new issuer.Client({
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: [settings.redirectUri],
      post_logout_redirect_uris: [this.appReturnUrl],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
    });
  }
}
