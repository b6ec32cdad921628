import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "kdeploy", template: "%s · kdeploy" },
  description: "Kubernetes deployments that tell the truth about the result",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
              kdeploy
            </Link>
            <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
              Projects
            </Link>
            <Link href="/deployments" className="text-sm text-slate-600 hover:text-slate-900">
              Deployments
            </Link>
            <Link href="/environments" className="text-sm text-slate-600 hover:text-slate-900">
              Environments
            </Link>
            <Link href="/audit" className="text-sm text-slate-600 hover:text-slate-900">
              Audit
            </Link>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-6 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
