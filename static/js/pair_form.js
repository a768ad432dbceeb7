// The pair form offers only the role models of the chosen form of mentoring and shows the
// chosen role model's aim, tasks and expected results; without scripts every description stays
// in the closed list under the form.
(() => {
  const form = document.getElementById("id_form");
  const roleModel = document.getElementById("id_role_model");
  const descriptions = document.getElementById("role-models");
  if (!form || !roleModel) return;
  const filter = () => {
    for (const option of roleModel.options) {
      if (!option.value) continue;
      option.hidden = option.dataset.form !== form.value;
      if (option.hidden && option.selected) roleModel.value = "";
    }
    if (!descriptions) return;
    const chosen = roleModel.value;
    descriptions.hidden = !chosen;
    descriptions.open = Boolean(chosen);
    for (const section of descriptions.querySelectorAll("[data-form]")) {
      section.hidden = section.dataset.form !== form.value;
    }
    for (const block of descriptions.querySelectorAll("[data-role-model]")) {
      block.hidden = block.dataset.roleModel !== chosen;
    }
  };
  form.addEventListener("change", filter);
  roleModel.addEventListener("change", filter);
  filter();
})();
