/** The flags this machine needs: no GPU, no background calls to Google that the closed network refuses. */
export function chromiumLaunchArgs(): string[] {
  return [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}
