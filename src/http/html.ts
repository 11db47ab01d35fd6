// Text made safe to place in HTML, as element content or a quoted attribute.
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
