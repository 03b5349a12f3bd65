/** Which project and dataset a query runs in: what `sanity::projectId()` and `sanity::dataset()` answer. */
export type QueryContext = { projectId: string; dataset: string }
