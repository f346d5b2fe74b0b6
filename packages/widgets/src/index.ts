/**
 * @crmkit/widgets — Lit web components for crmkit: the lead form for site
 * visitors, the funnel board and the client card for sales staff. Classes
 * are exported without registering tags; call each `define…()` (or import
 * the self-registering bundles in `dist/`) to register them.
 *
 * @packageDocumentation
 */

// ── lead form (issue: lead capture) ──

// ── funnel board (issue: sales workspace) ──

// ── client card (issue: sales workspace) ──

// ── shared ──
