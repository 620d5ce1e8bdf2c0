/**
 * A parser for the Python expressions in feedparser's `Expect:` lines: boolean operators,
 * (chained) comparisons, `+`, subscripts, attribute access, calls, and string, number, tuple,
 * list, dict, None/True/False literals. Nothing is executed; evaluate.ts interprets the tree.
 */

export type Expr =
  | { type: 'name'; name: string }
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'tuple' | 'list'; items: Expr[] }
  | { type: 'dict'; entries: [Expr, Expr][] }
  | { type: 'index'; target: Expr; index: Expr }
  | { type: 'attr'; target: Expr; name: string }
  | { type: 'call'; callee: Expr; args: Expr[] }
  | { type: 'add'; left: Expr; right: Expr }
  | { type: 'neg'; operand: Expr }
  | { type: 'not'; operand: Expr }
  | { type: 'and' | 'or'; operands: Expr[] }
  | { type: 'compare'; operands: Expr[]; operators: string[] };

type Token = { kind: 'name' | 'number' | 'string' | 'op'; text: string; value?: string | number };

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

function unescapePython(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g,
    (whole, escape: string) => {
      if (/^[xuU]/.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
      if (/^[0-7]+$/.test(escape)) return String.fromCodePoint(parseInt(escape, 8));
      return ESCAPES[escape] ?? whole;
    },
  );
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s+|([A-Za-z]{0,2})('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\[\s\S]|[^'\\])*'|"(?:\\[\s\S]|[^"\\])*")|(\d+\.\d*|\d+)|([A-Za-z_]\w*)|(==|!=|<=|>=|[-+()[\]{}.,:<>%*])/y;
  let index = 0;
  while (index < source.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match) throw new SyntaxError(`unexpected ${JSON.stringify(source.slice(index, index + 10))}`);
    index = pattern.lastIndex;
    const [whole, prefix, quoted, number, name, op] = match;
    if (quoted !== undefined) {
      const quote = quoted.startsWith("'''") || quoted.startsWith('"""') ? 3 : 1;
      const body = quoted.slice(quote, -quote);
      tokens.push({ kind: 'string', text: whole, value: /r/i.test(prefix ?? '') ? body : unescapePython(body) });
    } else if (number !== undefined) tokens.push({ kind: 'number', text: number, value: Number(number) });
    else if (name !== undefined) tokens.push({ kind: 'name', text: name });
    else if (op !== undefined) tokens.push({ kind: 'op', text: op });
  }
  return tokens;
}

const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const expr = this.or();
    if (this.position < this.tokens.length) throw new SyntaxError(`unexpected ${this.peek()?.text}`);
    return expr;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private accept(text: string): boolean {
    if (this.peek()?.text !== text) return false;
    this.position++;
    return true;
  }

  private expect(text: string): void {
    if (!this.accept(text)) throw new SyntaxError(`expected ${text}, found ${this.peek()?.text ?? 'the end'}`);
  }

  private or(): Expr {
    const operands = [this.and()];
    while (this.accept('or')) operands.push(this.and());
    return operands.length === 1 ? (operands[0] as Expr) : { type: 'or', operands };
  }

  private and(): Expr {
    const operands = [this.not()];
    while (this.accept('and')) operands.push(this.not());
    return operands.length === 1 ? (operands[0] as Expr) : { type: 'and', operands };
  }

  private not(): Expr {
    return this.accept('not') ? { type: 'not', operand: this.not() } : this.comparison();
  }

  private comparisonOperator(): string | null {
    const token = this.peek();
    if (!token) return null;
    if (token.kind === 'op' && COMPARE_OPS.has(token.text)) return (this.position++, token.text);
    if (token.text === 'in') return (this.position++, 'in');
    if (token.text === 'not' && this.peek(1)?.text === 'in') return ((this.position += 2), 'not in');
    if (token.text === 'is') {
      this.position++;
      return this.accept('not') ? 'is not' : 'is';
    }
    return null;
  }

  private comparison(): Expr {
    const operands = [this.sum()];
    const operators: string[] = [];
    for (let operator = this.comparisonOperator(); operator; operator = this.comparisonOperator()) {
      operators.push(operator);
      operands.push(this.sum());
    }
    return operators.length === 0 ? (operands[0] as Expr) : { type: 'compare', operands, operators };
  }

  private sum(): Expr {
    let left = this.unary();
    while (this.accept('+')) left = { type: 'add', left, right: this.unary() };
    return left;
  }

  private unary(): Expr {
    return this.accept('-') ? { type: 'neg', operand: this.unary() } : this.postfix();
  }

  private postfix(): Expr {
    let expr = this.primary();
    for (;;) {
      if (this.accept('[')) {
        const index = this.or();
        this.expect(']');
        expr = { type: 'index', target: expr, index };
      } else if (this.accept('.')) {
        const name = this.peek();
        if (name?.kind !== 'name') throw new SyntaxError('expected an attribute name');
        this.position++;
        expr = { type: 'attr', target: expr, name: name.text };
      } else if (this.accept('(')) {
        expr = { type: 'call', callee: expr, args: this.sequence(')') };
      } else return expr;
    }
  }

  private sequence(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.accept(close)) {
      items.push(this.or());
      if (!this.accept(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  private primary(): Expr {
    const token = this.peek();
    if (!token) throw new SyntaxError('unexpected end of expression');
    this.position++;
    if (token.kind === 'string') {
      let value = token.value as string;
      // Adjacent literals concatenate, as in Python.
      while (this.peek()?.kind === 'string') value += this.tokens[this.position++]?.value as string;
      return { type: 'literal', value };
    }
    if (token.kind === 'number') return { type: 'literal', value: token.value as number };
    if (token.kind === 'name') {
      if (token.text === 'None') return { type: 'literal', value: null };
      if (token.text === 'True' || token.text === 'False') return { type: 'literal', value: token.text === 'True' };
      return { type: 'name', name: token.text };
    }
    if (token.text === '(') {
      const items = this.sequence(')');
      const single = items.length === 1 && this.tokens[this.position - 2]?.text !== ',';
      return single ? (items[0] as Expr) : { type: 'tuple', items };
    }
    if (token.text === '[') return { type: 'list', items: this.sequence(']') };
    if (token.text === '{') {
      const entries: [Expr, Expr][] = [];
      while (!this.accept('}')) {
        const key = this.or();
        this.expect(':');
        entries.push([key, this.or()]);
        if (!this.accept(',')) {
          this.expect('}');
          break;
        }
      }
      return { type: 'dict', entries };
    }
    throw new SyntaxError(`unexpected ${token.text}`);
  }
}

export function parsePythonExpr(source: string): Expr {
  return new Parser(tokenize(source)).parse();
}
