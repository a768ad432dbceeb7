// The application to a bank shows the mentee's or the mentor's part, after the bank chosen.
(() => {
  const choices = document.querySelectorAll("input[name=bank]");
  if (!choices.length) return;
  const toggle = () => {
    const bank = document.querySelector("input[name=bank]:checked")?.value ?? "";
    document.querySelectorAll(".apply-mentee-fields").forEach(el => { el.hidden = bank !== "mentee"; });
    document.querySelectorAll(".apply-mentor-fields").forEach(el => { el.hidden = bank !== "mentor"; });
  };
  choices.forEach(el => el.addEventListener("change", toggle));
  toggle();
})();
