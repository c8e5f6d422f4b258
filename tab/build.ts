/**
 * Builds the browser bundles the server serves (nothing is loaded from a CDN):
 * the dev playground now; the leader tab joins later.
 */
async function main(): Promise<void> {
  // Filled by the playground build.
}

main().catch((err) => {
  process.stderr.write(`build failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
