// The «add a row» button of a formset: copies the empty row from its <template> with the next
// form index, numbers it after the others and puts the cursor in its first text box.
(() => {
  document.querySelectorAll("[data-formset-add]").forEach(button => {
    const prefix = button.dataset.formsetAdd;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const template = document.getElementById(button.dataset.formsetTemplate);
    const rows = document.getElementById(button.dataset.formsetRows);
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const numbers = [...rows.querySelectorAll('[name$="-ORDER"]')].map(input => Number(input.value) || 0);
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, index));
      total.value = index + 1;
      const number = document.getElementById(`id_${prefix}-${index}-ORDER`);
      if (number) number.value = Math.max(0, ...numbers) + 1;
      rows.lastElementChild.querySelector("textarea")?.focus();
    });
  });
})();
