// The venue map, only where the operator configured a tile server (KP_MAP_TILES).
// Without JavaScript, without tiles or when the tile server cannot be reached, the page
// keeps its own fallback: the drawn overview and the numbered list of venues.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("karte");
  if (!box || !window.L) return;
  var fallback = document.getElementById("lageplan");
  var items = document.querySelectorAll("#ortsliste [data-lat]");
  if (!items.length) return;
  box.hidden = false;
  var map = window.L.map(box, { scrollWheelZoom: false });
  var layer = window.L.tileLayer(box.getAttribute("data-tiles"), {
    maxZoom: 19,
    attribution: box.getAttribute("data-attribution") || ""
  }).addTo(map);
  var failed = 0;
  layer.on("tileerror", function () {
    failed += 1;
    // No tile server reachable: show the drawn overview again.
    if (failed === 4 && fallback) {
      fallback.hidden = false;
      box.hidden = true;
    }
  });
  var bounds = [];
  items.forEach(function (li) {
    var at = [parseFloat(li.getAttribute("data-lat")), parseFloat(li.getAttribute("data-lon"))];
    bounds.push(at);
    var link = li.querySelector("a");
    var marker = window.L.circleMarker(at, { radius: 8, weight: 2, color: "#0b5c7a", fillOpacity: 0.8 }).addTo(map);
    if (link) {
      var a = document.createElement("a");
      a.href = link.getAttribute("href");
      a.textContent = link.textContent;
      marker.bindPopup(a);
    }
  });
  map.fitBounds(bounds, { padding: [24, 24] });
  if (fallback) fallback.hidden = true;
});
