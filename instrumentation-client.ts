// Runs in the browser before the app's own code (Next's client instrumentation hook). The page's
// Content-Security-Policy forbids eval, and zod would otherwise probe for it (`Function("")`) when
// its first object schema is built: refused and caught, but reported as a CSP violation each page.
// Without the probe zod uses its interpreter, which is what it falls back to anyway.
import { z } from "zod";

z.config({ jitless: true });
