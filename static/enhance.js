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
