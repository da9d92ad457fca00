import fs from 'node:fs'
import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib'
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2'
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront'
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins'
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket } from 'aws-cdk-lib/aws-s3'
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment'
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager'
import { Construct } from 'constructs'
import {
  contentSecurityPolicy,
  CSP_DIRECTIVES,
  CROSS_ORIGIN_OPENER_POLICY,
  FRAME_OPTIONS,
  HSTS_MAX_AGE_SECONDS,
  ORIGIN_VERIFY_HEADER,
  PERMISSIONS_POLICY,
  REFERRER_POLICY,
  VIEWER_ADDRESS_HEADER,
} from '../functions/security/headers.js'
import { CACHE_IMMUTABLE, CACHE_REVALIDATE } from '../functions/api/portal-files.js'
import { ENTRY_PAGES } from '../shared/entry-pages.js'

export interface WebProps {
  httpApi: HttpApi
  /** The built portal (`npm run build:web`). Uploaded only if the folder exists at synth time. */
  assetsPath: string
  /** The AWS WAF web ACL (scope CLOUDFRONT, in us-east-1: infra/edge.ts) the distribution sits behind. */
  webAclArn: string
  /** Sent to the API as x-origin-verify, so the API may believe the viewer address CloudFront set. */
  originSecret: ISecret
  /** The files bucket's regional host: the portal posts roster uploads there (CSP connect-src). */
  uploadHost: string
}

/**
 * Portal routes are client-side (vue-router history mode): a path whose last segment has no
 * file extension gets its entry page (shared/entry-pages.ts: the route's chunks preloaded) or
 * index.html. Runs only on the default (S3) behavior, so API 403/404 responses reach the client
 * unchanged, which distribution-wide error responses would not allow.
 */
export const SPA_REWRITE = `var ENTRY = ${JSON.stringify(ENTRY_PAGES.map((e) => [e.route, `/${e.file}`]))};
function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) {
    var page = '/index.html';
    for (var i = 0; i < ENTRY.length; i++) {
      if (new RegExp(ENTRY[i][0]).test(request.uri)) {
        page = ENTRY[i][1];
        break;
      }
    }
    request.uri = page;
  }
  return request;
}`

/**
 * On /api/*: the viewer's address, as CloudFront saw it, in a header of our own (a header of the same
 * name from the viewer is replaced). API Gateway's sourceIp would be the edge server's address.
 */
export const VIEWER_ADDRESS = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return request;
}`

/**
 * The response headers policy, from the same values the API and the local server send
 * (functions/security/headers.ts). `override`: replace whatever the origin sent, or only fill in
 * what it did not (the API sends its own, and a route may send a stricter CSP of its own).
 */
function securityHeadersPolicy(scope: Construct, id: string, override: boolean, csp: string = contentSecurityPolicy()): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment: override ? 'Wengang portal: security headers' : 'Wengang API: security headers the API did not send',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: csp, override },
      contentTypeOptions: { override },
      referrerPolicy: { referrerPolicy: REFERRER_POLICY as HeadersReferrerPolicy, override },
      frameOptions: { frameOption: FRAME_OPTIONS as HeadersFrameOption, override },
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, override },
    },
    customHeadersBehavior: {
      customHeaders: [
        { header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override },
        { header: 'Cross-Origin-Opener-Policy', value: CROSS_ORIGIN_OPENER_POLICY, override },
      ],
    },
  })
}

/** The portal: a private bucket read by CloudFront through origin access control, plus /api/* to the HTTP API. */
export class Web extends Construct {
  readonly bucket: Bucket
  readonly distribution: Distribution
  readonly deployed: boolean

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id)

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      autoDeleteObjects: false,
      removalPolicy: RemovalPolicy.RETAIN,
    })
    const cfnBucket = this.bucket.node.defaultChild as CfnBucket
    cfnBucket.overrideLogicalId('WengangPortalBucket')

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_REWRITE),
      comment: 'Serve index.html for portal routes',
    })

    const viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(VIEWER_ADDRESS),
      comment: 'Pass the viewer address to the API for its per-client limits',
    })
    // The portal may also connect to the files bucket, where it posts roster uploads (infra/files.ts).
    const portalCsp = contentSecurityPolicy({ ...CSP_DIRECTIVES, connectSrc: [...CSP_DIRECTIVES.connectSrc, `https://${props.uploadHost}`] })
    const portalHeaders = securityHeadersPolicy(this, 'PortalHeaders', true, portalCsp)
    const apiHeaders = securityHeadersPolicy(this, 'ApiHeaders', false)

    // apiEndpoint is https://<id>.execute-api.<region>.<suffix>; CloudFront wants the bare host.
    const apiDomain = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint))

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Wengang portal and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes the edge locations nearest mainland China (Hong Kong, Japan, Korea, Singapore).
      priceClass: PriceClass.PRICE_CLASS_200,
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Caches by the origin's Cache-Control (set on upload below) and keys on gzip and brotli, so
        // `compress` hands each browser the smallest copy it accepts (text types from 1,000 bytes).
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: portalHeaders,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            // A CloudFormation dynamic reference: resolved at deploy time, never written into the template.
            customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Everything but Host: API Gateway routes on its own host name.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
          functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    })

    // Synth must work before the portal is built (CI, fresh clones), so the upload is optional.
    this.deployed = fs.existsSync(props.assetsPath)
    if (this.deployed) {
      const source = Source.asset(props.assetsPath)
      // Vite names every file under assets/ by its content: cached for good by browsers and the edge.
      // Older chunks are kept (no prune) so a page opened before a deploy can still load its routes.
      const assets = new BucketDeployment(this, 'Deployment', {
        sources: [source],
        destinationBucket: this.bucket,
        include: ['assets/*'],
        exclude: ['*'],
        prune: false,
        cacheControl: [CacheControl.fromString(CACHE_IMMUTABLE)],
      })
      // index.html (and the SPA routes rewritten to it), favicon: revalidated on every visit, so a
      // deploy shows at once; uploaded after the assets it names.
      const pages = new BucketDeployment(this, 'PageDeployment', {
        sources: [source],
        destinationBucket: this.bucket,
        exclude: ['assets/*'],
        cacheControl: [CacheControl.fromString(CACHE_REVALIDATE)],
        distribution: this.distribution,
        distributionPaths: ['/*'],
      })
      pages.node.addDependency(assets)
    }
  }
}
