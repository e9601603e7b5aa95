// Draw each <canvas data-chart-source="ID"> from the JSON in <script id="ID">, with Chart.js
// (static/dist/chart.umd.min.js, built from npm). Every chart has a table of the same figures
// beside it, so the canvas is decoration for sighted readers, never the only way to the data.
// Series are told apart by their legend words and by line style, not by colour alone.
(function () {
  "use strict";

  function dataset(spec, type) {
    var options = {
      label: spec.label,
      data: spec.data,
      backgroundColor: spec.colour,
      borderColor: spec.colour,
      borderWidth: type === "line" ? 3 : 1,
      spanGaps: true,
    };
    if (spec.dashed) {
      options.borderDash = [6, 4];
      options.pointStyle = "rectRot";
      options.pointRadius = 5;
    }
    return options;
  }

  function axisTitle(text) {
    return text ? { display: true, text: text } : { display: false };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chartSource);
    if (!source || typeof Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var type = spec.type || "bar";
    new Chart(canvas, {
      type: type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (item) {
          return dataset(item, type);
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: true,
        aspectRatio: type === "line" ? 3 : 2.5,
        plugins: {
          legend: { display: spec.datasets.length > 1, labels: { usePointStyle: true } },
          title: { display: false },
        },
        scales: {
          x: { stacked: Boolean(spec.stacked), title: axisTitle(spec.xTitle) },
          y: {
            stacked: Boolean(spec.stacked),
            beginAtZero: true,
            ticks: spec.wholeNumbers ? { precision: 0 } : {},
            title: axisTitle(spec.yTitle),
          },
        },
      },
    });
  }

  function setUpPrintButtons() {
    document.querySelectorAll("[data-app-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  // Chart.js draws at the screen's width; redraw at the paper's width before printing.
  function resizeForPrint() {
    if (typeof Chart === "undefined") {
      return;
    }
    Object.values(Chart.instances).forEach(function (chart) {
      chart.resize();
    });
  }

  document.querySelectorAll("canvas[data-chart-source]").forEach(draw);
  setUpPrintButtons();
  window.addEventListener("beforeprint", resizeForPrint);
})();
