// Progressive enhancement only: the portal works without this file.
// Filter checkboxes and radios submit the form as soon as they change (htmx swaps the
// results); the submit button stays for keyboard and no-JS users.
document.addEventListener("change", function (e) {
  var form = e.target.closest("form[data-autosubmit]");
  if (form && window.htmx && e.target.type !== "text" && e.target.type !== "search") {
    window.htmx.trigger(form, "submit");
  }
});
