import { RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The master key that wraps each city's personal-data key (envelope encryption): the functions may generate and
 * unwrap data keys with it, never read it, and every use is logged in CloudTrail with the city as encryption context.
 */
export class PersonalDataKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Wraps each city’s data key for phone and ID numbers (PIPL)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  grantUse(grantee: IGrantable): void {
    this.key.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  get environment(): Record<string, string> {
    return { PERSONAL_DATA_KMS_KEY_ID: this.key.keyArn };
  }
}
