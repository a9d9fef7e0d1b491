// Fill the slug from a Vietnamese title as the server would (accents and đ folded)
// until the editor types a slug of their own. Django's own prepopulate drops
// Vietnamese letters ("Hợp tác" became "hp-tac").
document.addEventListener("DOMContentLoaded", () => {
  const slug = document.getElementById("id_slug");
  const source = document.getElementById("id_title") || document.getElementById("id_name");
  if (!slug || !source || slug.value) return;
  const slugify = (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  let typedByHand = false;
  slug.addEventListener("input", () => {
    typedByHand = true;
  });
  source.addEventListener("input", () => {
    if (!typedByHand) slug.value = slugify(source.value).slice(0, slug.maxLength > 0 ? slug.maxLength : 200);
  });
});
