// Which main-navigation entry holds the page being shown: its own path or any page below it
// ("/deployments/abc" is under Deployments); Projects also holds the start page, which lists them.
export function isCurrentSection(href: string, pathname: string | null): boolean {
  if (!pathname) return false;
  if (href === "/") return pathname === "/" || pathname === "/projects" || pathname.startsWith("/projects/");
  return pathname === href || pathname.startsWith(`${href}/`);
}
