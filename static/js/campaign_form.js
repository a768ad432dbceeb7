// The campaign form shows the picker of the chosen audience only (pairs, classes or people)
// and names a new campaign after the questionnaire chosen while the title is still empty or
// the previous questionnaire's, also when the choice was made before this script arrived (a slow
// connection, or a form the browser restored). Without scripts every picker stays visible.
(() => {
  const audience = document.getElementById("id_audience");
  if (audience) {
    const blocks = document.querySelectorAll("[data-audience-block]");
    const show = () => {
      for (const block of blocks) block.hidden = block.dataset.audienceBlock !== audience.value;
    };
    audience.addEventListener("change", show);
    show();
  }
  // A school has hundreds of people: a box above the list narrows it by name or class.
  const filterBlock = document.querySelector("[data-people-filter]");
  const people = document.getElementById("id_people");
  if (filterBlock && people) {
    filterBlock.hidden = false;
    const box = filterBlock.querySelector("input");
    box.addEventListener("input", () => {
      const words = box.value.toLowerCase().replaceAll("ё", "е").split(/\s+/).filter(Boolean);
      for (const option of people.options) {
        const text = option.text.toLowerCase().replaceAll("ё", "е");
        option.hidden = !option.selected && !words.every(word => text.includes(word));
      }
    });
  }
  const version = document.getElementById("id_version");
  const title = document.getElementById("id_title");
  const data = document.getElementById("questionnaire-titles");
  if (!version || !title || !data) return;
  const titles = JSON.parse(data.textContent);
  let suggested = titles[version.value] || "";
  // An empty title is saved as the questionnaire's own, so showing it changes nothing.
  if (!title.value.trim()) title.value = suggested;
  version.addEventListener("change", () => {
    const next = titles[version.value] || "";
    if (!title.value.trim() || title.value === suggested) title.value = next;
    suggested = next;
  });
})();
