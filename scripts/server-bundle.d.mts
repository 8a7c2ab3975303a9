/** See server-bundle.mjs. */
export function bundleServer(options: { entry: string; outfile: string; sourcemap?: boolean }): Promise<void>;
