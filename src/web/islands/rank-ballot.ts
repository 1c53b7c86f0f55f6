/**
 * Island of the ballot page: turns the ranking form (one rank select per theme, move buttons that
 * post the form back) into a list reordered by drag (pointer events) and by keyboard, without
 * changing what the form sends: the hidden selects and the `order` field are kept in step, so the
 * same POST casts the ballot. Every move is announced in the page's aria-live region, in the
 * page's language: the messages come from data- attributes written by the server.
 *
 * Keyboard, on a focused theme: Space or Enter picks it up, the arrow keys move it, Space or Enter
 * drops it, Escape puts it back; Alt+Arrow moves it at once. The move buttons move it in place.
 */

type Template = "picked" | "moved" | "dropped" | "cancelled" | "item";

interface Held {
  item: HTMLLIElement;
  from: number;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function enhance(form: HTMLFormElement): void {
  const list = form.querySelector<HTMLOListElement>("ol.rank-list");
  const live = form.querySelector<HTMLElement>("[data-rank-live]");
  const orderField = form.querySelector<HTMLInputElement>('input[name="order"]');
  if (!list || !live || !orderField) return;
  const messages = (name: Template) => form.dataset[`msg${name[0]!.toUpperCase()}${name.slice(1)}`] ?? "";
  const items = () => Array.from(list.querySelectorAll<HTMLLIElement>(":scope > li.rank-item"));
  const titleOf = (item: HTMLLIElement) => item.dataset.title ?? item.dataset.key ?? "";
  const selectOf = (item: HTMLLIElement) => item.querySelector<HTMLSelectElement>("select");

  let held: Held | null = null;

  const announce = (template: Template, item: HTMLLIElement) => {
    const all = items();
    // A new text node each time, so that the same sentence twice is read twice.
    live.textContent = "";
    live.textContent = fill(messages(template), {
      title: titleOf(item),
      position: all.indexOf(item) + 1,
      total: all.length,
    });
  };

  /** Writes the order shown into the selects, the hidden field, the badges and the buttons. */
  const sync = () => {
    const all = items();
    all.forEach((item, index) => {
      const select = selectOf(item);
      if (select) select.value = String(index + 1);
      const badge = item.querySelector<HTMLElement>(".rank-badge");
      if (badge) badge.textContent = String(index + 1);
      item.setAttribute(
        "aria-label",
        fill(messages("item"), { title: titleOf(item), position: index + 1, total: all.length }),
      );
      const up = item.querySelector<HTMLButtonElement>('button[value^="up:"]');
      const down = item.querySelector<HTMLButtonElement>('button[value^="down:"]');
      const active = document.activeElement;
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === all.length - 1;
      // A button that just became disabled loses focus: hand it to its sibling.
      if (active === up && up?.disabled && down) down.focus();
      if (active === down && down?.disabled && up) up.focus();
    });
    orderField.value = all.map((item) => item.dataset.key ?? "").join(",");
  };

  /**
   * Moves a theme to a place by moving its neighbours around it: the theme itself never leaves
   * the page, so it (or its button) keeps the keyboard focus.
   */
  const moveTo = (item: HTMLLIElement, index: number) => {
    const last = items().length - 1;
    const target = Math.max(0, Math.min(index, last));
    for (let current = items().indexOf(item); current !== target; current = items().indexOf(item)) {
      if (current > target) {
        const previous = item.previousElementSibling;
        if (previous) item.after(previous);
      } else {
        const next = item.nextElementSibling;
        if (next) item.before(next);
      }
    }
    sync();
  };

  const moveBy = (item: HTMLLIElement, delta: number) => {
    const index = items().indexOf(item);
    const next = Math.max(0, Math.min(index + delta, items().length - 1));
    if (next === index) return false;
    moveTo(item, next);
    return true;
  };

  const pickUp = (item: HTMLLIElement) => {
    held = { item, from: items().indexOf(item) };
    item.classList.add("is-held");
    announce("picked", item);
  };

  const drop = (cancel: boolean) => {
    if (!held) return;
    const { item, from } = held;
    held = null;
    if (cancel) moveTo(item, from);
    item.classList.remove("is-held");
    announce(cancel ? "cancelled" : "dropped", item);
    item.focus();
  };

  // Start from the ranks chosen when they are complete, else from the order shown.
  const chosen = items().map((item) => Number(selectOf(item)?.value ?? ""));
  const complete = chosen.every((rank) => rank >= 1 && rank <= chosen.length) && new Set(chosen).size === chosen.length;
  if (complete) {
    const sorted = items().sort((a, b) => Number(selectOf(a)!.value) - Number(selectOf(b)!.value));
    for (const item of sorted) list.appendChild(item);
  }

  for (const item of items()) {
    item.tabIndex = 0;
    const help = form.querySelector<HTMLElement>("[data-rank-help]");
    if (help) item.setAttribute("aria-describedby", help.id);
    const handle = document.createElement("span");
    handle.className = "drag-handle";
    handle.setAttribute("aria-hidden", "true");
    const badge = document.createElement("span");
    badge.className = "rank-badge";
    badge.setAttribute("aria-hidden", "true");
    item.prepend(handle, badge);
  }
  form.querySelector<HTMLElement>("[data-rank-help]")?.removeAttribute("hidden");
  form.classList.add("js-enhanced");
  sync();

  // The move buttons move in place instead of posting the form back.
  list.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[name='move']");
    if (!button) return;
    event.preventDefault();
    const item = button.closest<HTMLLIElement>("li.rank-item");
    if (!item) return;
    if (moveBy(item, button.value.startsWith("up:") ? -1 : 1)) announce("moved", item);
  });

  list.addEventListener("keydown", (event) => {
    const item = event.target as HTMLElement;
    if (!(item instanceof HTMLLIElement) || !item.classList.contains("rank-item")) return;
    const key = event.key;
    if (key === " " || key === "Enter" || key === "Spacebar") {
      event.preventDefault();
      if (held?.item === item) drop(false);
      else {
        if (held) drop(false);
        pickUp(item);
      }
      return;
    }
    if (key === "Escape" && held) {
      event.preventDefault();
      drop(true);
      return;
    }
    if (key === "ArrowUp" || key === "ArrowDown" || key === "Up" || key === "Down") {
      const delta = key === "ArrowUp" || key === "Up" ? -1 : 1;
      if (held?.item === item || event.altKey) {
        event.preventDefault();
        if (moveBy(item, delta)) announce("moved", item);
        item.focus();
      }
    }
  });

  list.addEventListener("focusout", (event) => {
    // Leaving the held theme drops it where it is.
    if (held && event.target === held.item && !held.item.contains(event.relatedTarget as Node | null)) drop(false);
  });

  // Drag with a mouse, a pen or a finger, from the handle or the theme's text.
  let dragging: { item: HTMLLIElement; pointerId: number; from: number } | null = null;
  list.addEventListener("pointerdown", (event) => {
    const target = event.target as Element;
    if (target.closest("button, select, a, input, label")) return;
    if (event.pointerType === "mouse" && event.button !== 0) return;
    const item = target.closest<HTMLLIElement>("li.rank-item");
    if (!item) return;
    // On touch screens only the handle drags, so that the page still scrolls.
    if (event.pointerType !== "mouse" && !target.closest(".drag-handle")) return;
    event.preventDefault();
    dragging = { item, pointerId: event.pointerId, from: items().indexOf(item) };
    item.setPointerCapture(event.pointerId);
    item.classList.add("is-dragging");
    item.focus();
  });
  list.addEventListener("pointermove", (event) => {
    if (!dragging || event.pointerId !== dragging.pointerId) return;
    const { item } = dragging;
    for (const other of items()) {
      if (other === item) continue;
      const box = other.getBoundingClientRect();
      if (event.clientY > box.top && event.clientY < box.bottom) {
        const index = items().indexOf(other);
        const mine = items().indexOf(item);
        const passedMiddle =
          mine < index ? event.clientY > box.top + box.height / 2 : event.clientY < box.top + box.height / 2;
        if (passedMiddle) moveTo(item, index);
        break;
      }
    }
  });
  const endDrag = (event: PointerEvent) => {
    if (!dragging || event.pointerId !== dragging.pointerId) return;
    const { item, from } = dragging;
    dragging = null;
    item.classList.remove("is-dragging");
    if (item.hasPointerCapture(event.pointerId)) item.releasePointerCapture(event.pointerId);
    if (event.type === "pointercancel") {
      moveTo(item, from);
      announce("cancelled", item);
    } else if (items().indexOf(item) !== from) {
      announce("dropped", item);
    }
  };
  list.addEventListener("pointerup", endDrag);
  list.addEventListener("pointercancel", endDrag);

  // One ballot per click: a second submit while the first is on its way is ignored.
  let sent = false;
  form.addEventListener("submit", (event) => {
    if (sent) {
      event.preventDefault();
      return;
    }
    sync();
    sent = true;
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter) submitter.setAttribute("aria-disabled", "true");
  });
}

function start(): void {
  document.querySelectorAll<HTMLFormElement>("form.rank-ballot").forEach(enhance);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
