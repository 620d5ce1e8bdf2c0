import { decodeHTML } from 'entities';
import type { NormalizedFeed } from '../schema.js';
import { Field, fieldMatches, type Match } from './compare.js';
import { parsePythonExpr, type Expr } from './pythonExpr.js';
import { NotMappable, resolvePath, type PathStep } from './view.js';

type Value = Field | string | number | boolean | null | Value[] | { path: PathStep[] };

interface Scope {
  result: NormalizedFeed;
  /** Set when a comparison passed only under our stricter allowlist. */
  policy: boolean;
  /** Set when the conjunct looked at our output at all (`Expect: 1` does not). */
  touched: boolean;
}

function isPath(value: Value): value is { path: PathStep[] } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Field);
}

/** A path is looked up only where its value is needed, so `entries[0]` can still be indexed further. */
function settle(value: Value, scope: Scope): Value {
  if (!isPath(value)) return value;
  scope.touched = true;
  return resolvePath(scope.result, value.path);
}

function literalOf(expr: Expr, scope: Scope): Value {
  const value = settle(evaluate(expr, scope), scope);
  if (value instanceof Field) throw new NotMappable('a field compared with a field');
  return value;
}

function equals(left: Value, right: Value, scope: Scope): boolean {
  const [field, other] = left instanceof Field ? [left, right] : [right, left];
  if (field instanceof Field) {
    if (other instanceof Field) return field.kind === other.kind && field.value === other.value;
    const match: Match = fieldMatches(field, other);
    if (match === 'policy') scope.policy = true;
    return match !== false;
  }
  if (Array.isArray(left) || Array.isArray(right)) return JSON.stringify(left) === JSON.stringify(right);
  return left === right;
}

function truthy(value: Value): boolean {
  if (value instanceof Field) return value.value !== null && value.value !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isPath(value)) throw new NotMappable('truth of a container');
  return Boolean(value);
}

function compare(expr: Extract<Expr, { type: 'compare' }>, scope: Scope): boolean {
  const values = expr.operands.map((operand) => settle(evaluate(operand, scope), scope));
  return expr.operators.every((operator, index) => {
    const left = values[index] as Value;
    const right = values[index + 1] as Value;
    switch (operator) {
      case '==':
        return equals(left, right, scope);
      case '!=':
        return !equals(left, right, scope);
      case 'is':
      case 'is not':
        if (right !== null) throw new NotMappable('identity with True/False');
        return equals(left, null, scope) === (operator === 'is');
      default:
        throw new NotMappable(`operator ${operator}`);
    }
  });
}

function call(expr: Extract<Expr, { type: 'call' }>, scope: Scope): Value {
  const name = expr.callee.type === 'name' ? expr.callee.name : '';
  const [argument] = expr.args;
  if (expr.args.length !== 1 || !argument) throw new NotMappable(`call of ${name || 'a method'}`);
  const value = evaluate(argument, scope);
  if (name === 'len' && isPath(value) && value.path.length === 1 && value.path[0] === 'entries') {
    scope.touched = true;
    return scope.result.entries.length;
  }
  const settled = settle(value, scope);
  if (name === 'ord' && settled instanceof Field && settled.value !== null) {
    // The one character a summary shows, whatever tag or entity surrounds or spells it.
    const text = decodeHTML(settled.value.replace(/<[^>]*>/g, ''));
    // Python's ord() raises on anything but one character: the check cannot hold.
    return [...text].length === 1 ? (text.codePointAt(0) ?? -1) : -1;
  }
  throw new NotMappable(`call of ${name || 'a method'}`);
}

function evaluate(expr: Expr, scope: Scope): Value {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'name':
      if (expr.name === 'feed' || expr.name === 'entries' || expr.name === 'encoding') return { path: [expr.name] };
      throw new NotMappable(`name ${expr.name}`);
    case 'tuple':
    case 'list':
      return expr.items.map((item) => literalOf(item, scope));
    case 'neg': {
      const value = literalOf(expr.operand, scope);
      if (typeof value !== 'number') throw new NotMappable('negation of a non-number');
      return -value;
    }
    case 'add': {
      const left = literalOf(expr.left, scope);
      const right = literalOf(expr.right, scope);
      if (typeof left !== 'string' || typeof right !== 'string') throw new NotMappable('sum of non-strings');
      return left + right;
    }
    case 'index':
    case 'attr': {
      const target = evaluate(expr.target, scope);
      const step = expr.type === 'attr' ? expr.name : literalOf(expr.index, scope);
      if (!isPath(target) || (typeof step !== 'string' && typeof step !== 'number'))
        throw new NotMappable('subscript of a value');
      return { path: [...target.path, step] };
    }
    case 'call':
      return call(expr, scope);
    case 'not':
      return !truthy(settle(evaluate(expr.operand, scope), scope));
    case 'and':
      return expr.operands.every((operand) => truthy(settle(evaluate(operand, scope), scope)));
    case 'or':
      return expr.operands.some((operand) => truthy(settle(evaluate(operand, scope), scope)));
    case 'compare':
      return compare(expr, scope);
    case 'dict':
      throw new NotMappable('a dict');
  }
}

export type CheckOutcome = 'passed' | 'passed-policy' | 'failed' | 'not-mappable';

export interface ExpectationResult {
  outcome: CheckOutcome;
  /** How many mapped conjuncts did not hold. */
  failed: number;
  /** How many of the `and`-ed conjuncts mapped onto our fields. */
  mapped: number;
}

/**
 * Evaluates each top-level `and` conjunct of an Expect line against our output; conjuncts that
 * name what we do not carry (`bozo`, `*_detail`, iTunes fields…) are left out. Passed means every
 * mapped conjunct held; a file none of whose conjuncts map is not-mappable.
 */
export function checkExpectation(source: string, result: NormalizedFeed): ExpectationResult {
  const tree = parsePythonExpr(source);
  const conjuncts = tree.type === 'and' ? tree.operands : [tree];
  let failed = 0;
  let mapped = 0;
  let policy = false;
  for (const conjunct of conjuncts) {
    const scope: Scope = { result, policy: false, touched: false };
    try {
      const passed = truthy(settle(evaluate(conjunct, scope), scope));
      if (!scope.touched) continue;
      mapped++;
      if (!passed) failed++;
      policy ||= scope.policy;
    } catch (error) {
      if (!(error instanceof NotMappable)) throw error;
    }
  }
  if (mapped === 0) return { outcome: 'not-mappable', failed, mapped };
  if (failed > 0) return { outcome: 'failed', failed, mapped };
  return { outcome: policy ? 'passed-policy' : 'passed', failed, mapped };
}
