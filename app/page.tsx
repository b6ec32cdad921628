export const dynamic = "force-dynamic";

export default function HomePage() {
  return <h1 className="text-2xl font-semibold">Projects</h1>;
}
