/**
 * What the docs test does with a fenced block, from an HTML comment on the line before its fence:
 * `<!-- docs-test: skip <reason> -->` (not run: the reason says why), or `<!-- docs-test: continues -->` (a
 * TypeScript block that goes on from the previous one of the guide, in the same module). Without a comment, a
 * `ts`/`tsx` block is type-checked and a `sh` block is run.
 */
export type Annotation = { kind: 'none' } | { kind: 'skip'; reason: string } | { kind: 'continues' };

/** One fenced code block of a guide. */
export interface CodeBlock {
  /** The guide's file name and the fence's line, e.g. `quickstart.md:40`. */
  where: string;
  lang: string;
  code: string;
  annotation: Annotation;
}

const ANNOTATION = /^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$/;

function parseAnnotation(text: string, where: string): Annotation {
  const [word, ...rest] = text.split(/\s+/);
  const reason = rest.join(' ');
  if (word === 'skip' && reason) return { kind: 'skip', reason };
  if (word === 'continues' && !reason) return { kind: 'continues' };
  throw new Error(`${where}: unknown docs-test annotation "${text}" (skip <reason>, or continues)`);
}

/** The fenced code blocks of a markdown guide, in order, indentation of list items removed. */
export function codeBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[index] as string);
    if (!open) continue;
    const [, indent = '', lang = ''] = open;
    const where = `${file}:${index + 1}`;
    const previous = index > 0 ? ANNOTATION.exec(lines[index - 1] as string) : null;
    const body: string[] = [];
    for (index++; index < lines.length && !/^\s*```\s*$/.test(lines[index] as string); index++) {
      body.push((lines[index] as string).slice(indent.length));
    }
    blocks.push({
      where,
      lang,
      code: `${body.join('\n')}\n`,
      annotation: previous?.[1] !== undefined ? parseAnnotation(previous[1], where) : { kind: 'none' },
    });
  }
  return blocks;
}
