/**
 * The one script of an exported HTML notebook, as plain ES2017 text. It moves the threshold
 * markers and confusion counts of evaluation cells with their sliders (a click on a curve picks
 * the threshold of the nearest point), and runs presentation
 * mode: one cell per slide, arrow keys, Page Up/Down, Space, Home and End to move, P to toggle,
 * Escape to leave. It reads data only from the JSON element `perflens-data` and writes only
 * text and SVG attributes, never HTML.
 */
export const EXPORT_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('perflens-data').textContent);
  var layout = data.layout;

  function toPlot(x, y) {
    return [layout.left + x * layout.width, layout.top + (1 - y) * layout.height];
  }

  function setText(root, field, text) {
    var element = root.querySelector('[data-field="' + field + '"]');
    if (element) element.textContent = text;
  }

  function moveMarker(root, chart, point) {
    var marker = root.querySelector('circle.pl-marker[data-chart="' + chart + '"]');
    if (!marker) return;
    var position = point ? toPlot(point[0], point[1]) : [-100, -100];
    marker.setAttribute('cx', position[0].toFixed(1));
    marker.setAttribute('cy', position[1].toFixed(1));
  }

  function percent(value) {
    return isFinite(value) ? (value * 100).toFixed(1) + '%' : '-';
  }

  function updateEvaluation(input) {
    var evaluation = data.evaluations[input.getAttribute('data-cell')];
    var root = input.closest('section');
    if (!evaluation || !root) return;
    var threshold = Number(input.value);
    var tp = 0, fp = 0, fn = 0, tn = 0;
    for (var i = 0; i < evaluation.scores.length; i++) {
      var flagged = evaluation.scores[i] >= threshold;
      if (evaluation.labels[i] === 1) {
        if (flagged) tp++; else fn++;
      } else if (flagged) {
        fp++;
      } else {
        tn++;
      }
    }
    var precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    var recall = tp + fn === 0 ? NaN : tp / (tp + fn);
    setText(root, 'threshold', threshold.toFixed(3));
    setText(root, 'tp', String(tp));
    setText(root, 'fp', String(fp));
    setText(root, 'fn', String(fn));
    setText(root, 'tn', String(tn));
    setText(root, 'precision', percent(precision));
    setText(root, 'recall', percent(recall));
    var output = root.querySelector('output.pl-threshold-value');
    if (output) output.textContent = threshold.toFixed(3);
    moveMarker(root, 'pr', isNaN(recall) ? null : [recall, tp + fp === 0 ? 1 : precision]);
    moveMarker(root, 'roc', isNaN(recall) || fp + tn === 0 ? null : [fp / (fp + tn), recall]);
  }

  /** Lists each distinct score as a threshold with its PR and ROC point, highest first. */
  function curvePoints(evaluation) {
    var order = evaluation.scores.map(function (score, index) { return index; });
    order.sort(function (a, b) { return evaluation.scores[b] - evaluation.scores[a]; });
    var positives = evaluation.labels.filter(function (label) { return label === 1; }).length;
    var negatives = evaluation.labels.length - positives;
    var points = [];
    var tp = 0, fp = 0;
    for (var k = 0; k < order.length; k++) {
      if (evaluation.labels[order[k]] === 1) tp++; else fp++;
      var score = evaluation.scores[order[k]];
      var next = order[k + 1];
      if (next !== undefined && evaluation.scores[next] === score) continue;
      points.push({
        threshold: score,
        pr: [positives ? tp / positives : 0, tp / (tp + fp)],
        roc: [negatives ? fp / negatives : 0, positives ? tp / positives : 0]
      });
    }
    return points;
  }

  /** Moves the slider to the curve point nearest a click on a chart. */
  function pickThreshold(event, input, chart, points) {
    var svg = event.currentTarget;
    var box = svg.getBoundingClientRect();
    var scale = svg.viewBox.baseVal.width / box.width;
    var x = ((event.clientX - box.left) * scale - layout.left) / layout.width;
    var y = 1 - ((event.clientY - box.top) * scale - layout.top) / layout.height;
    var best = null, bestDistance = Infinity;
    for (var k = 0; k < points.length; k++) {
      var point = points[k][chart];
      var distance = Math.pow(point[0] - x, 2) + Math.pow(point[1] - y, 2);
      if (distance < bestDistance) { bestDistance = distance; best = points[k]; }
    }
    if (best === null) return;
    input.value = String(best.threshold);
    updateEvaluation(input);
  }

  var sliders = document.querySelectorAll('input.pl-threshold');
  Array.prototype.forEach.call(sliders, function (slider) {
    slider.addEventListener('input', function () { updateEvaluation(slider); });
    updateEvaluation(slider);

    var evaluation = data.evaluations[slider.getAttribute('data-cell')];
    var section = slider.closest('section');
    if (!evaluation || !section) return;
    var points = curvePoints(evaluation);
    ['pr', 'roc'].forEach(function (chart) {
      var svg = section.querySelector('svg.pl-chart-' + chart);
      if (!svg) return;
      svg.classList.add('pl-pickable');
      svg.addEventListener('click', function (event) { pickThreshold(event, slider, chart, points); });
    });
  });

  var cells = Array.prototype.slice.call(document.querySelectorAll('section.pl-cell'));
  var current = 0;
  var counter = document.getElementById('pl-slide-counter');

  function show(index) {
    if (cells.length === 0) return;
    current = Math.max(0, Math.min(cells.length - 1, index));
    for (var c = 0; c < cells.length; c++) cells[c].classList.toggle('pl-current', c === current);
    var details = cells[current].querySelector('details');
    if (details) details.open = true;
    if (counter) counter.textContent = (current + 1) + ' / ' + cells.length;
  }

  function present(on) {
    document.body.classList.toggle('pl-presenting', on);
    if (on) show(current);
  }

  document.getElementById('pl-present').addEventListener('click', function () { present(true); });
  document.getElementById('pl-exit').addEventListener('click', function () { present(false); });

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (target && target.tagName === 'INPUT') return;
    var presenting = document.body.classList.contains('pl-presenting');
    if (event.key === 'p' || event.key === 'P') { present(!presenting); return; }
    if (!presenting) return;
    var keys = {
      ArrowRight: 1, ArrowDown: 1, PageDown: 1, ' ': 1,
      ArrowLeft: -1, ArrowUp: -1, PageUp: -1
    };
    if (event.key in keys) { show(current + keys[event.key]); event.preventDefault(); }
    else if (event.key === 'Home') show(0);
    else if (event.key === 'End') show(cells.length - 1);
    else if (event.key === 'Escape') present(false);
  });

  if (location.hash === '#present') present(true);
})();
`;
