// Inside the embedded programme (/einbetten): tell the page around it how tall the list is,
// so that /einbetten.js on that page can size the iframe. Works without it, too.
(function () {
  function send() {
    parent.postMessage({ kulturportal: "height", height: document.documentElement.scrollHeight }, "*");
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
})();
