// Adds rows to the credits and rights formsets. Without it the pages offer a few empty rows.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    const prefix = button.dataset.formsetAdd;
    const template = document.querySelector(`[data-formset-template="${prefix}"]`);
    const rows = document.querySelector(`[data-formset="${prefix}"]`);
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    if (!template || !rows || !total) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const added = rows.lastElementChild;
      const first = added && added.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });
});
