import type { Ctx } from "../context.js";

export interface SubNavItem {
  href: string;
  label: string;
  current: boolean;
}

/** A breadcrumb back to the parent list, then the sections of one administered thing. */
export function SubNav(p: { c: Ctx; back: { href: string; label: string }; label: string; items: SubNavItem[] }) {
  return (
    <>
      <p class="breadcrumb">
        <a href={p.back.href}>{p.back.label}</a>
      </p>
      <nav class="sub-nav" aria-label={p.label}>
        <ul>
          {p.items.map((i) => (
            <li>
              <a href={i.href} aria-current={i.current ? "page" : undefined}>
                {i.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
