import type { Metadata } from "next";
import { pagePrincipal } from "@/server/auth/page-auth.ts";
import { MainNavigation } from "@/components/auth/main-navigation.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "kdeploy", template: "%s · kdeploy" },
  description: "Kubernetes deployments that tell the truth about the result",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
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
          <MainNavigation principal={await pagePrincipal()} />
        </header>
        <main id="main" className="mx-auto max-w-6xl px-6 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
