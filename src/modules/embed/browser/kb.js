// <kb-implication id="...">, <kb-actor>, <kb-event>, <kb-claim>: knowledge-base
// cards without an iframe. Served at /embed/kb.js; reads the card's content
// (/embed/{kind}/{id}/content) from the server this script came from, and renders it in a shadow root
// with the same styles as the iframe cards. Text is only ever set as text.
(() => {
  const origin = new URL(document.currentScript?.src ?? location.href).origin;
  const css = "__CARD_CSS__";
  const kinds = { "kb-implication": "implications", "kb-actor": "actors", "kb-event": "events", "kb-claim": "claims" };

  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  };

  class KbCard extends HTMLElement {
    static observedAttributes = ["id", "theme"];

    connectedCallback() {
      this.render();
    }

    attributeChangedCallback() {
      if (this.isConnected) this.render();
    }

    async render() {
      const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      const id = this.getAttribute("id");
      const kind = kinds[this.localName];
      const frame = el("div", { "data-theme": this.getAttribute("theme") ?? "auto", class: "frame" });
      // The card's page-level rules (:root, body) apply to the frame inside the shadow root.
      const scoped = css.replaceAll(":root", ".frame").replaceAll("body{", ".frame{");
      root.replaceChildren(el("style", {}, scoped), frame);
      if (!id) return;
      try {
        const response = await fetch(`${origin}/embed/${kind}/${encodeURIComponent(id)}/content`);
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        const card = await response.json();
        const article = el(
          "article",
          { class: "card", "aria-label": card.title },
          el("p", { class: "label" }, card.label),
          el("h1", {}, card.title),
        );
        if (card.summary) article.append(el("p", { class: "summary" }, card.summary));
        if (card.actors.length > 0) {
          const list = el("ul");
          for (const actor of card.actors) {
            const item = el("li", {}, el("a", { href: `${origin}/actors/${actor.id}`, target: "_top" }, actor.name));
            if (actor.role) item.append(" ", el("span", {}, `(${actor.role})`));
            list.append(item);
          }
          article.append(el("section", { "aria-label": "Actors" }, el("h2", {}, "Actors"), list));
        }
        article.append(el("p", { class: "sources" }, card.sources));
        if (card.disagreements.length > 0) {
          const list = el("ul", { class: "disagreements" });
          for (const line of card.disagreements) list.append(el("li", {}, line));
          article.append(el("section", { "aria-label": "Sources disagree" }, el("h2", {}, "Sources disagree"), list));
        }
        const quotes = el("section", { "aria-label": "In the source's words" }, el("h2", {}, "In the source's words"));
        for (const q of card.quotes) {
          quotes.append(
            el(
              "figure",
              {},
              el("blockquote", { cite: `${origin}/v1/sources/${q.source.id}` }, el("p", {}, q.quote)),
              el("figcaption", {}, "— ", el("cite", {}, q.source.title)),
            ),
          );
        }
        const link = el(
          "a",
          { href: `${origin}/v1/${kind}/${id}`, target: "_blank", rel: "noopener noreferrer" },
          "The data behind this card",
        );
        const page = el("a", { href: `${origin}/${kind}/${id}`, target: "_top" }, "Read more in the knowledge base");
        article.append(quotes, el("footer", {}, page, " · ", link));
        frame.append(article);
      } catch (error) {
        frame.append(el("p", { role: "alert" }, `Could not load ${kind} "${id}": ${error.message}`));
      }
    }
  }

  for (const name of Object.keys(kinds)) {
    if (!customElements.get(name)) customElements.define(name, class extends KbCard {});
  }
})();
