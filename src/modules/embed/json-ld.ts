// Records as JSON-LD, for search engines and knowledge graphs: schema.org for
// what a record is (Claim with its appearances, Event, Person, Organization,
// Country with sameAs to Wikidata, the source as an article) and PROV-O for
// where it comes from (wasDerivedFrom, wasQuotedFrom, wasAttributedTo, and
// one qualified Derivation per document that states it: with
// `include=attestations`, what that document states, as JSON).
import type { Actor } from "../actors/schemas.js";
import type { Claim } from "../claims/schemas.js";
import type { Event } from "../events/schemas.js";
import type { Implication } from "../implications/schemas.js";
import type { Source } from "../sources/schemas.js";

export const jsonLdContext = {
  "@vocab": "https://schema.org/",
  prov: "http://www.w3.org/ns/prov#",
  wasDerivedFrom: { "@id": "prov:wasDerivedFrom", "@type": "@id" },
  wasQuotedFrom: { "@id": "prov:wasQuotedFrom", "@type": "@id" },
  wasAttributedTo: { "@id": "prov:wasAttributedTo", "@type": "@id" },
  qualifiedDerivation: { "@id": "prov:qualifiedDerivation" },
  Derivation: "prov:Derivation",
  entity: { "@id": "prov:entity", "@type": "@id" },
  statement: { "@id": "prov:value", "@type": "@json" },
  sameAs: { "@type": "@id" },
  url: { "@type": "@id" },
} as const;

export type JsonLdRecord =
  | { type: "actors"; record: Actor }
  | { type: "events"; record: Event }
  | { type: "claims"; record: Claim }
  | { type: "implications"; record: Implication }
  | { type: "sources"; record: Source };

type Evidence = Claim["evidence"];
type Attestations = Claim["attestations"];

export function toJsonLd(item: JsonLdRecord, baseUrl: string): Record<string, unknown> {
  const iri = (type: string, id: string) => `${baseUrl}/v1/${type}/${id}`;
  const ref = (type: string) => (r: { id: string; name?: string }) => ({ "@id": iri(type, r.id), name: r.name });
  /** The quotes as schema.org Quotations inside their source, and PROV's view of the same. */
  const provenance = (evidence: Evidence, attestations?: Attestations) => {
    const sources = [...new Set(evidence.map((e) => iri("sources", e.source.id)))];
    const quotations = evidence.map((e) => ({
      "@type": "Quotation",
      text: e.quote,
      isPartOf: { "@id": iri("sources", e.source.id), name: e.source.title },
    }));
    // Each document's statement of the record, or (not asked for) each document its evidence is quoted from.
    const derivations = attestations
      ? attestations.map((a) => ({ "@type": "Derivation", entity: iri("sources", a.source.id), statement: a.fields }))
      : sources.map((source) => ({ "@type": "Derivation", entity: source }));
    return {
      quotations,
      prov: { wasDerivedFrom: sources, wasQuotedFrom: sources, qualifiedDerivation: derivations },
    };
  };
  const base = (type: string, id: string) => ({ "@context": jsonLdContext, "@id": iri(type, id), url: iri(type, id) });

  switch (item.type) {
    case "claims": {
      const c = item.record;
      const { quotations, prov } = provenance(c.evidence, c.attestations);
      return {
        ...base("claims", c.id),
        "@type": "Claim",
        text: c.text,
        genre: c.kind,
        about: c.about.map(ref("actors")),
        ...(c.speaker ? { author: ref("actors")(c.speaker), wasAttributedTo: iri("actors", c.speaker.id) } : {}),
        appearance: quotations,
        ...prov,
      };
    }
    case "implications": {
      const m = item.record;
      const { quotations, prov } = provenance(m.evidence, m.attestations);
      return {
        ...base("implications", m.id),
        "@type": "Claim",
        name: m.title,
        text: m.summary,
        genre: m.kind,
        about: m.actors.map((a) => ref("actors")(a.actor)),
        isBasedOn: m.claims.map(ref("claims")),
        appearance: quotations,
        ...prov,
      };
    }
    case "events": {
      const e = item.record;
      const { quotations, prov } = provenance(e.evidence, e.attestations);
      return {
        ...base("events", e.id),
        "@type": "Event",
        name: e.title,
        description: e.summary,
        startDate: e.date,
        ...(e.endDate ? { endDate: e.endDate } : {}),
        ...(e.location ? { location: { "@type": "Place", name: e.location } } : {}),
        attendee: e.participants.map((p) => ref("actors")(p.actor)),
        subjectOf: quotations,
        ...prov,
      };
    }
    case "actors": {
      const a = item.record;
      const { quotations, prov } = provenance(a.evidence, a.attestations);
      const type = a.kind === "person" ? "Person" : a.kind === "country" ? "Country" : "Organization";
      return {
        ...base("actors", a.id),
        "@type": type,
        name: a.name,
        alternateName: a.aliases,
        description: a.description,
        ...(a.wikidataId ? { sameAs: [`https://www.wikidata.org/wiki/${a.wikidataId}`] } : {}),
        ...(a.actsFor ? { [type === "Person" ? "affiliation" : "memberOf"]: ref("actors")(a.actsFor) } : {}),
        ...(a.role && type === "Person" ? { jobTitle: a.role } : {}),
        subjectOf: quotations,
        ...prov,
      };
    }
    case "sources": {
      const s = item.record;
      return {
        ...base("sources", s.id),
        "@type": s.kind === "analysis" ? "AnalysisNewsArticle" : s.kind === "news" ? "NewsArticle" : "CreativeWork",
        name: s.title,
        ...(s.description ? { description: s.description } : {}),
        ...(s.url ? { sameAs: [s.url] } : {}),
        ...(s.publisher ? { publisher: { "@type": "Organization", name: s.publisher } } : {}),
      };
    }
  }
}
