// API keys belong in the Authorization header: a URL is written to access logs,
// browser history and proxies. A request that carries one in its query string
// is refused, and every URL this service logs has such values redacted.

/** Query parameters that conventionally carry credentials. */
const credentialNames = new Set(["api_key", "apikey", "api-key", "access_token", "token", "key", "secret"]);
/** An API key of ours, wherever in the URL it is. */
const tokenShape = /kb_[a-z0-9]{16}(\.|%2e)/i;

/** Whether a request URL carries a credential in its query string. */
export function hasCredentialInUrl(url: string): boolean {
  const query = url.indexOf("?");
  if (query === -1) return false;
  return tokenShape.test(url) || queryNames(url.slice(query + 1)).some((name) => credentialNames.has(name));
}

/** The URL with the value of every credential-carrying parameter (and any API key) replaced. */
export function redactUrl(url: string): string {
  const query = url.indexOf("?");
  if (query === -1) return url;
  const pairs = url
    .slice(query + 1)
    .split("&")
    .map((pair) => {
      const [name = "", ...value] = pair.split("=");
      const secret = credentialNames.has(decodedName(name)) || tokenShape.test(value.join("="));
      return secret ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${pairs.join("&")}`;
}

function queryNames(query: string): string[] {
  return query.split("&").map((pair) => decodedName(pair.split("=")[0] ?? ""));
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll("+", " ")).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}
