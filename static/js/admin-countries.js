// Country fields become a searchable list of Vietnamese names: Django admin's own
// Select2, whose matcher ignores accents and đ, so "bela" finds "Bêlarut".
"use strict";
window.addEventListener("load", () => {
  const $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.select2) return;
  $("select.country-autocomplete").each(function () {
    $(this).select2({ language: "vi", width: "100%", theme: "admin-autocomplete", allowClear: !this.multiple && !this.required, placeholder: "" });
  });
});
