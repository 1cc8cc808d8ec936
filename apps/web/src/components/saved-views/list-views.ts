import type { SavedViewList } from './saved-views.queries';

/** What a list page tells its ListPanel for the "Views" menu and the column chooser. */
export interface ListViews {
  list: SavedViewList;
  filterKeys: readonly string[];
  /** The columns a user may hide, in order (none: no column chooser). */
  columns?: ReadonlyArray<{ key: string; label: string }>;
}
