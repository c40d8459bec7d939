// The maps of places (maps/templates/map.html): the places' boundaries drawn with Leaflet, with
// no tile layer (nothing is fetched from elsewhere). The page's table holds the same values.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("map");
  const source = document.getElementById("map-data");
  if (!el || !source || !window.L) return;
  const data = JSON.parse(source.textContent);
  const map = L.map(el, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false });

  // A popup's content, built as text (names come from people).
  const card = (title, lines) => {
    const div = document.createElement("div");
    const h = document.createElement("strong");
    h.textContent = title;
    div.append(h);
    for (const [label, items] of lines) {
      if (!items.length) continue;
      const p = document.createElement("p");
      p.textContent = label ? `${label}: ${items.join("; ")}` : items.join("; ");
      div.append(p);
    }
    return div;
  };
  const programs = el.dataset.programs || "Programs";
  const assets = el.dataset.assets || "Community assets";

  const features = data.places.map((p) => ({ type: "Feature", properties: p, geometry: p.geometry }));
  // Places holding others first, so the smaller places are on top.
  features.sort((a, b) => (b.properties.outline ? 1 : 0) - (a.properties.outline ? 1 : 0));
  const layer = L.geoJSON(
    { type: "FeatureCollection", features },
    {
      style: (f) => {
        const p = f.properties;
        if (p.outline) return { fill: false, color: "#222", weight: 2.5, dashArray: "6 4", interactive: false };
        return {
          color: "#444",
          weight: 1,
          fillOpacity: 0.85,
          fillColor: p.hidden ? "url(#map-hatch)" : p.color || "#f4f4f4",
        };
      },
      onEachFeature: (f, l) => {
        const p = f.properties;
        if (p.outline) return;
        l.bindTooltip(p.label ? `${p.name}: ${p.label}` : p.name);
        l.bindPopup(card(p.name, [["", p.label ? [p.label] : []], [programs, p.activities], [assets, p.assets]]));
      },
    },
  ).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  // Each shape says which place it is (for tests and for styling).
  layer.eachLayer((l) => l.getElement()?.setAttribute("data-code", l.feature.properties.code));

  // The hatching of places hidden to protect privacy, in the map's own SVG.
  const svg = el.querySelector(".leaflet-overlay-pane svg");
  if (svg) {
    const ns = "http://www.w3.org/2000/svg";
    const defs = document.createElementNS(ns, "defs");
    const pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "map-hatch");
    pattern.setAttribute("width", "8");
    pattern.setAttribute("height", "8");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("patternTransform", "rotate(45)");
    const bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", "8");
    bg.setAttribute("height", "8");
    bg.setAttribute("fill", "#d9d9d9");
    const line = document.createElementNS(ns, "rect");
    line.setAttribute("width", "3");
    line.setAttribute("height", "8");
    line.setAttribute("fill", "#737373");
    pattern.append(bg, line);
    defs.append(pattern);
    svg.prepend(defs);
  }

  for (const pin of data.pins) {
    L.circleMarker([pin.lat, pin.lon], {
      radius: 6,
      color: "#fff",
      weight: 1.5,
      fillColor: pin.resident_led ? "#1b7837" : "#d95f02",
      fillOpacity: 1,
      className: "asset-pin",
    })
      .bindTooltip(pin.name)
      .addTo(map);
  }
});
