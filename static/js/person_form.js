// The person form shows the student's or the staff member's fields, after the kind chosen.
(() => {
  const kind = document.getElementById("id_kind");
  if (!kind) return;
  const toggle = () => {
    const student = kind.value === "student";
    document.querySelectorAll(".person-student-fields").forEach(el => { el.hidden = !student; });
    document.querySelectorAll(".person-staff-fields").forEach(el => { el.hidden = student; });
  };
  kind.addEventListener("change", toggle);
  toggle();
})();

// A link from an order's page («исправить склонение») opens the collapsed name-cases block.
(() => {
  const block = document.getElementById("name-cases");
  if (block && window.location.hash === "#name-cases") block.open = true;
})();
