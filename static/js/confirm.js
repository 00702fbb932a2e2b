// Destructive actions ask first. Without JavaScript their buttons open a confirmation page
// (core.pages.confirm_page); here the same question opens in a dialog on the page, and its
// button posts the action with the confirmation. Built with DOM calls only (the CSP allows no
// inline script or style).
(() => {
  const field = (form, name, value) => {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  };

  const ask = (trigger) => {
    const dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    const heading = document.createElement("h2");
    heading.id = `confirm-dialog-${Date.now()}`;
    heading.textContent = trigger.dataset.confirmTitle;
    dialog.setAttribute("aria-labelledby", heading.id);
    const consequence = document.createElement("p");
    consequence.className = "notice notice-danger confirm-consequence";
    consequence.textContent = trigger.dataset.confirm;
    const form = document.createElement("form");
    form.method = "post";
    form.action = trigger.action;
    field(form, "csrfmiddlewaretoken", trigger.dataset.csrf);
    new FormData(trigger).forEach((value, name) => field(form, name, value));
    field(form, "confirmed", "1");
    if (trigger.dataset.noteLabel) {
      const note = document.createElement("div");
      note.className = "field";
      const label = document.createElement("label");
      label.htmlFor = `${heading.id}-note`;
      label.textContent = trigger.dataset.noteLabel;
      const text = document.createElement("textarea");
      text.id = label.htmlFor;
      text.name = "note";
      text.rows = 3;
      text.required = true;
      note.append(label, text);
      form.append(note);
    }
    const actions = document.createElement("div");
    actions.className = "actions";
    const confirm = document.createElement("button");
    confirm.type = "submit";
    const original = trigger.querySelector("button[type=submit]");
    confirm.className = original ? original.className : "button button-danger";
    confirm.textContent = trigger.dataset.confirmTitle;
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button-secondary";
    cancel.textContent = trigger.dataset.confirmCancel;
    cancel.addEventListener("click", () => dialog.close());
    actions.append(confirm, cancel);
    form.append(actions);
    dialog.append(heading, consequence, form);
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    (form.querySelector("textarea") || cancel).focus();
  };

  document.addEventListener("submit", (event) => {
    const trigger = event.target;
    if (!(trigger instanceof HTMLFormElement) || !("confirm" in trigger.dataset)) return;
    if (typeof HTMLDialogElement === "undefined") return; // the confirmation page asks instead
    event.preventDefault();
    ask(trigger);
  });
})();
