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
