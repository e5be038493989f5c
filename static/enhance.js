// Progressive enhancement only: the portal works without this file.
// Filter checkboxes and radios submit the form as soon as they change (htmx swaps the
// results); the submit button stays for keyboard and no-JS users.
document.addEventListener("change", function (e) {
  var form = e.target.closest("form[data-autosubmit]");
  if (form && window.htmx && e.target.type !== "text" && e.target.type !== "search") {
    window.htmx.trigger(form, "submit");
  }
});

// The event editor: show only the date fields that belong to the chosen kind of dates.
function showDateGroups(form) {
  var mode = form.querySelector("input[name=date_mode]:checked");
  if (!mode) return;
  form.querySelectorAll("[data-modes]").forEach(function (group) {
    group.hidden = group.getAttribute("data-modes").split(" ").indexOf(mode.value) < 0;
  });
}
document.addEventListener("change", function (e) {
  if (e.target.name === "date_mode") showDateGroups(e.target.form);
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.editor").forEach(showDateGroups);
});

// The list's filters sit behind „Filter (n)“ on small screens; on wide ones the panel is
// a sidebar and stays open (CSS shows it too where ::details-content is known).
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 56rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }
});

// The social-media desk: characters left per channel as the server counts them
// (characters, not bytes; a link counts 23; with the link and the hashtags).
function socialRest(form) {
  var seen = {};
  var tags = (form.querySelector("[name=hashtags]") || { value: "" }).value
    .split(/[\s,;]+/).map(function (t) { return t.replace(/^#+/, ""); })
    .filter(function (t) {
      var k = t.toLowerCase();
      if (!t || seen[k]) return false;
      seen[k] = true;
      return true;
    });
  var count = function (s) {
    return s.split(/(\s+)/).reduce(function (n, w) {
      return n + (/^https?:\/\//.test(w) ? 23 : Array.from(w).length);
    }, 0);
  };
  form.querySelectorAll("textarea[data-limit]").forEach(function (area) {
    var out = document.getElementById("r-" + area.name);
    if (!out) return;
    var text = area.value.trim();
    var used = count(text) + 2 + 23 + (tags.length ? 2 + count(tags.map(function (t) { return "#" + t; }).join(" ")) : 0);
    var left = parseInt(area.getAttribute("data-limit"), 10) - used;
    out.textContent = left < 0 ? (-left) + " Zeichen zu viel" : "noch " + left + " Zeichen";
    out.classList.toggle("over", left < 0);
  });
}
document.addEventListener("input", function (e) {
  var form = e.target.closest("form.social-form");
  if (form) socialRest(form);
});
