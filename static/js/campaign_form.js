// The campaign form shows the picker of the chosen audience only (pairs, classes or people)
// and names a new campaign after the questionnaire chosen while the title is still empty or
// the previous questionnaire's. Without scripts every picker stays visible.
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
  const version = document.getElementById("id_version");
  const title = document.getElementById("id_title");
  const data = document.getElementById("questionnaire-titles");
  if (!version || !title || !data) return;
  const titles = JSON.parse(data.textContent);
  let suggested = titles[version.value] || "";
  version.addEventListener("change", () => {
    const next = titles[version.value] || "";
    if (!title.value.trim() || title.value === suggested) title.value = next;
    suggested = next;
  });
})();
