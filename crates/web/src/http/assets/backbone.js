// Backbone: small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Focus the first field with a problem so keyboard and screen-reader users land on it.
  const bad = document.querySelector("[aria-invalid=true]");
  if (bad) bad.focus();
});

// Indicator charts: the data comes in a data-chart attribute; Chart.js draws it.
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("indicator-chart");
  if (!canvas || !window.Chart) return;
  const data = JSON.parse(canvas.dataset.chart);
  const palette = ["#1f5f8b", "#b35c00", "#0f7c8a", "#7b3294", "#a1262b", "#4e5a6b", "#8a6d00", "#c2185b"];
  let g = 0;
  const datasets = data.series.map((s) => {
    if (s.kind === "actual") return { label: s.label, data: s.values, borderColor: "#1b2330", backgroundColor: "#1b2330", borderWidth: 3, spanGaps: true };
    if (s.kind === "forecast") return { label: s.label, data: s.values, borderColor: "#6b7685", borderDash: [6, 5], pointRadius: 0, spanGaps: true };
    if (s.kind === "target") return { label: s.label, data: s.values, borderColor: "#2e7d5b", backgroundColor: "#2e7d5b", showLine: false, pointStyle: "rectRot", pointRadius: 8 };
    const c = palette[g++ % palette.length];
    return { label: s.label, data: s.values, borderColor: c, backgroundColor: c, borderWidth: 1.5, spanGaps: false };
  });
  const suffix = data.unit === "percent" ? "%" : "";
  new window.Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets },
    options: {
      animation: false,
      responsive: true,
      plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.y.toFixed(1)}${suffix}` } } },
      scales: { y: { ticks: { callback: (v) => `${v}${suffix}` } } },
    },
  });
  canvas.dataset.rendered = "true";
});

// A file chosen in an input with data-fills="FIELD" is read into that text box, so a CSV can be
// chosen instead of pasted (the form still sends text; without JavaScript, paste it).
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[type=file][data-fills]")) {
    const target = document.getElementById(input.dataset.fills);
    if (!target) continue;
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (!file) return;
      file.text().then((text) => {
        target.value = text;
        target.dispatchEvent(new Event("input"));
      });
    });
  }
});

// The partner network map: Cytoscape.js draws the organisations and their ties from the data
// in data-network; a sector can be picked out, and the map saved as a PNG to present.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("network-map");
  if (!box || !window.cytoscape) return;
  const data = JSON.parse(box.dataset.network);
  const palette = ["#1f5f8b", "#b35c00", "#0f7c8a", "#7b3294", "#a1262b", "#4e5a6b", "#8a6d00", "#c2185b", "#2e7d5b", "#5b4bb7", "#6b7685"];
  const sectors = [...new Set(data.nodes.map((n) => n.sector))].sort();
  const colour = (s) => palette[sectors.indexOf(s) % palette.length];
  const cy = window.cytoscape({
    container: box,
    elements: [
      ...data.nodes.map((n) => ({ data: { ...n, colour: colour(n.sector), size: 14 + 4 * Math.sqrt(n.degree) } })),
      ...data.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target } })),
    ],
    style: [
      { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)", label: "data(name)", "font-size": 9, color: "#1b2330", "text-wrap": "wrap", "text-max-width": 90 } },
      { selector: "edge", style: { width: 1, "line-color": "#9aa5b1", opacity: 0.7 } },
      { selector: ".faded", style: { opacity: 0.12 } },
    ],
    layout: { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 70, componentSpacing: 120 },
    wheelSensitivity: 0.2,
  });
  const filter = document.getElementById("sector-filter");
  if (filter) {
    filter.addEventListener("change", () => {
      cy.elements().removeClass("faded");
      box.dataset.shown = String(cy.nodes().length);
      if (!filter.value) return;
      const keep = cy.nodes().filter((n) => n.data("sector") === filter.value);
      cy.elements().difference(keep.union(keep.connectedEdges())).addClass("faded");
      box.dataset.shown = String(keep.length);
    });
  }
  const save = document.getElementById("network-export");
  if (save) {
    save.addEventListener("click", () => {
      const a = document.createElement("a");
      a.href = cy.png({ full: true, scale: 2, bg: "#ffffff" });
      a.download = save.dataset.file || "network.png";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  }
  box.dataset.rendered = "true";
});

// A table's self-assessment: each part's average score, round by round (1 to 5); the table
// beside it has the same numbers.
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("assessment-chart");
  if (!canvas || !window.Chart) return;
  const data = JSON.parse(canvas.dataset.chart);
  const palette = ["#1f5f8b", "#b35c00", "#0f7c8a", "#7b3294"];
  const datasets = data.series.map((s, i) => ({
    label: s.label, data: s.values, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderWidth: 2, spanGaps: false,
  }));
  new window.Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets },
    options: { animation: false, responsive: true, plugins: { legend: { position: "bottom" } }, scales: { y: { min: 1, max: 5 } } },
  });
  canvas.dataset.rendered = "true";
});
