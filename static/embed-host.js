// For institutions' own pages: sizes every <iframe data-kulturportal> to its content.
// Include with <script src="https://…/einbetten.js" async></script>; nothing is tracked.
window.addEventListener("message", function (e) {
  if (!e.data || e.data.kulturportal !== "height" || typeof e.data.height !== "number") return;
  document.querySelectorAll("iframe[data-kulturportal]").forEach(function (frame) {
    if (frame.contentWindow === e.source) frame.style.height = Math.min(e.data.height, 20000) + "px";
  });
});
