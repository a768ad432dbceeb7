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
    for (const group of roleModel.querySelectorAll("optgroup")) {
      group.hidden = [...group.children].every(option => option.hidden);
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

// The last day of the programme, as the server computes it: the start plus the chosen months,
// kept within the month (31.01 + 1 → 28.02), minus one day.
(() => {
  const start = document.getElementById("id_start_date");
  const months = document.getElementById("id_months");
  const summer = document.getElementById("id_end_in_summer");
  const note = document.getElementById("pair-end");
  if (!start || !months || !note) return;
  const two = number => String(number).padStart(2, "0");
  const show = () => {
    const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(start.value.trim());
    const count = Number(months.value);
    note.hidden = !match || !count;
    if (note.hidden) return;
    const [day, month, year] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
    const target = new Date(year, month + count, 1);
    const last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
    const end = new Date(target.getFullYear(), target.getMonth(), Math.min(day, last) - 1);
    note.querySelector("strong").textContent =
      `${two(end.getDate())}.${two(end.getMonth() + 1)}.${end.getFullYear()}`;
    const inSummer = [5, 6, 7].includes(end.getMonth()) && !(summer && summer.checked);
    note.querySelector("span").textContent = inSummer ? `— ${note.dataset.summer}` : "";
  };
  for (const field of [start, months, summer]) {
    if (field) ["change", "input"].forEach(kind => field.addEventListener(kind, show));
  }
  show();
})();
