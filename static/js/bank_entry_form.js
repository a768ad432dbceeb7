// A bank entry's form: the categories that fit the person, and catalogue suggestions for a
// comma-separated list of names.
(() => {
  const form = document.getElementById("bank-entry-form");
  if (!form) return;
  // Students' categories for a student, teachers' otherwise; «show all» reveals the rest.
  // A second group may name the kinds it is for in data-kinds (mentors' grounds).
  const select = document.getElementById("id_person");
  const groups = {
    teacher: form.querySelector(".bank-teacher-categories"),
    student: form.querySelector(".bank-student-categories"),
  };
  const showAll = form.querySelector("[data-show-all-categories]");
  if (groups.teacher && groups.student) {
    const kind = () => (select ? select.selectedOptions[0]?.dataset.kind : form.dataset.personKind) || "";
    let everything = false;
    const toggle = () => {
      const current = kind();
      let hidden = false;
      for (const [name, group] of Object.entries(groups)) {
        const kinds = groups.student.dataset.kinds?.split(" ") || ["student"];
        const fits = everything || !current || (name === "student") === kinds.includes(current);
        group.hidden = !fits && !group.querySelector("input:checked");
        hidden ||= group.hidden;
      }
      showAll.hidden = !hidden;
    };
    select?.addEventListener("change", toggle);
    showAll.addEventListener("click", () => { everything = true; toggle(); });
    toggle();
  }
  // Suggest catalogue entries for the name typed after the last comma.
  const input = form.querySelector('input[list="tag-catalogue"]');
  const list = document.getElementById("tag-catalogue");
  if (input && list) {
    const names = [...list.options].map(option => option.value);
    input.addEventListener("input", () => {
      const cut = input.value.lastIndexOf(",");
      const prefix = cut < 0 ? "" : `${input.value.slice(0, cut + 1)} `;
      const typed = new Set(input.value.split(",").map(name => name.trim().toLowerCase()));
      const left = names.filter(name => !typed.has(name.toLowerCase()));
      list.replaceChildren(...left.map(name => new Option(prefix + name, prefix + name)));
    });
  }
})();
