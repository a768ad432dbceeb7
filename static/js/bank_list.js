// A bank's list: select all rows, and point the export link at the rows ticked (also those
// ticked before this script arrived or restored by the browser on going back).
(() => {
  const all = document.getElementById("select-all");
  const exportLink = document.getElementById("export-selected");
  if (!all || !exportLink) return;
  const boxes = [...document.querySelectorAll('input[name="ids"][form="bulk-form"]')];
  const update = () => {
    const ids = boxes.filter(box => box.checked).map(box => box.value);
    exportLink.classList.toggle("disabled", !ids.length);
    exportLink.setAttribute("aria-disabled", String(!ids.length));
    exportLink.href = ids.length ? `${exportLink.dataset.base}?ids=${ids.join(",")}` : "#";
    all.checked = ids.length > 0 && ids.length === boxes.length;
  };
  boxes.forEach(box => box.addEventListener("change", update));
  all.addEventListener("change", () => { boxes.forEach(box => { box.checked = all.checked; }); update(); });
  update();
})();
