// Draws the monitoring page's trend: each <canvas data-line-chart="id"> takes its lines from
// the json_script element of that id ({labels, datasets: [{label, data}]}); the table under it
// holds the same figures.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  var style = getComputedStyle(document.documentElement);
  Chart.defaults.color = style.getPropertyValue("--bs-body-color").trim() || "#212529";
  Chart.defaults.font.family = style.getPropertyValue("--bs-body-font-family").trim() || "sans-serif";
  // Distinct colours, and a dash pattern each, so lines differ without colour too.
  var colours = ["#0d6efd", "#d63384", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#dc3545", "#6c757d"];
  var dashes = [[], [6, 3], [2, 2], [8, 3, 2, 3], [], [6, 3], [2, 2], [8, 3, 2, 3]];
  var points = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "cross", "dash"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.lineChart);
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset, index) {
          var colour = colours[index % colours.length];
          return {
            label: dataset.label,
            data: dataset.data,
            borderColor: colour,
            backgroundColor: colour,
            borderDash: dashes[index % dashes.length],
            pointStyle: points[index % points.length],
            pointRadius: 4,
            spanGaps: true
          };
        })
      },
      options: {
        maintainAspectRatio: false,
        responsive: true,
        animation: false,
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 8 } } },
        scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + " %"; } } } }
      }
    });
  }

  document.querySelectorAll("canvas[data-line-chart]").forEach(draw);
})();
