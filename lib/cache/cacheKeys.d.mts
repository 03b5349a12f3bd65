export function pagePathOf(key: string): string
