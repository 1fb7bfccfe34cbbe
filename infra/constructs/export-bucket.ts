import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * Where a city's export archive goes when it is too large for a Lambda response (6 MB): private, TLS only, encrypted
 * at rest (the archive itself is age-encrypted to the city's own key), every object gone after a day, every access
 * logged. The API function may write archives and sign 15-minute GET links; nobody else is granted anything.
 */
export class ExportBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // S3's log delivery writes through the bucket policy (cdk.json: serverAccessLogsUseBucketPolicy), no ACLs
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket holds the export bucket’s access logs; logging the log bucket would log itself without end.',
    });
    this.bucket = new Bucket(this, 'Archives', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // a link lives 15 minutes; a day leaves room to retry, and no city's data stays behind in the bucket
      lifecycleRules: [{ expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'archives/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Put archives and read them back (a presigned GET is signed with the function's own credentials); nothing else. */
  grantExport(role: IRole): void {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [this.bucket.arnForObjects('*')] }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason: 'Archives are keyed by city and file name when a province admin exports: the objects of this one bucket, with put and get only (no list, no delete).',
    });
  }

  get environment(): Record<string, string> {
    return { EXPORT_BUCKET: this.bucket.bucketName };
  }
}
