// The chart by month: the server writes where a bar, a dot or today's line sits in its month's
// cell as data-left and data-width (percent); inline styles are refused by the
// Content-Security-Policy, styles set from a script are not.
(() => {
  document.querySelectorAll(".tl [data-left]").forEach(mark => {
    mark.style.left = `${mark.dataset.left}%`;
    if (mark.dataset.width) mark.style.width = `${mark.dataset.width}%`;
  });
})();
