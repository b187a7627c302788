import { type ReactNode, useEffect, useRef } from "react";

/** Props of `PageTitle`. */
export interface PageTitleProps {
  readonly children: ReactNode;
  /** Links back up, shown above the title; default none. */
  readonly crumbs?: readonly {
    readonly href: string;
    readonly label: string;
  }[];
}

/**
 * The page's `h1`. It takes focus when the page opens, so keyboard and
 * screen-reader users start at the new page instead of the old link.
 */
export function PageTitle({ children, crumbs = [] }: PageTitleProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title =
      typeof children === "string"
        ? `${children} · Coupa Extractor`
        : "Coupa Extractor";
  }, [children]);
  return (
    <>
      {crumbs.length > 0 && (
        <nav aria-label="Breadcrumb" className="crumbs">
          <ol>
            {crumbs.map((crumb) => (
              <li key={crumb.href}>
                <a href={crumb.href}>{crumb.label}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <h1 ref={heading} tabIndex={-1}>
        {children}
      </h1>
    </>
  );
}
