import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3'
import { Construct } from 'constructs'

/** How long a stored file (an export, later an upload) is kept: S3 deletes it after this. */
export const FILE_RETENTION_DAYS = 30

/**
 * The file store's bucket (functions/files/store.ts): exports written by the exports function and
 * handed out by presigned links, and (issue 11) uploads. Private, encrypted, SSL only; every object
 * expires after 30 days, so nothing personal lingers beyond the month it was asked for.
 */
export class Files extends Construct {
  readonly bucket: Bucket

  constructor(scope: Construct, id: string) {
    super(scope, id)
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-after-30-days', expiration: Duration.days(FILE_RETENTION_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Every object expires within a month anyway; a stack deletion leaves the bucket (and its
      // last month of files) for the operator rather than a custom resource that empties it.
      removalPolicy: RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
      // The portal posts roster uploads straight here with a presigned POST (functions/files/sigv4.ts
      // presignPost), so the browser must be let in for POST. Any origin: the signed policy (one key,
      // at most 5 MB, five minutes) is the permission, no cookie is ever sent to S3, and naming the
      // distribution's domain here would make the bucket and the distribution depend on each other.
      cors: [{ allowedMethods: [HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3600 }],
    })
    ;(this.bucket.node.defaultChild as CfnBucket).overrideLogicalId('WengangFilesBucket')
  }
}
