import { App } from 'aws-cdk-lib';
import { loadDeploymentConfig } from '../config.js';
import { composeShequApp } from '../stacks/shequ-app.js';

const app = new App();
const config = loadDeploymentConfig(app.node);
composeShequApp(app, config);
