export function inlineHashes(html: string): { scripts: string[]; styles: string[] }
