// The question form: show only the fields the chosen kind uses, and only the show-if
// answers of the chosen earlier question. Without this script every field stays visible.
(function () {
  "use strict";
  const form = document.getElementById("question-form");
  if (!form) return;
  const kind = form.querySelector("[name=kind]");
  const showIfKey = form.querySelector("[name=show_if_key]");

  function toggleKinds() {
    // Fields for every kind have an empty data-kinds and are left alone.
    form.querySelectorAll(".question-field[data-kinds]:not([data-kinds=''])").forEach(
      function (wrapper) {
        wrapper.hidden = !wrapper.dataset.kinds.split(" ").includes(kind.value);
      },
    );
  }

  function toggleShowIf() {
    const chosen = showIfKey ? showIfKey.value : "";
    const valuesField = form.querySelector(".question-field[data-field=show_if_values]");
    if (!valuesField) return;
    valuesField.hidden = !chosen;
    valuesField.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      const mine = box.value.split("::")[0] === chosen;
      const item = box.closest(".form-check") || box.parentElement;
      item.hidden = !mine;
      if (!mine) box.checked = false;
    });
  }

  kind.addEventListener("change", toggleKinds);
  if (showIfKey) showIfKey.addEventListener("change", toggleShowIf);
  toggleKinds();
  toggleShowIf();
})();
