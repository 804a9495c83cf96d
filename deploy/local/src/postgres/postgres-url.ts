/** A Postgres URL from its parts, user and password encoded. */
export function postgresUrl(parts: {
  user: string;
  password?: string;
  host: string;
  port: number;
  database: string;
}): string {
  const auth =
    parts.password === undefined
      ? encodeURIComponent(parts.user)
      : `${encodeURIComponent(parts.user)}:${encodeURIComponent(parts.password)}`;
  return `postgres://${auth}@${parts.host}:${parts.port}/${encodeURIComponent(parts.database)}`;
}

/** The URL with its password removed, safe to print; unchanged when it cannot be parsed. */
export function redactPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1@');
  }
}
