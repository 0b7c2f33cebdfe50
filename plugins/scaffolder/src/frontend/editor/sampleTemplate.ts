/** What the editor starts with: a small template that shows parameters, a skeleton and outputs. */
export const SAMPLE_TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: my-template
  title: My template
  description: Try a template here; nothing is published.
spec:
  owner: group:default/platform-engineering
  type: service
  parameters:
    - title: About it
      required: [name]
      properties:
        name:
          title: Name
          type: string
          ui:field: EntityNamePicker
        language:
          title: Language
          type: string
          enum: [typescript, go]
          default: typescript
  steps:
    - id: fetch
      name: Render the skeleton
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
          language: \${{ parameters.language }}
    - id: log
      action: debug:log
      input:
        listWorkspace: true
  output:
    text:
      - title: Next
        content: Created \${{ parameters.name }}
`;

export const SAMPLE_FILES: Array<{ path: string; content: string }> = [
  { path: 'skeleton/README.md', content: '# ${{ values.name }}\n\nWritten in ${{ values.language }}.\n' },
  {
    path: 'skeleton/catalog-info.yaml',
    content: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name | dump }}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: group:default/platform-engineering\n',
  },
];
