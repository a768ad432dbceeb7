// Draws the charts of a survey's results with Chart.js. Each <canvas data-chart="id"> takes its
// figures from the json_script element of that id; the table under it holds the same figures.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  var style = getComputedStyle(document.documentElement);
  var primary = style.getPropertyValue("--bs-primary").trim() || "#0d6efd";
  var text = style.getPropertyValue("--bs-body-color").trim() || "#212529";
  Chart.defaults.color = text;
  Chart.defaults.font.family = style.getPropertyValue("--bs-body-font-family").trim() || "sans-serif";

  function wrap(label, width) {
    // Long labels break into lines: about 40 characters beside horizontal bars, fewer under
    // vertical ones.
    var words = String(label).split(" ");
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      if ((line + " " + word).trim().length > width && line) {
        lines.push(line);
        line = word;
      } else {
        line = (line + " " + word).trim();
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var horizontal = spec.type === "horizontal" || spec.type === "matrix";
    var valueAxis = {
      beginAtZero: true,
      ticks: { precision: spec.type === "matrix" ? undefined : 0 }
    };
    if (spec.type === "matrix") {
      valueAxis.min = spec.min;
      valueAxis.max = spec.max;
    }
    var scales = horizontal
      ? { x: valueAxis, y: { ticks: { autoSkip: false } } }
      : { y: valueAxis, x: { ticks: { autoSkip: false, maxRotation: 0 } } };
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.labels.map(function (label) {
          return wrap(label, horizontal ? 40 : 14);
        }),
        datasets: [{ label: spec.label, data: spec.data, backgroundColor: primary, borderRadius: 3 }]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        responsive: true,
        animation: false,
        plugins: { legend: { display: false } },
        scales: scales
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
