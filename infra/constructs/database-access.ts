import { SecurityGroup, Subnet, Vpc, type ISecurityGroup, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../config.js';

/** Bundling leaves out the driver a deployment does not use. */
export const modulesUnusedBy = (driver: DeploymentConfig['databaseDriver']): string[] =>
  driver === 'pg'
    ? ['@neondatabase/serverless', 'drizzle-orm/neon-serverless', 'drizzle-orm/neon-serverless/*']
    : ['pg', 'pg-pool', 'pg-protocol', 'drizzle-orm/node-postgres', 'drizzle-orm/node-postgres/*'];

export interface DatabaseAccessProps {
  driver: DeploymentConfig['databaseDriver'];
  secretArn: string;
  vpc?: DeploymentConfig['vpc'];
}

/** How a function reaches Postgres: the secret holding the URL, the driver, and the VPC when the database lives in one. */
export class DatabaseAccess extends Construct {
  readonly driver: DatabaseAccessProps['driver'];
  readonly secret: ISecret;
  readonly vpc?: IVpc;
  readonly vpcSubnets?: SubnetSelection;
  readonly securityGroups?: ISecurityGroup[];

  constructor(scope: Construct, id: string, props: DatabaseAccessProps) {
    super(scope, id);
    this.driver = props.driver;
    this.secret = Secret.fromSecretCompleteArn(this, 'Secret', props.secretArn);
    if (props.vpc) {
      const { vpcId, availabilityZones, privateSubnetIds, securityGroupIds } = props.vpc;
      this.vpc = Vpc.fromVpcAttributes(this, 'Vpc', { vpcId, availabilityZones, privateSubnetIds });
      this.vpcSubnets = { subnets: privateSubnetIds.map((subnetId, i) => Subnet.fromSubnetId(this, `Subnet${i}`, subnetId)) };
      this.securityGroups = securityGroupIds.map((groupId, i) => SecurityGroup.fromSecurityGroupId(this, `SecurityGroup${i}`, groupId, { mutable: false }));
    }
  }

  /** Only the secret's ARN goes into the environment; the function reads the value at cold start. */
  get environment(): Record<string, string> {
    return {
      DATABASE_SECRET_ARN: this.secret.secretArn,
      DATABASE_DRIVER: this.driver,
      ...(this.driver === 'pg' ? { NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem' } : {}),
    };
  }

  get unusedDriverModules(): string[] {
    return modulesUnusedBy(this.driver);
  }

  grantConnect(fn: IFunction) {
    this.secret.grantRead(fn);
  }
}
