import type { Page } from "playwright-core";

/** What keyboard focus landed on after one press of Tab. */
export interface FocusStop {
  /** `id` of the element, or its tag and text when it has none. */
  readonly key: string;
  readonly tag: string;
  /** True when the browser draws the focus ring (`:focus-visible`). */
  readonly focusVisible: boolean;
  /** True when the ring has a visible outline or shadow. */
  readonly styled: boolean;
}

/**
 * Presses Tab until focus reaches an element matching `until` (or after
 * `max` presses) and returns every stop on the way, in order.
 */
export async function tabUntil(
  page: Page,
  until: (stop: FocusStop) => boolean,
  max = 80,
): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let press = 0; press < max; press += 1) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(describeFocus);
    stops.push(stop);
    if (until(stop)) break;
  }
  return stops;
}

function describeFocus(): FocusStop {
  const element = document.activeElement as HTMLElement | null;
  if (!element || element === document.body) {
    return { key: "body", tag: "body", focusVisible: false, styled: false };
  }
  const style = getComputedStyle(element);
  const text = (element.textContent ?? "").trim().slice(0, 40);
  return {
    key: element.id || `${element.tagName.toLowerCase()}:${text}`,
    tag: element.tagName.toLowerCase(),
    focusVisible: element.matches(":focus-visible"),
    styled:
      (style.outlineStyle !== "none" && style.outlineWidth !== "0px") ||
      style.boxShadow !== "none",
  };
}
