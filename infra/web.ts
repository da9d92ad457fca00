import fs from 'node:fs'
import { Fn, RemovalPolicy } from 'aws-cdk-lib'
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2'
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront'
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins'
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket } from 'aws-cdk-lib/aws-s3'
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment'
import { Construct } from 'constructs'

export interface WebProps {
  httpApi: HttpApi
  /** The built portal (`npm run build:web`). Uploaded only if the folder exists at synth time. */
  assetsPath: string
}

/**
 * Portal routes are client-side (vue-router history mode): a path whose last segment has no
 * file extension gets index.html. Runs only on the default (S3) behavior, so API 403/404
 * responses reach the client unchanged, which distribution-wide error responses would not allow.
 */
export const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`

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

    // apiEndpoint is https://<id>.execute-api.<region>.<suffix>; CloudFront wants the bare host.
    const apiDomain = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint))

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Wengang portal and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes the edge locations nearest mainland China (Hong Kong, Japan, Korea, Singapore).
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Everything but Host: API Gateway routes on its own host name.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
    })

    // Synth must work before the portal is built (CI, fresh clones), so the upload is optional.
    this.deployed = fs.existsSync(props.assetsPath)
    if (this.deployed) {
      new BucketDeployment(this, 'Deployment', {
        sources: [Source.asset(props.assetsPath)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      })
    }
  }
}
