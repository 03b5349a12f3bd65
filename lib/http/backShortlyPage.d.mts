export const RETRY_AFTER_SECONDS: number
export const BACK_SHORTLY_HTML: string
export const BACK_SHORTLY_STYLES: string[]
export function backShortlyHeaders(): Record<'retry-after' | 'content-security-policy', string>
