// Which representation of a record a request asks for: the API's JSON, or
// JSON-LD (`Accept` naming application/ld+json). One rule for the linked-data
// plugin that answers it and the response cache that keys on it.
export const wantsJsonLd = (accept: string | undefined) =>
  accept?.toLowerCase().includes("application/ld+json") === true;
