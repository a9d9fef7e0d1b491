// Rate an article without leaving the page; the form still works without JavaScript.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("[data-rating-form]");
  if (!form) return;
  event.preventDefault();
  const summary = form.closest(".rating").querySelector(".rating-summary");
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const data = await response.json();
    summary.textContent = data.summary || data.error;
  } catch {
    form.submit();
  }
});

// Titles suggested as the reader types in the search box (accents optional),
// offered through the box's own <datalist>; without JavaScript the box simply searches.
const searchBox = document.querySelector("[data-suggest-url]");
if (searchBox) {
  const list = document.getElementById(searchBox.getAttribute("list"));
  let timer;
  let asked = "";
  searchBox.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const typed = searchBox.value.trim();
      if (typed.length < 2 || typed === asked) return;
      asked = typed;
      try {
        const url = `${searchBox.dataset.suggestUrl}?q=${encodeURIComponent(typed)}`;
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const { suggestions } = await response.json();
        list.replaceChildren(
          ...suggestions.map(({ title }) => {
            const option = document.createElement("option");
            option.value = title;
            return option;
          }),
        );
      } catch {
        // No suggestions this time; searching still works.
      }
    }, 150);
  });
}

// The phone menu: the link opens the sections by their #anchor without JavaScript;
// with it, the link toggles them in place and says whether they are open.
const menuButton = document.querySelector(".menu-button");
const menu = menuButton && document.getElementById(menuButton.getAttribute("aria-controls"));
if (menu) {
  menuButton.setAttribute("role", "button");
  menuButton.setAttribute("aria-expanded", "false");
  menuButton.addEventListener("click", (event) => {
    event.preventDefault();
    const open = menu.classList.toggle("is-open");
    menuButton.setAttribute("aria-expanded", String(open));
  });
}

// Sharing: copy the article's address, or hand it to the phone's share sheet (Zalo, Messenger…).
const share = document.querySelector("[data-share-url]");
if (share) {
  const { shareUrl: url, shareTitle: title } = share.dataset;
  const status = share.querySelector(".share-status");
  const copy = share.querySelector("[data-share-copy]");
  const native = share.querySelector("[data-share-native]");
  if (navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url);
        status.textContent = copy.dataset.done;
      } catch {
        status.textContent = url;
      }
    });
  }
  if (navigator.share) {
    native.hidden = false;
    native.addEventListener("click", () => navigator.share({ url, title }).catch(() => {}));
  }
}
