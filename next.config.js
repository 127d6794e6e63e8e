/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers load WASM and native sockets at run time; bundling them breaks both.
  // The tokenizers are required lazily at run time (their vocabularies are large); keep them Node requires.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "gpt-tokenizer", "llama3-tokenizer-js"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
