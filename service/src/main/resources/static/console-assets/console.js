// The console's only script. Content-Security-Policy allows scripts from this origin and no inline
// script, so page data reaches it through data-* attributes, which the templates fill as escaped text.
(function () {
  'use strict';
  var colours = { accepted: '#2e7d32', anonymised: '#b26a00', rejected: '#c62828' };

  function drawOutcomeChart(canvas) {
    var data;
    try {
      data = JSON.parse(canvas.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    var datasets = Object.keys(data.series).map(function (outcome) {
      return { label: outcome, data: data.series[outcome], backgroundColor: colours[outcome] || '#555' };
    });
    // Chart.js sets canvas sizes through the CSSOM, which the policy allows; it needs no inline style.
    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } }
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll('canvas[data-chart]').forEach(drawOutcomeChart);
  });
})();
