// Preloaded with `node -r` by test/bin/root-guard.test.ts: makes the CLI's first write to stdout throw a
// plain Error, an internal error (not a UserError) raised from inside the bundled CLI.
process.stdout.write = () => {
  throw new Error('forced internal error');
};
