import { Duration, Fn, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods, CachedMethods, CachePolicy, CacheQueryStringBehavior, CacheHeaderBehavior, CacheCookieBehavior, Distribution, OriginProtocolPolicy, OriginRequestPolicy,
  OriginSslPolicy, PriceClass, ViewerProtocolPolicy, type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';

/** The paths the CDN caches: the public community pages (居务公开) and their JSON. Everything else passes through uncached. */
export const cachedPublicPaths = ['/p/*', '/v1/public/*'] as const;

/**
 * CloudFront in front of the HTTP API for the public community pages: each page answers with a strong ETag and
 * `Cache-Control: public, max-age=60`, which the cache policy honours (at most five minutes even if a page said more),
 * keyed on the path alone (no cookie, header or query string, so no one's session can reach a cached copy). Every other
 * path goes to the API uncached, with the viewer's headers, so the CDN's address serves the whole site.
 * Only in the global profile: CloudFront in the China regions needs an ICP filing (README, Deploy: the china profile).
 */
export class PublicPagesCdn extends Construct {
  readonly distribution: Distribution;
  readonly cachePolicy: CachePolicy;

  constructor(scope: Construct, id: string, props: { api: HttpApi }) {
    super(scope, id);
    const origin = new HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    this.cachePolicy = new CachePolicy(this, 'PublicPages', {
      comment: 'Public community pages: the origin says max-age=60; keyed on the path only',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(60),
      maxTtl: Duration.minutes(5),
      cookieBehavior: CacheCookieBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // residents also POST here (the consultation form and its JSON, the rating): every method passes, only GET and HEAD
    // are cached, and the viewer's headers (content type, Accept, the address CloudFront appends) reach the API
    const cached: BehaviorOptions = {
      origin, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, allowedMethods: AllowedMethods.ALLOW_ALL, cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy: this.cachePolicy, originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER, compress: true,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Shequ public community pages (居务公开)',
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
      additionalBehaviors: Object.fromEntries(cachedPublicPaths.map((path) => [path, cached])),
    });
    const acknowledge = (rule: string, reason: string) => Validations.of(this.distribution).acknowledge({ id: `AwsSolutions-${rule}`, reason });
    acknowledge('CFR1', 'the public community pages are for residents wherever they are (family abroad included); they hold only what a city chose to publish, so no country is blocked');
    acknowledge('CFR2', 'no WAF: the cached pages are static for a minute and every uncached request reaches the API stage, whose throttle (rate and burst limits from the deployment config) bounds it');
    acknowledge('CFR3', 'every request the CDN forwards is in the API stage\'s access log (retained 180 days or more); a cache hit serves only a public page, which records nothing about a person');
    acknowledge('CFR4', 'the default CloudFront certificate until the province attaches its own domain and ACM certificate (then minimumProtocolVersion TLSv1.2_2021); the pages carry only published, public facts');
  }
}
