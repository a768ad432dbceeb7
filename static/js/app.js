// Behaviour every page may use, declared in the markup with data-* attributes: the
// Content-Security-Policy refuses inline scripts and on…= handlers.
(() => {
  // A select that sends its form as soon as a value is chosen (the language switch).
  document.addEventListener("change", event => {
    const select = event.target.closest("select[data-submit-on-change]");
    if (select) select.form.submit();
  });
  // A form that asks before it is sent.
  document.addEventListener("submit", event => {
    const form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  // Date fields (core.forms.DateInput) are typed as ДД.ММ.ГГГГ. Their calendar button opens the
  // browser's own picker on a hidden <input type=date> and writes the chosen day back as
  // ДД.ММ.ГГГГ; without showPicker() the button stays hidden and typing is all there is.
  if ("showPicker" in HTMLInputElement.prototype) {
    document.documentElement.classList.add("has-date-picker");
  }
  const isoDate = text => {
    const value = text.trim();
    const russian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
    if (russian) return `${russian[3]}-${russian[2].padStart(2, "0")}-${russian[1].padStart(2, "0")}`;
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "";
  };
  // Eight digits typed on a phone's keypad without a dot read as ДДММГГГГ: show the dots.
  document.addEventListener("change", event => {
    const field = event.target.closest("input[data-date-input]");
    const digits = field && /^\s*(\d{2})(\d{2})(\d{4})\s*$/.exec(field.value);
    if (digits) field.value = `${digits[1]}.${digits[2]}.${digits[3]}`;
  });
  document.addEventListener("click", event => {
    const button = event.target.closest("button[data-date-picker]");
    if (!button) return;
    const wrapper = button.closest(".date-field");
    const field = wrapper.querySelector("input[data-date-input]");
    let picker = wrapper.querySelector("input.date-field-picker");
    if (!picker) {
      picker = document.createElement("input");
      picker.type = "date";
      picker.className = "date-field-picker";
      picker.tabIndex = -1;
      picker.setAttribute("aria-hidden", "true");
      picker.addEventListener("change", () => {
        const [year, month, day] = picker.value.split("-");
        if (!day) return;
        field.value = `${day}.${month}.${year}`;
        field.dispatchEvent(new Event("input", {bubbles: true}));
        field.dispatchEvent(new Event("change", {bubbles: true}));
        field.focus();
      });
      wrapper.append(picker);
    }
    picker.value = isoDate(field.value);
    try {
      picker.showPicker();
    } catch {
      field.focus();
    }
  });
})();
