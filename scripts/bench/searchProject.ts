// The project code the search benches use, bundled by loadBundle.ts (Node's type stripping cannot
// follow our `.js` import specifiers).
export { ContentWriter, PACK_ORIGIN } from '../../content-cache/contentWriter.js';
export { openReader, openWriter } from '../../content-cache/db/open.js';
export { itemColumns } from '../../content-cache/kinds/itemRows.js';
export { foldText } from '../../content-cache/search/fold.js';
export { indexPending } from '../../content-cache/search/indexer.js';
export { titlePinyin } from '../../content-cache/search/pinyin.js';
export { Searcher } from '../../content-cache/search/searcher.js';
export { searchCorpus } from './searchCorpus.js';
