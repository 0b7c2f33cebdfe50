export { installDomStubs } from './installDomStubs';
