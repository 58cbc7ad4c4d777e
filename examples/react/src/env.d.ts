interface ImportMetaEnv {
  readonly VITE_PLUGBOARD_URL?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
