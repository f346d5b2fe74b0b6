/**
 * Adds a stylesheet to the host page the way a strict-CSP page can (a constructed sheet, not an inline `<style>`,
 * which `style-src 'self'` refuses) and returns a function that takes it away again.
 */
export function addPageStyle(css: string): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
