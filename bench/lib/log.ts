// Progress output of the bench (stderr, so stdout stays clean for the summary).
export type Log = { info(message: string): void; debug(message: string): void };

export function createLog(verbose: boolean): Log {
  const stamp = () => new Date().toISOString().slice(11, 19);
  return {
    info: (message) => process.stderr.write(`[bench ${stamp()}] ${message}\n`),
    debug: (message) => void (verbose && process.stderr.write(`[bench ${stamp()}] ${message}\n`)),
  };
}
