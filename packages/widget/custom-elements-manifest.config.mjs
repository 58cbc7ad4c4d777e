// The Custom Elements Manifest (dist/custom-elements.json), generated at build time from the element's JSDoc
// (@fires, @csspart, @cssprop, @attr) and its reactive properties, so editors and frameworks know the element.
export default {
  globs: ['src/element/plugboard-connect.ts', 'src/define.ts'],
  outdir: 'dist',
  litelement: true,
};
