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
})();
