// Text made safe to place in HTML, as element content or a quoted attribute;
// and what a route serving an HTML document answers, as the contract says it.
import { z } from "zod";
import { problemResponses } from "./problem.js";

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The responses of a route serving one record's HTML document: the document, or a problem. */
export const htmlDocumentResponses = {
  200: z.string().describe("An HTML document."),
  ...problemResponses({ notFound: true }),
};
