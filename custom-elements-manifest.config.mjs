// Custom elements manifest analyzer settings (used by scripts/cem.mjs).
// The manifest's path is declared in packages/widgets/package.json; the
// analyzer must not write it into the root package.json on every build.
export default {
  packagejson: false,
};
