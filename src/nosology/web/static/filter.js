// Filters a long list as the reader types: <input data-filter="ID"> hides the items of the list
// #ID whose text does not contain what was typed (dots ignored, so "a419" finds A41.9).
"use strict";
document.addEventListener("input", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.filter) return;
  const list = document.getElementById(input.dataset.filter);
  if (!list) return;
  const wanted = input.value.trim().toUpperCase().replace(/\./g, "");
  for (const item of list.children) {
    item.hidden = wanted !== "" && !item.textContent.toUpperCase().replace(/\./g, "").includes(wanted);
  }
});
