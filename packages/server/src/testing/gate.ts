/**
 * Test support: a promise and the function that settles it, to hold a
 * transaction open (or let it go) at the moment a test chooses.
 */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}
