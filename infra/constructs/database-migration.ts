import { Duration } from 'aws-cdk-lib';
import { Trigger } from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { ShequFunction, type FunctionSettings } from './shequ-function.js';

export interface DatabaseMigrationProps {
  settings: FunctionSettings;
}

/**
 * Applies db/migrations during the deployment, before the functions that depend on the schema are updated. The
 * migrations are part of the function's bundle, so new migrations make a new version and re-run the trigger.
 */
export class DatabaseMigration extends Construct {
  readonly migrator: ShequFunction;
  readonly trigger: Trigger;

  constructor(scope: Construct, id: string, props: DatabaseMigrationProps) {
    super(scope, id);
    this.migrator = new ShequFunction(this, 'Migrator', {
      entry: 'functions/migrate/handler.ts',
      description: 'Applies the Drizzle migrations to the deployment database',
      settings: props.settings,
      timeout: Duration.minutes(5),
      usesDatabase: true,
      bundleMigrations: true,
    });
    this.trigger = new Trigger(this, 'OnDeploy', { handler: this.migrator.function, timeout: Duration.minutes(5), executeOnHandlerChange: true });
  }

  /** The given constructs are created or updated only after the migrations succeeded. */
  runBefore(...dependents: Construct[]) {
    this.trigger.executeBefore(...dependents);
  }
}
