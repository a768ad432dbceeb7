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
