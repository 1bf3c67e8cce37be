import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/**
 * The SDK's HTTP client, sending to another base URL than https://api.twilio.com (a mock of the
 * API such as Prism, or a proxy). Set here rather than as `client.api.baseUrl`: the SDK rewrites
 * hostnames for regions and edges after the base URL is applied, and a two-label host such as
 * `twilio.test` comes out as `twilio.test.twilio.test`.
 */
export class RebasedRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(
    baseUrl: string,
    options: RequestClient.RequestClientOptions,
    /** A client to hand the rebased request to instead of the SDK's own (tests). */
    private readonly inner?: twilio.RequestClient,
  ) {
    super(options);
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const original = new URL(options.uri);
    const uri = new URL(`${original.pathname.replace(/^\/+/, '')}${original.search}`, this.base).href;
    return this.inner ? this.inner.request({ ...options, uri }) : super.request({ ...options, uri });
  }
}
