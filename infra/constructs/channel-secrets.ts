import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface ChannelSecretsProps {
  /** Secret names are `<prefix><city>`; the config holds the names, the console writes the values. */
  prefix: string;
  cities: string[];
}

/**
 * One Secrets Manager secret per city for its WeCom and SMS credentials. The stack makes them empty (`{}`) and never
 * sees a value: the city admin writes them through the console (PutSecretValue), the notification worker reads them.
 */
export class ChannelSecrets extends Construct {
  readonly secrets: Secret[];
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: ChannelSecretsProps) {
    super(scope, id);
    this.secrets = props.cities.map((city) => {
      const secret = new Secret(this, `City${city}`, {
        secretName: `${props.prefix}${city}`,
        description: `Shequ ${city}: notification channel credentials (WeCom corp id, agent id and secret; SMS AccessKey, signature, template), written by the city admin`,
        generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'unused', excludePunctuation: true, passwordLength: 8 },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'Third-party credentials (WeCom application secret, Alibaba Cloud AccessKey) are rotated in the providers’ consoles and written here by the city admin; Secrets Manager cannot rotate them.',
      });
      return secret;
    });
    this.environment = props.cities.length ? { CHANNEL_SECRET_PREFIX: props.prefix } : {};
  }

  grantRead(grantee: IGrantable): void {
    for (const s of this.secrets) s.grantRead(grantee);
  }

  /** The API and console write a city's credentials (and read the other channel's part back, to merge; never answered to anyone). */
  grantWrite(grantee: IGrantable): void {
    for (const s of this.secrets) {
      s.grantRead(grantee);
      s.grantWrite(grantee);
    }
  }
}
