// Suggest existing tags for the tag being typed (the text after the last comma);
// the browser's datalist shows them and picking one keeps the tags before it.
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-suggestions-url]")) {
    const list = document.getElementById(input.getAttribute("list"));
    let timer;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const cut = input.value.lastIndexOf(",");
        const before = cut >= 0 ? input.value.slice(0, cut + 1) + " " : "";
        const typed = input.value.slice(cut + 1).trim();
        if (!typed) return;
        const url = `${input.dataset.suggestionsUrl}?q=${encodeURIComponent(typed)}`;
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) return;
        const { tags } = await response.json();
        list.replaceChildren(
          ...tags.map((tag) => Object.assign(document.createElement("option"), { value: before + tag })),
        );
      }, 200);
    });
  }
});
