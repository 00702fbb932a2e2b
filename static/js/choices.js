// A long list of checkboxes (core.widgets.CheckboxSearchSelect) gains a filter box and a line
// naming what is chosen. Without JavaScript the list still works: it scrolls.
(() => {
  const normal = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  const enhance = (box) => {
    const list = box.querySelector(".choice-search-list");
    const items = [...list.querySelectorAll("li[data-choice]")];
    const groups = [...list.querySelectorAll("li[data-choice-group]")];
    const inputs = items.map((item) => item.querySelector("input"));
    const words = items.map((item, i) => normal(`${item.textContent} ${inputs[i].value}`));

    const filterId = `${box.id || "choices"}-filter`;
    const label = document.createElement("label");
    label.htmlFor = filterId;
    label.className = "visually-hidden";
    label.textContent = box.dataset.filterLabel;
    const filter = document.createElement("input");
    filter.type = "search";
    filter.id = filterId;
    filter.className = "choice-search-filter";
    filter.placeholder = box.dataset.filterLabel;
    filter.autocomplete = "off";
    if (list.id) filter.setAttribute("aria-controls", list.id);
    const chosen = document.createElement("p");
    chosen.className = "choice-search-chosen";
    chosen.setAttribute("aria-live", "polite");
    const empty = document.createElement("p");
    empty.className = "muted";
    empty.textContent = box.dataset.noMatchLabel;
    empty.hidden = true;

    const showChosen = () => {
      const names = items.filter((_item, i) => inputs[i].checked).map((item) => item.textContent.trim());
      chosen.textContent = `${box.dataset.chosenLabel} ${names.length ? names.join(", ") : box.dataset.noneLabel}`;
    };
    filter.addEventListener("input", () => {
      const wanted = normal(filter.value.trim());
      let shown = 0;
      items.forEach((item, i) => {
        item.hidden = Boolean(wanted) && !words[i].includes(wanted);
        if (!item.hidden) shown += 1;
      });
      groups.forEach((group) => {
        group.hidden = !group.querySelector("li[data-choice]:not([hidden])");
      });
      empty.hidden = shown > 0;
    });
    // Enter in the filter box chooses the only match instead of sending the form.
    filter.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const visible = inputs.filter((_input, i) => !items[i].hidden);
      if (visible.length === 1) {
        visible[0].checked = true;
        showChosen();
        filter.select();
      }
    });
    list.addEventListener("change", showChosen);
    box.prepend(label, filter, chosen);
    box.append(empty);
    showChosen();
  };

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-choice-search]").forEach(enhance);
  });
})();
