// YAML text into plain values, for readDocument.
import { DEFAULT_SCHEMA, type LoadOptions, load } from 'js-yaml';
import { SpecError, SpecErrorCode } from './errors.js';

/**
 * js-yaml builds plain values as it parses, with no document model in between: a 10 MB spec reads about ten times
 * faster than through a YAML Document, in less memory. `json`: published specs do repeat keys now and then, and
 * the last one wins, as in JSON.parse. The default schema honours merge keys (`<<`). `maxDepth` (js-yaml 4.2+,
 * not in its types yet) lets deeply nested schemas through, still short of the parser's stack.
 */
const OPTIONS: LoadOptions & { maxDepth: number } = { schema: DEFAULT_SCHEMA, json: true, maxDepth: 1000 };

/**
 * How many objects a document may stand for per character of its text: without aliases it is at most one per two
 * characters, and a spec that reuses a block through an anchor stays well under this.
 */
const OBJECTS_PER_CHARACTER = 10;
const OBJECTS_ALLOWANCE = 100_000;

/**
 * Whether the value, read as a tree (every alias expanded, as the builder walks it), holds at most `budget`
 * objects. An object inside itself (an alias to an enclosing anchor) is a cycle the builder cuts, counted once.
 * Stops as soon as the budget is spent, so the walk costs at most the budget.
 */
function treeWithin(root: unknown, budget: number): boolean {
  const onPath = new Set<object>();
  const stack: { node: object; leave: boolean }[] = [];
  const visit = (value: unknown) => {
    if (value !== null && typeof value === 'object' && !onPath.has(value)) stack.push({ node: value, leave: false });
  };
  visit(root);
  let count = 0;
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.leave) {
      onPath.delete(top.node);
      continue;
    }
    count += 1;
    if (count > budget) return false;
    onPath.add(top.node);
    stack.push({ node: top.node, leave: true });
    for (const child of Object.values(top.node)) visit(child);
  }
  return true;
}

/**
 * Reads YAML text into plain values. Aliases are shared, not copied, so a kilobyte of anchors can stand for a
 * document of billions of nodes (the "billion laughs"): one that expands past ten objects per character of text
 * is refused.
 *
 * @throws SpecError `invalid_document` when the text is not YAML, or its aliases expand it too far
 */
export function readYaml(text: string): unknown {
  let value: unknown;
  try {
    value = load(text, OPTIONS);
  } catch (error) {
    throw new SpecError(SpecErrorCode.InvalidDocument, `Not JSON or YAML: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const budget = text.length * OBJECTS_PER_CHARACTER + OBJECTS_ALLOWANCE;
  if (text.includes('*') && !treeWithin(value, budget)) {
    throw new SpecError(
      SpecErrorCode.InvalidDocument,
      `The YAML's aliases expand it past ${budget.toLocaleString('en')} objects; write the repeated parts out or use $ref`,
    );
  }
  return value;
}
