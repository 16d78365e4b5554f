// Draws the report's charts from the JSON block the page carries; Chart.js is inlined before this script.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var palette = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  // A report is read, not watched: no animation, so the charts are complete as soon as the page has loaded.
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';
  data.charts.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) { return; }
    var scales = {
      x: { stacked: spec.stacked, title: { display: spec.xTitle !== '', text: spec.xTitle } },
      y: { stacked: spec.stacked, beginAtZero: true, title: { display: spec.yTitle !== '', text: spec.yTitle } }
    };
    if (spec.y2Title !== '') {
      scales.y2 = { position: 'right', beginAtZero: true, suggestedMax: 100, grid: { drawOnChartArea: false }, title: { display: true, text: spec.y2Title } };
    }
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (series, index) {
          var color = series.color || palette[index % palette.length];
          return { label: series.label, data: series.data, type: series.type || undefined, yAxisID: series.yAxisId, backgroundColor: color, borderColor: color, spanGaps: true };
        })
      },
      options: { responsive: true, maintainAspectRatio: false, plugins: { title: { display: true, text: spec.title } }, scales: scales }
    });
  });
})();
