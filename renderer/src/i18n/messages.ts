import type { zhCN } from './zh-CN.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Every language must provide exactly the keys of the default one; the compiler points at gaps. */
export type Messages = Shape<typeof zhCN>;
