export function lakePingAt(apiUrl: string): void
export function noteLakeReach(reachable: boolean): void
export function lakeReachable(): Promise<boolean>
export function lakeKnownDown(): boolean
