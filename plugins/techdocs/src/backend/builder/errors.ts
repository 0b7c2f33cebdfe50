/** A build that cannot go on (missing or invalid mkdocs.yml, unsafe docs_dir...), naming the file and line. */
export class DocsBuildError extends Error {
  override readonly name = 'DocsBuildError';
  constructor(message: string, readonly file?: string, readonly line?: number) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
  }
}
