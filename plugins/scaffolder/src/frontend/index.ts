export { scaffolderFrontendPlugin } from './plugin';
export type { ScaffolderFieldProps } from './fields/fieldProps';
