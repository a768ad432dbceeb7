// The pair form offers only the role models of the chosen form of mentoring.
(() => {
  const form = document.getElementById("id_form");
  const roleModel = document.getElementById("id_role_model");
  if (!form || !roleModel) return;
  const filter = () => {
    for (const option of roleModel.options) {
      if (!option.value) continue;
      option.hidden = option.dataset.form !== form.value;
      if (option.hidden && option.selected) roleModel.value = "";
    }
  };
  form.addEventListener("change", filter);
  filter();
})();
